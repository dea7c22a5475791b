/**
 * The `firstSync` block of GET /api/status (shared/api/status.ts): per dataflow, how far its first sync has come, how
 * fast it goes at today's pacing and when it is expected to be done. Pure: the facts and the clock in.
 */
import type { FirstSync, StateCounts } from "../../shared/api/status";
import { backfillPaused, type DailyUsage, estimatePace } from "../core/pacing";
import { type DataflowId, SIDES } from "../core/types";
import { CUSTOMERS_GATE_KEY } from "../engine/settings";
import { readToEndKey } from "../store/first-read";

export interface FirstSyncContext {
  now: number;
  plan: "free" | "paid";
  usage: DailyUsage;
  /** The next 00:00 UTC. */
  resetsAt: number;
  /** The settings' keys (the feeds read to their end are among them). */
  settings: Set<string>;
  /** Whether any feed of any dataflow is still in its first read: the day's pacing then applies. */
  anyInFirstSync: boolean;
}

export const feedReadToEnd = (settings: Set<string>, dataflow: DataflowId | string, side: string) =>
  settings.has(readToEndKey(dataflow, side)) ||
  (dataflow === "customers" && side === "poweroffice" && settings.has(CUSTOMERS_GATE_KEY));

const iso = (ms: number) => new Date(ms).toISOString();

/** Null once both feeds have been read to their end and no record of the dataflow is pending. */
export function firstSyncOf(dataflow: DataflowId, counts: StateCounts, context: FirstSyncContext): FirstSync | null {
  const feeds = SIDES.map((side) => ({ side, readToEnd: feedReadToEnd(context.settings, dataflow, side) }));
  const allRead = feeds.every((feed) => feed.readToEnd);
  if (allRead && counts.pending === 0) return null;
  const linked = counts.linked + counts.archived + counts.skipped;
  const total = allRead ? Object.values(counts).reduce((sum, n) => sum + n, 0) : null;
  const paused = context.plan === "free" && context.anyInFirstSync && backfillPaused(context.usage);
  const pace = estimatePace({
    now: context.now,
    plan: context.plan,
    usage: context.usage,
    remaining: allRead ? counts.pending : null,
    resetsAt: context.resetsAt,
  });
  return {
    linked,
    waiting: counts.pending,
    total,
    feeds,
    perHour: pace.perHour === null ? null : Math.round(pace.perHour),
    perDay: pace.perDay === null ? null : Math.round(pace.perDay),
    estimatedDoneAt: pace.doneAt === null ? null : iso(pace.doneAt),
    pausedUntil: paused ? iso(context.resetsAt) : null,
  };
}
