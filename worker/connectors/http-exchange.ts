/**
 * The HTTP exchange both connectors speak through: one attempt with a deadline, read to the end; a lost answer
 * (timed out, or fetch itself failed); 429s waited out as the connector's policy says; 5xx and lost answers re-sent
 * with capped, jittered backoff. What differs between PowerOffice and the webshop is passed in, never copied:
 * the retry policy (how many attempts, how long a 429 asks to wait, how to wait, a rate limiter before each attempt),
 * the request with its auth (built anew for each attempt), and the mapping of answers to each one's typed errors
 * (their api.ts).
 */

/** Any fetch that takes a Request: the global one, or an in-process simulator's. */
export type FetchLike = (request: Request) => Promise<Response>;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

/** No answer to read: the request may or may not have reached the other side. */
export type LostAnswer = { ok: false; timedOut: boolean; cause: string };

export type Attempt = { ok: true; response: RawResponse } | LostAnswer;

/** An answer worth returning, and how many attempts it took (a create re-sent more than once is checked). */
export type Exchange = Attempt & { attempts: number };

/** The shape of every connector call's outcome: the value, or the provider's own typed error (never thrown). */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** What a connector needs from the outside world, passed in so tests and the engine choose real or fake. */
export interface HttpDeps {
  fetch: FetchLike;
  /** Waits `ms` milliseconds; tests pass a fake that advances a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds (reading an HTTP-date Retry-After). */
  now?: () => number;
  /** Uniform in [0, 1): the jitter of retry delays. */
  random?: () => number;
  /** Gives up waiting for one answer after this long (real time, not `sleep`), then retries if the policy may. */
  requestTimeoutMs?: number;
}

/** Every dependency filled in. */
export interface HttpRuntime {
  fetch: FetchLike;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  random: () => number;
  requestTimeoutMs: number;
}

export function resolveHttpRuntime(deps: HttpDeps, defaultTimeoutMs: number): HttpRuntime {
  return {
    fetch: deps.fetch,
    sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    now: deps.now ?? (() => Date.now()),
    random: deps.random ?? Math.random,
    requestTimeoutMs: deps.requestTimeoutMs ?? defaultTimeoutMs,
  };
}

/** How one connector retries; each connector's retry-policy.ts holds its own. */
export interface RetryPolicy {
  /** Attempts against 5xx and lost answers, the first one included (1: never re-sent). */
  maxAttempts: number;
  /** 429s waited out before the caller is told to come back later. */
  maxThrottleRetries: number;
  /** A longer wait than this is not done inside a run: the 429 goes back to the caller, who reschedules. */
  maxThrottleWaitMs: number;
  /** How long the `throttles`-th 429 (from 1) asks to wait. */
  throttleWaitMs(response: RawResponse, throttles: number): number;
  /** Waits out a 429 before the next attempt; by default the runtime's sleep. */
  waitOutThrottle?(ms: number): Promise<void>;
  /** Before every attempt (PowerOffice's rate limiter). */
  beforeAttempt?(): Promise<void>;
}

/** Sends the request `build` makes (anew for each attempt) until it has an answer worth returning. */
export async function exchange(
  rt: HttpRuntime,
  build: (signal: AbortSignal) => Request,
  policy: RetryPolicy,
): Promise<Exchange> {
  let failures = 0;
  let throttles = 0;
  for (let attempts = 1; ; attempts++) {
    await policy.beforeAttempt?.();
    const result = await fetchWithTimeout(rt.fetch, build, rt.requestTimeoutMs);
    const status = result.ok ? result.response.status : 0;
    if (result.ok && status === 429 && throttles < policy.maxThrottleRetries) {
      throttles++;
      const wait = policy.throttleWaitMs(result.response, throttles);
      if (wait > policy.maxThrottleWaitMs) return { ...result, attempts };
      await (policy.waitOutThrottle ? policy.waitOutThrottle(wait) : rt.sleep(wait));
      continue;
    }
    if (!result.ok || status >= 500) {
      failures++;
      if (failures < policy.maxAttempts) {
        await rt.sleep(backoffDelayMs(failures, rt.random));
        continue;
      }
    }
    return { ...result, attempts };
  }
}

/** Retry n waits about RETRY_BASE_DELAY_MS · 2^(n-1), at most RETRY_MAX_DELAY_MS, with jitter. */
export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 8_000;

/** Capped exponential backoff with "equal jitter": between half and all of the capped delay. */
export function backoffDelayMs(retry: number, random: () => number): number {
  const capped = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (retry - 1));
  return Math.round(capped / 2 + (capped / 2) * random());
}

/**
 * Reads the `Retry-After` header (RFC 9110 §10.2.3), which both PowerOffice's gateway and the webshop may send:
 * delta-seconds or an HTTP date, in milliseconds from `nowMs`; undefined when absent or unreadable.
 */
export function retryAfterMs(header: string | null, nowMs: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Sends the request `build` makes with an abort signal, and waits at most `timeoutMs` for the whole answer. */
export async function fetchWithTimeout(
  fetch: FetchLike,
  build: (signal: AbortSignal) => Request,
  timeoutMs: number,
): Promise<Attempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A real timer, not the connector's sleep: a fake clock in tests must not time requests out. The race also covers
  // a fetch that ignores the abort signal (an in-process simulator may).
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, timeoutMs);
  });
  try {
    const answer = fetch(build(controller.signal)).then(
      async (res): Promise<RawResponse> => ({ status: res.status, headers: res.headers, body: await res.text() }),
    );
    const outcome = await Promise.race([answer, timeout]);
    if (outcome === "timeout") return { ok: false, timedOut: true, cause: `no answer within ${formatMs(timeoutMs)}` };
    return { ok: true, response: outcome };
  } catch (error) {
    return { ok: false, timedOut: false, cause: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** The "network" member of both connectors' error unions; `message` is the provider's own wording for the admin. */
export function networkError(operation: string, lost: LostAnswer, message: string) {
  return { kind: "network" as const, operation, timedOut: lost.timedOut, cause: lost.cause, message };
}

/** A body as JSON; `{ ok: false }` when it is not JSON (each connector words that mismatch its own way). */
export function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/**
 * `?a=1&b=2`, or "" when nothing is left; undefined values are left out. Every value is percent-encoded: timestamps
 * carry "+01:00" and e-mails may hold "+", and an unencoded "+" arrives as a space (PowerOffice answers 400).
 * URLSearchParams would write spaces as "+", which is why it is not used.
 */
export function queryString(query: Record<string, string | number | boolean | undefined> | undefined): string {
  if (!query) return "";
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
