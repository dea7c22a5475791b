/** What the PowerOffice client needs from the outside world, passed in so tests and the engine choose real or fake. */
import { type FetchLike, type HttpDeps, type HttpRuntime, resolveHttpRuntime } from "../http-exchange";
import type { RateLimiter } from "./rate-limiter";
import { sharedRateLimiter } from "./rate-limiter";

export type { FetchLike };

/** Where and as whom the client speaks to PowerOffice (read from env by worker/wiring/config.ts). */
export interface PowerOfficeConfig {
  baseUrl: string;
  tokenUrl: string;
  applicationKey: string;
  /** As configured, or where to read it: only when a token must be minted. */
  clientKey: string | ClientKeySource;
  subscriptionKey: string;
}

/** A client key kept elsewhere (sealed in D1 by onboarding), read only when a token is minted. */
export interface ClientKeySource {
  /** Names the connection in the token cache's key (hashed); new with every connection. Null: not connected. */
  cacheName(): Promise<string | null>;
  /** The client key, or null when there is none or it cannot be opened. */
  clientKey(): Promise<string | null>;
}

/**
 * A KV-shaped cache for the access token. A Workers KV namespace fits as is. It is a cache only: a miss, a stale
 * value or a failing cache costs one token request, never correctness.
 */
export interface TokenCache {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

/** fetch, sleep, now, random and requestTimeoutMs as every connector takes them (HttpDeps), and PowerOffice's own. */
export interface PowerOfficeDeps extends HttpDeps {
  config: PowerOfficeConfig;
  cache: TokenCache;
  /** Defaults to the isolate-wide limiter of the subscription key; tests with a fake clock pass their own. */
  limiter?: RateLimiter;
}

/** Every dependency filled in. */
export interface Runtime extends HttpRuntime {
  config: PowerOfficeConfig;
  cache: TokenCache;
  limiter: RateLimiter;
}

/** PowerOffice answers within seconds; a minute without an answer means the request is lost. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export function resolveDeps(deps: PowerOfficeDeps): Runtime {
  return {
    ...resolveHttpRuntime(deps, DEFAULT_REQUEST_TIMEOUT_MS),
    config: deps.config,
    cache: deps.cache,
    limiter: deps.limiter ?? sharedRateLimiter(deps.config.subscriptionKey),
  };
}
