/** How long both connectors wait before re-sending after a 5xx or a lost answer. */

/** Retry n waits about RETRY_BASE_DELAY_MS · 2^(n-1), at most RETRY_MAX_DELAY_MS, with jitter. */
export const RETRY_BASE_DELAY_MS = 500;
export const RETRY_MAX_DELAY_MS = 8_000;

/** Capped exponential backoff with "equal jitter": between half and all of the capped delay. */
export function backoffDelayMs(retry: number, random: () => number): number {
  const capped = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (retry - 1));
  return Math.round(capped / 2 + (capped / 2) * random());
}
