/** What the webshop client needs from the outside world, passed in so tests and the engine choose real or fake. */
import type { Config } from "../../config";
import type { FetchLike } from "../http/fetch-with-timeout";

export type { FetchLike };

export interface WebshopDeps {
  /** baseUrl (no trailing slash) and apiToken; the webhook secrets are not used here. */
  config: Pick<Config["webshop"], "baseUrl" | "apiToken">;
  fetch: FetchLike;
  /** Waits `ms` milliseconds; tests pass a fake that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds (reading an HTTP-date Retry-After). */
  now?: () => number;
  /** Uniform in [0, 1): the jitter of retry delays. */
  random?: () => number;
  /** Gives up waiting for one answer after this long (real time, not `sleep`), then retries. */
  requestTimeoutMs?: number;
}

/** Every dependency filled in. */
export interface Runtime {
  config: WebshopDeps["config"];
  fetch: FetchLike;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  requestTimeoutMs: number;
}

/** A webshop's small sync API should answer within seconds; 30 s without an answer means the request is lost. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function resolveDeps(deps: WebshopDeps): Runtime {
  return {
    config: { baseUrl: deps.config.baseUrl.replace(/\/+$/, ""), apiToken: deps.config.apiToken },
    fetch: deps.fetch,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: deps.now ?? (() => Date.now()),
    random: deps.random ?? Math.random,
    requestTimeoutMs: deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}
