/**
 * How the webshop is retried (the exchange itself is ../http-exchange.ts): 429 waits (Retry-After, else backoff) and
 * bounded, jittered retries of 5xx and lost answers. Every request is safe to send again: reads are, creates carry an
 * Idempotency-Key, and updates carry If-Match (a repeat after a lost answer gets 412 and is re-planned) or are
 * idempotent merge patches.
 */
import { backoffDelayMs, type RawResponse, type RetryPolicy, retryAfterMs } from "../http-exchange";
import type { Runtime } from "./runtime";

/** Attempts against 5xx and network errors (the first one included). */
export const MAX_ATTEMPTS = 4;
/** 429s waited out before the caller is told to come back later. */
export const MAX_THROTTLE_RETRIES = 5;
/** A longer wait than this is not done inside a run: the caller reschedules. */
export const MAX_THROTTLE_WAIT_MS = 60_000;

export function retryPolicy(rt: Runtime): RetryPolicy {
  return {
    maxAttempts: MAX_ATTEMPTS,
    maxThrottleRetries: MAX_THROTTLE_RETRIES,
    maxThrottleWaitMs: MAX_THROTTLE_WAIT_MS,
    throttleWaitMs: (response, throttles) => throttleWaitMs(response, rt.now()) ?? backoffDelayMs(throttles, rt.random),
  };
}

/** Retry-After as delta-seconds (what the contract promises) or an HTTP date; undefined when absent or unreadable. */
export function throttleWaitMs(response: RawResponse, nowMs: number): number | undefined {
  return retryAfterMs(response.headers.get("Retry-After"), nowMs);
}
