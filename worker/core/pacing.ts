/**
 * The first sync on Workers Free paces itself by what the worker used of Cloudflare's daily allowances today
 * (docs/sync-engine.md, "First sync on Workers Free"): pure arithmetic on one day's tally, for the triggers (stop the
 * backfill for the day) and the status view (how fast, and when it will be done).
 */

/** What the worker's own invocations used on one UTC day, as the allowances count it (worker/store/daily-usage.ts). */
export interface DailyUsage {
  requests: number;
  queueOperations: number;
  d1RowsRead: number;
  d1RowsWritten: number;
  kvWrites: number;
  /** Records the backfill's pages read today, and the span of time it worked in (epoch ms; null before any). */
  backfillRecords: number;
  backfillFirstAt: number | null;
  backfillLastAt: number | null;
}

export const NO_USAGE: DailyUsage = {
  requests: 0,
  queueOperations: 0,
  d1RowsRead: 0,
  d1RowsWritten: 0,
  kvWrites: 0,
  backfillRecords: 0,
  backfillFirstAt: null,
  backfillLastAt: null,
};

/**
 * Workers Free's daily allowances the tally follows (reset 00:00 UTC):
 * https://developers.cloudflare.com/workers/platform/pricing/ (requests),
 * https://developers.cloudflare.com/queues/platform/pricing/ (10,000 operations; a message is written, read, deleted),
 * https://developers.cloudflare.com/d1/platform/pricing/ (5 million rows read, 100,000 rows written),
 * https://developers.cloudflare.com/kv/platform/limits/ (1,000 writes). Same figures as bench/quota/allowances.ts.
 */
export const FREE_DAILY_ALLOWANCES = {
  requests: 100_000,
  queueOperations: 10_000,
  d1RowsRead: 5_000_000,
  d1RowsWritten: 100_000,
  kvWrites: 1_000,
} as const;
export type PacedAllowance = keyof typeof FREE_DAILY_ALLOWANCES;

/**
 * The share of any Free allowance the first sync may use in a day. The rest is for live work the same day: a busy
 * day of edits (1,000 shop edits, 200 PowerOffice edits, 100 orders) measures well under a fifth of the tightest
 * allowance (docs/performance.md), and the tally misses a little (quiet cron minutes, the shop's webhook requests, a
 * message's redeliveries), which the rest covers too.
 */
export const PACING_SHARE = 0.8;

/** Queues counts a write, a read and a delete per message of up to 64 KB: every message the sync sends is one. */
export const QUEUE_OPERATIONS_PER_MESSAGE = 3;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The UTC day `now` falls in, as the tally's key: "2026-12-05". */
export const usageDay = (now: number) => new Date(now).toISOString().slice(0, 10);

/** The largest share of a Free allowance used, and which allowance it is. */
export function tightestAllowance(usage: DailyUsage): { allowance: PacedAllowance; share: number } {
  let tightest: { allowance: PacedAllowance; share: number } = { allowance: "requests", share: 0 };
  for (const allowance of Object.keys(FREE_DAILY_ALLOWANCES) as PacedAllowance[]) {
    const share = usage[allowance] / FREE_DAILY_ALLOWANCES[allowance];
    if (share > tightest.share) tightest = { allowance, share };
  }
  return tightest;
}

/** The backfill stops for the day once any allowance has reached PACING_SHARE. */
export const backfillPaused = (usage: DailyUsage) => tightestAllowance(usage).share >= PACING_SHARE;

export interface PaceInput {
  now: number;
  plan: "free" | "paid";
  usage: DailyUsage;
  /** Records the first sync still has to settle; null while a feed has not been read to its end (unknown). */
  remaining: number | null;
  /** The next 00:00 UTC. */
  resetsAt: number;
}

export interface Pace {
  /** Records settled per hour the backfill was at work today; null before it has done any today. */
  perHour: number | null;
  /** Records a whole Free day allows at today's pacing (null on Paid, or before any work today). */
  perDay: number | null;
  /** When the first sync is expected to be done; null when the total or the rate is not known. */
  doneAt: number | null;
}

/**
 * The first sync's rate and end, from today's tally. Per hour: today's records over the time the backfill worked (at
 * least the cron's minute). Per Free day: what today's records used of the tightest allowance, scaled to the share
 * (the figure itself once today's pacing has stopped it). The end: what is left today at the hourly rate, then whole
 * Free days after each 00:00 UTC.
 */
export function estimatePace(input: PaceInput): Pace {
  const { usage, now } = input;
  if (usage.backfillRecords <= 0 || usage.backfillFirstAt === null || usage.backfillLastAt === null) {
    return { perHour: null, perDay: null, doneAt: input.remaining === 0 ? now : null };
  }
  const activeMs = Math.max(60_000, usage.backfillLastAt - usage.backfillFirstAt);
  const perHour = (usage.backfillRecords * HOUR_MS) / activeMs;
  const paused = input.plan === "free" && backfillPaused(usage);
  const used = tightestAllowance(usage).share;
  const perDay =
    input.plan === "paid"
      ? null
      : Math.min(
          perHour * 24,
          paused || used <= 0 ? usage.backfillRecords : (usage.backfillRecords * PACING_SHARE) / used,
        );
  if (input.remaining === null) return { perHour, perDay, doneAt: null };
  if (input.remaining <= 0) return { perHour, perDay, doneAt: now };
  const hours = (records: number) => (records / perHour) * HOUR_MS;
  if (perDay === null) return { perHour, perDay, doneAt: now + hours(input.remaining) };
  const leftToday = paused
    ? 0
    : Math.min(Math.max(0, perDay - usage.backfillRecords), (perHour * (input.resetsAt - now)) / HOUR_MS);
  if (input.remaining <= leftToday) return { perHour, perDay, doneAt: now + hours(input.remaining) };
  const after = input.remaining - leftToday;
  const wholeDays = Math.ceil(after / perDay) - 1;
  const lastDay = after - wholeDays * perDay;
  return { perHour, perDay, doneAt: input.resetsAt + wholeDays * DAY_MS + hours(lastDay) };
}
