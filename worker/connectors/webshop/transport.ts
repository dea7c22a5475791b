/**
 * One HTTP exchange with the webshop: a timeout per attempt, 429 waits (Retry-After) and bounded, jittered retries
 * of 5xx and lost answers. Every request is safe to send again: reads are, creates carry an Idempotency-Key, and
 * updates carry If-Match (a repeat after a lost answer gets 412 and is re-planned) or are idempotent merge patches.
 */
import { backoffDelayMs } from "../http/backoff";
import { type Attempt, fetchWithTimeout, type RawResponse } from "../http/fetch-with-timeout";
import { retryAfterMs } from "../http/retry-after";
import type { Runtime } from "./deps";

/** Attempts against 5xx and network errors (the first one included). */
export const MAX_ATTEMPTS = 4;
/** 429s waited out before the caller is told to come back later. */
export const MAX_THROTTLE_RETRIES = 5;
/** A longer wait than this is not done inside a run: the caller reschedules. */
export const MAX_THROTTLE_WAIT_MS = 60_000;

export type Exchange = Attempt & { attempts: number };

/** Sends the request `build` makes (anew for each attempt) until it has an answer worth returning. */
export async function exchange(rt: Runtime, build: (signal: AbortSignal) => Request): Promise<Exchange> {
  let failures = 0;
  let throttles = 0;
  for (let attempts = 1; ; attempts++) {
    const result = await fetchWithTimeout(rt.fetch, build, rt.requestTimeoutMs);
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
  return retryAfterMs(response.headers.get("Retry-After"), nowMs);
}
