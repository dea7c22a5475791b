/**
 * A first sync larger than a day of Workers Free's allowances stops for the day at the pacing share and goes on
 * after 00:00 UTC (docs/sync-engine.md, "First sync on Workers Free"). The bench cannot wait for midnight, so it
 * starts the next day as midnight does for the worker: today's tally (`daily_usage`, what pacing reads) is cleared.
 * It does so only when the tally shows the backfill paused (worker/core/pacing.ts), and counts the days it started.
 */
import { backfillPaused } from "../../worker/core/pacing";
import { type DailyUsageRow, usageFromRow } from "../../worker/store/daily-usage";
import type { Stack } from "./stack";

/** True when today's tally had paused the backfill and a new day was started. */
export async function startNextDayIfPaused(stack: Pick<Stack, "query">): Promise<boolean> {
  const rows = await stack.query<DailyUsageRow>("SELECT * FROM daily_usage");
  if (!rows.some((row) => backfillPaused(usageFromRow(row)))) return false;
  await startNextDay(stack);
  return true;
}

/** Today's tally cleared, as at 00:00 UTC: what a measurement after the first sync starts from on Free. */
export async function startNextDay(stack: Pick<Stack, "query">): Promise<void> {
  await stack.query("DELETE FROM daily_usage");
}
