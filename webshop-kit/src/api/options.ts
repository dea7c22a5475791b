/** What a shop passes to createWebshopApi. */
import type { WebshopAdapter } from "../adapter.js";

export interface WebshopApiOptions {
  /** The shop's storage (src/adapter.ts): memoryAdapter, d1Adapter, postgresAdapter or the shop's own. */
  adapter: WebshopAdapter;
  /** Bearer tokens accepted: one, or two while a token is rotated. */
  tokens: string | readonly string[];
  /** Where the API is mounted, e.g. "/api"; default "" (the root). */
  basePath?: string;
  /** Clock in ms; default Date.now. Drives updated_at, idempotency expiry and order dates. */
  now?: () => number;
}

export interface WebshopApi {
  /** Web-standard: Node ≥ 20, Cloudflare Workers, Deno and Bun. */
  fetch(request: Request): Promise<Response>;
}
