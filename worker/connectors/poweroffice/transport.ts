/** One HTTP exchange with PowerOffice: rate limit, timeout, 429 waits and bounded retries of 5xx and lost answers. */
import type { Runtime } from "./deps";
import { readProblem, retryAfterMs, retryHintMs } from "./problem";

/** Attempts of a replayable request against 5xx and network errors (the first one included). */
export const MAX_ATTEMPTS = 4;
/** Retry n waits about RETRY_BASE_DELAY_MS · 2^(n-1), at most RETRY_MAX_DELAY_MS, with jitter. */
export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 8_000;
/** 429s waited out before the caller is told to come back later. */
export const MAX_THROTTLE_RETRIES = 5;
/** PowerOffice asks for at least one second after a 429. */
export const MIN_THROTTLE_WAIT_MS = 1_000;
/** A longer wait than this is not done inside a run: the caller reschedules. */
export const MAX_THROTTLE_WAIT_MS = 60_000;

export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

export type Exchange = { ok: true; response: RawResponse } | { ok: false; timedOut: boolean; cause: string };

/**
 * Sends the request `build` makes (anew for each attempt) until it has an answer worth returning.
 * `replayable: false` (creates) sends again only after a 429, which the gateway gives before the request reaches
 * PowerOffice; a 5xx or a lost answer goes back to the caller, who must find out whether the create happened.
 */
export async function exchange(
  rt: Runtime,
  build: (signal: AbortSignal) => Request,
  replayable: boolean,
): Promise<Exchange> {
  let failures = 0;
  let throttles = 0;
  for (;;) {
    await rt.limiter.acquire(rt);
    const result = await attempt(rt, build);
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

/** Capped exponential backoff with "equal jitter": between half and all of the capped delay. */
export function backoffDelayMs(retry: number, random: () => number): number {
  const capped = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (retry - 1));
  return Math.round(capped / 2 + (capped / 2) * random());
}

async function attempt(rt: Runtime, build: (signal: AbortSignal) => Request): Promise<Exchange> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A real timer, not rt.sleep: a fake clock in tests must not time requests out. The race also covers a fetch
  // that ignores the abort signal (an in-process simulator may).
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
      return { ok: false, timedOut: true, cause: `no answer within ${Math.round(rt.requestTimeoutMs / 1000)} s` };
    }
    return { ok: true, response: outcome };
  } catch (error) {
    return { ok: false, timedOut: false, cause: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
