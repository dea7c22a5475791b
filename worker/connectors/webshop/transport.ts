/**
 * One HTTP exchange with the webshop: a timeout per attempt, 429 waits (Retry-After) and bounded, jittered retries
 * of 5xx and lost answers. Every request is safe to send again: reads are, creates carry an Idempotency-Key, and
 * updates carry If-Match (a repeat after a lost answer gets 412 and is re-planned) or are idempotent merge patches.
 */
import type { Runtime } from "./deps";

/** Attempts against 5xx and network errors (the first one included). */
export const MAX_ATTEMPTS = 4;
/** Retry n waits about RETRY_BASE_DELAY_MS · 2^(n-1), at most RETRY_MAX_DELAY_MS, with jitter. */
export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 8_000;
/** 429s waited out before the caller is told to come back later. */
export const MAX_THROTTLE_RETRIES = 5;
/** A longer wait than this is not done inside a run: the caller reschedules. */
export const MAX_THROTTLE_WAIT_MS = 60_000;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

export type Exchange =
  | { ok: true; response: RawResponse; attempts: number }
  | { ok: false; timedOut: boolean; cause: string; attempts: number };

/** Sends the request `build` makes (anew for each attempt) until it has an answer worth returning. */
export async function exchange(rt: Runtime, build: (signal: AbortSignal) => Request): Promise<Exchange> {
  let failures = 0;
  let throttles = 0;
  for (let attempts = 1; ; attempts++) {
    const result = await attempt(rt, build);
    const status = result.ok ? result.response.status : 0;
    if (result.ok && status === 429 && throttles < MAX_THROTTLE_RETRIES) {
      throttles++;
      const wait = throttleWaitMs(result.response, rt.now()) ?? backoffDelayMs(throttles, rt.random);
      if (wait > MAX_THROTTLE_WAIT_MS) return { ...result, attempts };
      await rt.sleep(wait);
      continue;
    }
    if (!result.ok || status >= 500) {
      failures++;
      if (failures < MAX_ATTEMPTS) {
        await rt.sleep(backoffDelayMs(failures, rt.random));
        continue;
      }
    }
    return { ...result, attempts };
  }
}

/** Retry-After as delta-seconds (what the contract promises) or an HTTP date; undefined when absent or unreadable. */
export function throttleWaitMs(response: RawResponse, nowMs: number): number | undefined {
  const header = response.headers.get("Retry-After")?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Capped exponential backoff with "equal jitter": between half and all of the capped delay. */
export function backoffDelayMs(retry: number, random: () => number): number {
  const capped = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (retry - 1));
  return Math.round(capped / 2 + (capped / 2) * random());
}

type Attempt = { ok: true; response: RawResponse } | { ok: false; timedOut: boolean; cause: string };

async function attempt(rt: Runtime, build: (signal: AbortSignal) => Request): Promise<Attempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A real timer, not rt.sleep: a fake clock in tests must not time requests out. The race also covers a fetch
  // that ignores the abort signal (an in-process webshop may).
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve("timeout");
    }, rt.requestTimeoutMs);
  });
  try {
    const answer = rt
      .fetch(build(controller.signal))
      .then(
        async (res): Promise<RawResponse> => ({ status: res.status, headers: res.headers, body: await res.text() }),
      );
    const outcome = await Promise.race([answer, timeout]);
    if (outcome === "timeout") {
      return { ok: false, timedOut: true, cause: `no answer within ${formatMs(rt.requestTimeoutMs)}` };
    }
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
