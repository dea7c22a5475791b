import { describe, expect, it } from "vitest";
import { classifyDailyLimit, dailyLimitBook, nextUtcMidnight } from "../../../worker/budgets/daily-limits";

const NOW = Date.UTC(2026, 11, 5, 22, 30);
const RESET = Date.UTC(2026, 11, 6, 0, 0);
const free = { now: NOW, plan: "free" as const };

describe("daily limits", () => {
  it("recognises each platform's refusal and when it resets (00:00 UTC)", () => {
    expect(classifyDailyLimit(new Error("D1_ERROR: exceeded daily rows read limit [code: 7500]"), free)).toEqual({
      allowance: "d1-rows-read",
      resetsAt: RESET,
    });
    expect(classifyDailyLimit(new Error("D1_ERROR: exceeded daily rows written limit"), free)?.allowance).toBe(
      "d1-rows-written",
    );
    expect(classifyDailyLimit(new Error("Queue sendBatch failed: Too Many Requests"), free)?.allowance).toBe(
      "queue-operations",
    );
    expect(classifyDailyLimit(new Error("KV put() limit exceeded for the day."), free)?.allowance).toBe("kv-writes");
    // A failure text carried on (the consumer's "Unexpected error: …")
    expect(classifyDailyLimit("Unexpected error: D1_ERROR: exceeded daily rows read limit", free)?.allowance).toBe(
      "d1-rows-read",
    );
  });

  it("other failures, and anything on Workers Paid, are not a daily limit", () => {
    expect(classifyDailyLimit(new Error("D1_ERROR: Network connection lost"), free)).toBeNull();
    expect(classifyDailyLimit(new Error("Queue send failed (injected)"), free)).toBeNull();
    expect(
      classifyDailyLimit(new Error("KV put() limit exceeded for the day."), { now: NOW, plan: "paid" }),
    ).toBeNull();
  });

  it("the next midnight is the next UTC day, also from exactly midnight", () => {
    expect(nextUtcMidnight(RESET)).toBe(Date.UTC(2026, 11, 7));
    expect(nextUtcMidnight(Date.UTC(2026, 11, 31, 23, 59))).toBe(Date.UTC(2027, 0, 1));
  });

  it("the book forgets a limit once it has reset", () => {
    const book = dailyLimitBook();
    book.note({ allowance: "queue-operations", resetsAt: RESET });
    expect(book.inForce("queue-operations", NOW)?.resetsAt).toBe(RESET);
    expect(book.all(NOW).map((l) => l.allowance)).toEqual(["queue-operations"]);
    expect(book.inForce("queue-operations", RESET)).toBeNull();
    expect(book.all(RESET)).toEqual([]);
  });
});
