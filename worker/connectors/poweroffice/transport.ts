/** One HTTP exchange with PowerOffice: rate limit, timeout, 429 waits and bounded retries of 5xx and lost answers. */
import { backoffDelayMs } from "../http/backoff";
import { type Attempt, fetchWithTimeout, type RawResponse } from "../http/fetch-with-timeout";
import { retryAfterMs } from "../http/retry-after";
import type { Runtime } from "./deps";
import { readProblem, retryHintMs } from "./problem";

/** Attempts of a replayable request against 5xx and network errors (the first one included). */
export const MAX_ATTEMPTS = 4;
/** 429s waited out before the caller is told to come back later. */
export const MAX_THROTTLE_RETRIES = 5;
/** PowerOffice asks for at least one second after a 429. */
export const MIN_THROTTLE_WAIT_MS = 1_000;
/** A longer wait than this is not done inside a run: the caller reschedules. */
export const MAX_THROTTLE_WAIT_MS = 60_000;

/**
 * Sends the request `build` makes (anew for each attempt) until it has an answer worth returning.
 * `replayable: false` (creates) sends again only after a 429, which the gateway gives before the request reaches
 * PowerOffice; a 5xx or a lost answer goes back to the caller, who must find out whether the create happened.
 */
export async function exchange(
  rt: Runtime,
  build: (signal: AbortSignal) => Request,
  replayable: boolean,
): Promise<Attempt> {
  let failures = 0;
  let throttles = 0;
  for (;;) {
    await rt.limiter.acquire(rt);
    const result = await fetchWithTimeout(rt.fetch, build, rt.requestTimeoutMs);
    const status = result.ok ? result.response.status : 0;
    if (result.ok && status === 429 && throttles < MAX_THROTTLE_RETRIES) {
      throttles++;
      const wait = throttleWaitMs(result.response, rt.now());
      if (wait > MAX_THROTTLE_WAIT_MS) return result;
      // Everyone in this isolate waits, not only this request: the budget is per subscription key.
      rt.limiter.holdUntil(rt.now() + wait);
      continue;
    }
    if (!result.ok || status >= 500) {
      failures++;
      if (replayable && failures < MAX_ATTEMPTS) {
        await rt.sleep(backoffDelayMs(failures, rt.random));
        continue;
      }
    }
    return result;
  }
}

/** How long a 429 asks us to wait: Retry-After if sent, else the body's "Try again in N seconds", else 1 s. */
export function throttleWaitMs(response: RawResponse, nowMs: number): number {
  const told = retryAfterMs(response.headers.get("Retry-After"), nowMs) ?? retryHintMs(readProblem(response.body));
  return Math.max(MIN_THROTTLE_WAIT_MS, told ?? MIN_THROTTLE_WAIT_MS);
}
