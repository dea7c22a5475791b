/**
 * The bench's clock around a first sync: the days of a paced first sync on Free, and the tail it leaves.
 *
 * A first sync larger than a day of Workers Free's allowances stops for the day at the pacing share and goes on
 * after 00:00 UTC (docs/sync-engine.md, "First sync on Workers Free"). The bench cannot wait for midnight, so it
 * starts the next day as midnight does for the worker: today's tally (`daily_usage`, what pacing reads) is cleared.
 * It does so only when the tally shows the backfill paused (worker/core/pacing.ts), and counts the days it started.
 */
import { backfillPaused } from "../../worker/core/pacing";
import { type DailyUsageRow, usageFromRow } from "../../worker/store/daily-usage";
import type { Stack } from "./stack";

/**
 * A day of a paced first sync: the D1 rows written the platform metered (every invocation, the shop's webhook
 * deliveries included) and the worker's own tally that paced it (`daily_usage`, what it counted of them).
 */
export interface PacedDay {
  meteredRowsWritten: number;
  talliedRowsWritten: number;
}

/** The day's figures when today's tally had paused the backfill and a new day was started; else null. */
export async function startNextDayIfPaused(
  stack: Pick<Stack, "query" | "invocations">,
  dayStartedAt: number,
): Promise<PacedDay | null> {
  const rows = await stack.query<DailyUsageRow>("SELECT * FROM daily_usage");
  if (!rows.some((row) => backfillPaused(usageFromRow(row)))) return null;
  const day = {
    meteredRowsWritten: meteredSince(stack, dayStartedAt),
    talliedRowsWritten: rows.reduce((sum, row) => sum + usageFromRow(row).d1RowsWritten, 0),
  };
  await startNextDay(stack);
  return day;
}

/** The first sync's last day, from `dayStartedAt` to its end (its tail of settled echoes included). */
export async function lastDay(stack: Pick<Stack, "query" | "invocations">, dayStartedAt: number): Promise<PacedDay> {
  const rows = await stack.query<DailyUsageRow>("SELECT * FROM daily_usage");
  return {
    meteredRowsWritten: meteredSince(stack, dayStartedAt),
    talliedRowsWritten: rows.reduce((sum, row) => sum + usageFromRow(row).d1RowsWritten, 0),
  };
}

/** D1 rows written by the invocations that started at or after `from` (epoch ms). */
export const meteredSince = (stack: Pick<Stack, "invocations">, from: number): number =>
  stack.invocations.filter((i) => i.startedAt >= from).reduce((sum, i) => sum + i.usage.d1RowsWritten, 0);

/** Today's tally cleared, as at 00:00 UTC: what a measurement after the first sync starts from on Free. */
export async function startNextDay(stack: Pick<Stack, "query">): Promise<void> {
  await stack.query("DELETE FROM daily_usage");
}

/** The cron runs after a first sync until its sweep has settled every echo left 'received' (it takes 500 a run). */
const MAX_SETTLE_CRONS = 200;

/**
 * Runs the cron, one run after another, until the inbox holds no row 'received' (the sweep takes a row once it is a
 * minute old, so the first run comes a minute after the last write). Returns how many runs that took.
 */
export async function settleEchoes(stack: Pick<Stack, "query" | "runCron" | "idle">): Promise<number> {
  let runs = 0;
  do {
    await stack.runCron();
    await stack.idle();
    runs += 1;
  } while ((await receivedRows(stack)) > 0 && runs < MAX_SETTLE_CRONS);
  return runs;
}

async function receivedRows(stack: Pick<Stack, "query">): Promise<number> {
  const [row] = await stack.query<{ n: number }>("SELECT count(*) AS n FROM webhook_inbox WHERE status = 'received'");
  return Number(row?.n ?? 0);
}
