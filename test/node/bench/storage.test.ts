import { describe, expect, it } from "vitest";
import { daysUntil, FREE_DATABASE_BYTES, megabytes, peakBytes } from "../../../bench/quota/storage";

const figures = { firstSyncBytes: 40_000_000, dayBytes: 500_000 };

describe("D1 storage over time", () => {
  it("peaks at the first sync plus the retention's days of changes", () => {
    expect(peakBytes(figures, 180)).toBe(40_000_000 + 90_000_000);
  });

  it("counts the days until a size when nothing is deleted", () => {
    expect(daysUntil(figures, FREE_DATABASE_BYTES)).toBe(920);
    expect(daysUntil({ ...figures, dayBytes: 0 }, FREE_DATABASE_BYTES)).toBe(Number.POSITIVE_INFINITY);
    expect(daysUntil({ ...figures, firstSyncBytes: FREE_DATABASE_BYTES }, FREE_DATABASE_BYTES)).toBe(0);
  });

  it("writes sizes as D1's limits do (1 MB = 1,000,000 bytes, 1 GB = 1,000 MB)", () => {
    expect(megabytes(1_234_567)).toBe("1.23 MB");
    expect(megabytes(123_456_789)).toBe("123.5 MB");
    expect(megabytes(10_000_000_000)).toBe("10 GB");
  });
});
