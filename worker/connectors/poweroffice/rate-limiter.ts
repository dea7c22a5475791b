/** Client-side limit of PowerOffice's 10 requests per second per subscription key, shared within this isolate. */

/**
 * PowerOffice v2 allows 10 requests/s per subscription key, across all client keys. The limiter spaces request
 * starts so that no window of WINDOW_MS holds more than REQUESTS_PER_WINDOW of them, with a margin for the
 * gateway's clock and for time spent in flight.
 *
 * What it cannot see: other isolates (a cron run and a queue batch may run in different isolates, or on other
 * machines) and other integrations that share the subscription key. Those spend the same budget unseen, so the
 * gateway may still answer 429; the exchange then waits as told and holds this limiter for everyone here
 * (`holdUntil`), which is what makes the limit hold overall.
 */
export const REQUESTS_PER_WINDOW = 10;
export const WINDOW_MS = 1000;
export const WINDOW_MARGIN_MS = 50;
/** A hold longer than this is a clock from another test or a clock jump, not a real 429 wait. */
const MAX_PLAUSIBLE_HOLD_MS = 10 * 60_000;

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export interface RateLimiter {
  /** Resolves when a request may start; callers are served first come, first served. */
  acquire(clock: Clock): Promise<void>;
  /** Lets no request start before `untilMs` (after a 429). */
  holdUntil(untilMs: number): void;
}

export function createRateLimiter(limit = REQUESTS_PER_WINDOW, windowMs = WINDOW_MS + WINDOW_MARGIN_MS): RateLimiter {
  // Start times handed out, oldest first; some may lie in the future (reserved by callers still waiting).
  let slots: number[] = [];
  // When requests really started, newest last: the last word on the window (see the end of acquire).
  let starts: number[] = [];
  let heldUntil = 0;
  return {
    async acquire(clock) {
      const now = clock.now();
      const newest = slots[slots.length - 1] ?? 0;
      const horizon = now + MAX_PLAUSIBLE_HOLD_MS + windowMs * (slots.length / limit + 1);
      if (newest > horizon || heldUntil > now + MAX_PLAUSIBLE_HOLD_MS) {
        slots = [];
        heldUntil = 0;
      }
      slots = slots.filter((s) => s > now - windowMs);
      let slot = Math.max(now, heldUntil, slots[slots.length - 1] ?? 0);
      const windowStart = slots[slots.length - limit];
      if (windowStart !== undefined) slot = Math.max(slot, windowStart + windowMs);
      slots.push(slot);
      if (slot > now) await clock.sleep(slot - now);
      // A busy event loop wakes sleepers late, and then together with the next window's: the gateway counts when
      // requests arrive, so each one checks the window against real start times before it goes.
      for (;;) {
        const at = clock.now();
        // A start "in the future" is from a clock that jumped back (another test's): it no longer counts.
        starts = starts.filter((s) => s > at - windowMs && s <= at);
        const freeAt = starts.length >= limit ? (starts[starts.length - limit] as number) + windowMs : at;
        const until = Math.max(freeAt, heldUntil > at + MAX_PLAUSIBLE_HOLD_MS ? 0 : heldUntil);
        if (until <= at) {
          starts.push(at);
          return;
        }
        await clock.sleep(until - at);
      }
    },
    holdUntil(untilMs) {
      heldUntil = Math.max(heldUntil, untilMs);
    },
  };
}

// The one piece of module state: limiters must be shared by every client of a subscription key in the isolate.
const limiters = new Map<string, RateLimiter>();

export function sharedRateLimiter(subscriptionKey: string): RateLimiter {
  let limiter = limiters.get(subscriptionKey);
  if (!limiter) {
    limiter = createRateLimiter();
    limiters.set(subscriptionKey, limiter);
  }
  return limiter;
}
