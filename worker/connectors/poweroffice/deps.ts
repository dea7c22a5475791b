/** What the PowerOffice client needs from the outside world, passed in so tests and the engine choose real or fake. */
import type { Config } from "../../config";
import type { FetchLike } from "../http/fetch-with-timeout";
import type { RateLimiter } from "./rate-limiter";
import { sharedRateLimiter } from "./rate-limiter";

export type { FetchLike };

/**
 * A KV-shaped cache for the access token. A Workers KV namespace fits as is. It is a cache only: a miss, a stale
 * value or a failing cache costs one token request, never correctness.
 */
export interface TokenCache {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
}

export interface PowerOfficeDeps {
  config: Config["poweroffice"];
  fetch: FetchLike;
  cache: TokenCache;
  /** Waits `ms` milliseconds; tests pass a fake that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds. */
  now?: () => number;
  /** Uniform in [0, 1): the jitter of retry delays. */
  random?: () => number;
  /** Defaults to the isolate-wide limiter of the subscription key; tests with a fake clock pass their own. */
  limiter?: RateLimiter;
  /** Gives up waiting for one answer after this long (real time, not `sleep`). */
  requestTimeoutMs?: number;
}

/** Every dependency filled in. */
export interface Runtime {
  config: Config["poweroffice"];
  fetch: FetchLike;
  cache: TokenCache;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  limiter: RateLimiter;
  requestTimeoutMs: number;
}

/** PowerOffice answers within seconds; a minute without an answer means the request is lost. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export function resolveDeps(deps: PowerOfficeDeps): Runtime {
  return {
    config: deps.config,
    fetch: deps.fetch,
    cache: deps.cache,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: deps.now ?? (() => Date.now()),
    random: deps.random ?? Math.random,
    limiter: deps.limiter ?? sharedRateLimiter(deps.config.subscriptionKey),
    requestTimeoutMs: deps.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
  };
}
