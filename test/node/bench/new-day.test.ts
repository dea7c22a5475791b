/**
 * The bench's stand-in for 00:00 UTC (bench/workerd/new-day.ts): it clears the day's tally only when that tally has
 * paused the backfill, so a first sync that is merely slow, or stuck, is never helped along by it.
 */
import { describe, expect, it } from "vitest";
import { settleEchoes, startNextDayIfPaused } from "../../../bench/workerd/new-day";
import type { Stack } from "../../../bench/workerd/stack";
import { PACING_SHARE } from "../../../worker/core/pacing";
import type { DailyUsageRow } from "../../../worker/store/daily-usage";

const FREE_ROWS_WRITTEN = 100_000;

function tally(rowsWritten: number): DailyUsageRow {
  return {
    requests: 100,
    queue_operations: 30,
    d1_rows_read: 1_000,
    d1_rows_written: rowsWritten,
    kv_writes: 0,
    backfill_records: 10,
    backfill_first_at: 0,
    backfill_last_at: 0,
  };
}

/** Two invocations before the day started (at 1,000) and two after it: only those after are the day's. */
const invocations = [
  { startedAt: 500, usage: { d1RowsWritten: 7 } },
  { startedAt: 999, usage: { d1RowsWritten: 11 } },
  { startedAt: 1_000, usage: { d1RowsWritten: 60_000 } },
  { startedAt: 2_000, usage: { d1RowsWritten: 25_000 } },
] as Stack["invocations"];

function fakeD1(rows: DailyUsageRow[]) {
  const statements: string[] = [];
  return {
    statements,
    invocations,
    async query<T>(sql: string): Promise<T[]> {
      statements.push(sql);
      if (sql.startsWith("DELETE")) rows.length = 0;
      return (sql.startsWith("SELECT") ? rows : []) as T[];
    },
  };
}

describe("the bench's next day", () => {
  it("starts when today's tally is at the pacing share", async () => {
    const db = fakeD1([tally(FREE_ROWS_WRITTEN * PACING_SHARE)]);
    // What the platform metered that day (the invocations since it started) beside what the worker's tally counted.
    expect(await startNextDayIfPaused(db, 1_000)).toEqual({
      meteredRowsWritten: 85_000,
      talliedRowsWritten: FREE_ROWS_WRITTEN * PACING_SHARE,
    });
    expect(db.statements).toEqual(["SELECT * FROM daily_usage", "DELETE FROM daily_usage"]);
  });

  it("does not start below it, nor without a tally", async () => {
    const below = fakeD1([tally(FREE_ROWS_WRITTEN * PACING_SHARE - 1)]);
    expect(await startNextDayIfPaused(below, 1_000)).toBeNull();
    expect(below.statements).toEqual(["SELECT * FROM daily_usage"]);
    expect(await startNextDayIfPaused(fakeD1([]), 1_000)).toBeNull();
  });
});

describe("the first sync's tail", () => {
  it("runs the cron until the sweep has settled every row left 'received'", async () => {
    let received = 1_200;
    const stack = {
      async runCron() {
        received = Math.max(0, received - 500);
      },
      async idle() {},
      async query<T>(): Promise<T[]> {
        return [{ n: received }] as T[];
      },
    };
    expect(await settleEchoes(stack)).toBe(3);
    expect(received).toBe(0);
  });
});
