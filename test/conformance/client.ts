/**
 * The kit's HTTP client for the shop under test: base URL + bearer token, JSON in and out, every answer kept whole
 * (status, headers, text) so a failed rule can say exactly what came back. 429 is waited out (Retry-After) so a
 * throttling shop is tested, not failed; nothing else is retried.
 */
import type { Resource } from "../../shared/webshop";
import type { FetchLike } from "./types";

export interface Reply {
  /** e.g. "POST /products", for messages. */
  request: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface RequestOptions {
  query?: [string, string][];
  /** Serialised with JSON.stringify; `rawBody` sends bytes as they are (bad JSON, byte-identical replays). */
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** undefined: the configured token; null: no Authorization header; a string: that token. */
  token?: string | null;
}

export interface ShopClientOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  sleep: (ms: number) => Promise<void>;
  /** Per request; undefined for none (in-process shops). */
  timeoutMs?: number;
  /** Called for every 201 to `POST /<resource>`, so whatever the kit made can be cleaned up. */
  onCreated: (resource: Resource, id: string) => void;
}

const MAX_THROTTLED_RETRIES = 5;
const MAX_RETRY_AFTER_MS = 60_000;

export class ShopClient {
  private readonly baseUrl: string;

  constructor(private readonly options: ShopClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    // Spaces as %20 rather than "+": some frameworks read a "+" in a query as a plus sign.
    const search = options.query?.length
      ? `?${options.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&")}`
      : "";
    const label = `${method} ${path}${search}`;
    for (let attempt = 0; ; attempt++) {
      const reply = await this.send(method, `${this.baseUrl}${path}${search}`, label, options);
      if (reply.status !== 429 || attempt >= MAX_THROTTLED_RETRIES) {
        this.track(method, path, reply);
        return reply;
      }
      const seconds = Number(reply.headers.get("retry-after"));
      await this.options.sleep(Math.min(Number.isFinite(seconds) ? seconds * 1000 : 1000, MAX_RETRY_AFTER_MS));
    }
  }

  get(path: string, query: [string, string][] = []): Promise<Reply> {
    return this.request("GET", path, { query });
  }

  /** GET /<resource>/<id>. */
  byId(resource: Resource, id: string): Promise<Reply> {
    return this.get(`/${resource}/${encodeURIComponent(id)}`);
  }

  /** `key` null sends no Idempotency-Key header. */
  post(resource: Resource, body: unknown, key: string | null, extra: RequestOptions = {}): Promise<Reply> {
    const headers = key === null ? { ...extra.headers } : { ...extra.headers, "Idempotency-Key": key };
    return this.request("POST", `/${resource}`, { body, ...extra, headers });
  }

  patch(resource: Resource, id: string, body: unknown, ifMatch?: number | string): Promise<Reply> {
    const headers: Record<string, string> = ifMatch === undefined ? {} : { "If-Match": String(ifMatch) };
    // application/json, as the worker sends merge patches (docs/webshop-api.md says why).
    return this.request("PATCH", `/${resource}/${encodeURIComponent(id)}`, { body, headers });
  }

  delete(resource: Resource, id: string): Promise<Reply> {
    return this.request("DELETE", `/${resource}/${encodeURIComponent(id)}`);
  }

  private async send(method: string, url: string, label: string, options: RequestOptions): Promise<Reply> {
    const headers = new Headers({ Accept: "application/json", ...options.headers });
    const token = options.token === undefined ? this.options.token : options.token;
    if (token !== null) headers.set("Authorization", `Bearer ${token}`);
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers.set("Content-Type", options.contentType ?? "application/json");
    const signal = this.options.timeoutMs ? AbortSignal.timeout(this.options.timeoutMs) : undefined;
    const response = await this.options.fetch(new Request(url, { method, headers, body, signal }));
    const text = await response.text();
    return { request: label, status: response.status, headers: response.headers, text, json: parseJson(text) };
  }

  private track(method: string, path: string, reply: Reply): void {
    const resource = /^\/(customers|products|orders)$/.exec(path)?.[1] as Resource | undefined;
    const id = (reply.json as { id?: unknown } | undefined)?.id;
    if (method === "POST" && resource && reply.status === 201 && typeof id === "string") {
      this.options.onCreated(resource, id);
    }
  }
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
