/**
 * What the triggers do about Cloudflare's daily allowances (worker/budgets/daily-limits.ts, docs/operations.md "Daily
 * allowances"): stop before work D1 would refuse, hold queue messages until the reset, and keep what ran out in D1
 * for the status view while D1 still takes writes.
 */
import { type DailyLimit, type DailyLimitBook, dailyLimitKey, isD1Allowance } from "../budgets/daily-limits";
import type { Deps } from "../wiring/build-deps";

/** A minute past the reset, so the held work does not come back a moment before it. */
const AFTER_RESET_S = 60;
/** Queues refuses longer delays (12 hours); a message held longer comes back once and is held again. */
const MAX_DELAY_S = 12 * 60 * 60;

/** A D1 allowance used up: nothing the sync does can succeed until the reset. */
export function d1LimitInForce(book: DailyLimitBook, now: number): DailyLimit | null {
  return book.all(now).find((limit) => isD1Allowance(limit.allowance)) ?? null;
}

/** How long held work waits: until just after the reset, at most what Queues accepts. */
export function secondsUntilReset(limit: DailyLimit, now: number): number {
  return Math.min(MAX_DELAY_S, Math.max(1, Math.ceil((limit.resetsAt - now) / 1000)) + AFTER_RESET_S);
}

const kept = new WeakMap<DailyLimitBook, Map<string, number>>();

/**
 * Writes each allowance in force that D1 does not itself refuse (Queue operations, KV writes) as a setting, once per
 * isolate and reset: the status view reads it, and the setting is ignored once its time has passed. Best effort.
 */
export async function keepDailyLimits(deps: Pick<Deps, "dailyLimits" | "store" | "now" | "log">): Promise<void> {
  const now = deps.now();
  const limits = deps.dailyLimits.all(now);
  if (limits.some((limit) => isD1Allowance(limit.allowance))) return;
  const done = kept.get(deps.dailyLimits) ?? new Map<string, number>();
  kept.set(deps.dailyLimits, done);
  for (const limit of limits) {
    const key = dailyLimitKey(limit.allowance);
    if (done.get(key) === limit.resetsAt) continue;
    try {
      await deps.store.settings.set(key, new Date(limit.resetsAt).toISOString());
      done.set(key, limit.resetsAt);
    } catch (error) {
      deps.log(`could not keep the used-up allowance ${limit.allowance}: ${String(error)}`);
    }
  }
}

export const dailyLimitText = (limit: DailyLimit) =>
  `Cloudflare's daily allowance ${limit.allowance} is used up; the sync goes on after ${new Date(limit.resetsAt).toISOString()}`;
