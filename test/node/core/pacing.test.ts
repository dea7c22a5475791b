/** The first sync's pacing arithmetic on Workers Free (worker/core/pacing.ts): when it stops, how fast, when done. */
import { describe, expect, it } from "vitest";
import {
  backfillPaused,
  type DailyUsage,
  estimatePace,
  NO_USAGE,
  PACING_SHARE,
  tightestAllowance,
  usageDay,
} from "../../../worker/core/pacing";

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 11, 5, 10, 0, 0);
const RESET = Date.UTC(2026, 11, 6);

const usage = (over: Partial<DailyUsage>): DailyUsage => ({ ...NO_USAGE, ...over });
/** 1,000 records in the two hours before NOW: 500 an hour. */
const twoHours = { backfillRecords: 1_000, backfillFirstAt: NOW - 2 * HOUR, backfillLastAt: NOW };

describe("the share of the day the backfill may use", () => {
  it("stops at PACING_SHARE of the tightest allowance, not before", () => {
    expect(PACING_SHARE).toBe(0.8);
    expect(backfillPaused(usage({ queueOperations: 7_999 }))).toBe(false);
    expect(backfillPaused(usage({ queueOperations: 8_000 }))).toBe(true);
    expect(backfillPaused(usage({ kvWrites: 800 }))).toBe(true);
    expect(backfillPaused(usage({ d1RowsWritten: 80_000, queueOperations: 10 }))).toBe(true);
    expect(tightestAllowance(usage({ queueOperations: 5_000, d1RowsWritten: 60_000 }))).toEqual({
      allowance: "d1RowsWritten",
      share: 0.6,
    });
  });

  it("keys the tally by the UTC day", () => {
    expect(usageDay(Date.UTC(2026, 11, 5, 23, 59, 59))).toBe("2026-12-05");
    expect(usageDay(Date.UTC(2026, 11, 6, 0, 0, 0))).toBe("2026-12-06");
  });
});

describe("estimatePace", () => {
  it("knows no rate before the backfill worked today, and says nothing about the end", () => {
    expect(estimatePace({ now: NOW, plan: "free", usage: NO_USAGE, remaining: 100, resetsAt: RESET })).toEqual({
      perHour: null,
      perDay: null,
      doneAt: null,
    });
  });

  it("on Paid: the hourly rate, no daily cap", () => {
    const pace = estimatePace({ now: NOW, plan: "paid", usage: usage(twoHours), remaining: 1_500, resetsAt: RESET });
    expect(pace).toEqual({ perHour: 500, perDay: null, doneAt: NOW + 3 * HOUR });
  });

  it("on Free: scales today's use of the tightest allowance to the share, then whole days after each reset", () => {
    // 1,000 records used 40 % of the Queue's operations: a day at 80 % takes 2,000.
    const today = usage({ ...twoHours, queueOperations: 4_000 });
    const within = estimatePace({ now: NOW, plan: "free", usage: today, remaining: 500, resetsAt: RESET });
    expect(within).toEqual({ perHour: 500, perDay: 2_000, doneAt: NOW + HOUR });
    // 1,000 more fit today; 3,000 after: one whole Free day, then 1,000 at 500 an hour on the next.
    const later = estimatePace({ now: NOW, plan: "free", usage: today, remaining: 4_000, resetsAt: RESET });
    expect(later.doneAt).toBe(RESET + 24 * HOUR + 2 * HOUR);
  });

  it("once paused for today: nothing more today, a day's worth is what today took", () => {
    const today = usage({ ...twoHours, queueOperations: 8_000 });
    const pace = estimatePace({ now: NOW, plan: "free", usage: today, remaining: 2_500, resetsAt: RESET });
    expect(pace.perDay).toBe(1_000);
    // 1,000 on each of the next two days, 500 (one hour) on the third.
    expect(pace.doneAt).toBe(RESET + 2 * 24 * HOUR + HOUR);
  });

  it("a day is never counted as more than 24 hours of work", () => {
    const today = usage({ ...twoHours, queueOperations: 10 });
    expect(estimatePace({ now: NOW, plan: "free", usage: today, remaining: 10, resetsAt: RESET }).perDay).toBe(12_000);
  });

  it("does not guess an end while the total is unknown, and is done when nothing is left", () => {
    const today = usage({ ...twoHours, queueOperations: 4_000 });
    expect(estimatePace({ now: NOW, plan: "free", usage: today, remaining: null, resetsAt: RESET })).toEqual({
      perHour: 500,
      perDay: 2_000,
      doneAt: null,
    });
    expect(estimatePace({ now: NOW, plan: "free", usage: today, remaining: 0, resetsAt: RESET }).doneAt).toBe(NOW);
  });
});
