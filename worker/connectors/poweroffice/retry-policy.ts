/**
 * How PowerOffice is retried (the exchange itself is ../http-exchange.ts): every attempt waits its turn at the rate
 * limiter; a 429 waits as told, at least a second, and holds the limiter for everyone in this isolate; 5xx and lost
 * answers are re-sent, except a create's (see `replayable`).
 */
import { type RawResponse, type RetryPolicy, retryAfterMs } from "../http-exchange";
import { readProblem, retryHintMs } from "./problem";
import type { Runtime } from "./runtime";

/** Attempts of a replayable request against 5xx and network errors (the first one included). */
export const MAX_ATTEMPTS = 4;
/** 429s waited out before the caller is told to come back later. */
export const MAX_THROTTLE_RETRIES = 5;
/** PowerOffice asks for at least one second after a 429. */
export const MIN_THROTTLE_WAIT_MS = 1_000;
/** A longer wait than this is not done inside a run: the caller reschedules. */
export const MAX_THROTTLE_WAIT_MS = 60_000;

/**
 * `replayable: false` (creates) sends again only after a 429, which the gateway gives before the request reaches
 * PowerOffice; a 5xx or a lost answer goes back to the caller, who must find out whether the create happened.
 */
export function retryPolicy(rt: Runtime, replayable: boolean): RetryPolicy {
  return {
    maxAttempts: replayable ? MAX_ATTEMPTS : 1,
    maxThrottleRetries: MAX_THROTTLE_RETRIES,
    maxThrottleWaitMs: MAX_THROTTLE_WAIT_MS,
    throttleWaitMs: (response) => throttleWaitMs(response, rt.now()),
    // Everyone in this isolate waits, not only this request: the budget is per subscription key.
    waitOutThrottle: async (ms) => rt.limiter.holdUntil(rt.now() + ms),
    beforeAttempt: () => rt.limiter.acquire(rt),
  };
}

/** How long a 429 asks us to wait: Retry-After if sent, else the body's "Try again in N seconds", else 1 s. */
export function throttleWaitMs(response: RawResponse, nowMs: number): number {
  const told = retryAfterMs(response.headers.get("Retry-After"), nowMs) ?? retryHintMs(readProblem(response.body));
  return Math.max(MIN_THROTTLE_WAIT_MS, told ?? MIN_THROTTLE_WAIT_MS);
}
