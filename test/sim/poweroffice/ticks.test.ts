import { describe, expect, it } from "vitest";
import { formatTicks, parseTimestamp, TickClock } from "./core/ticks";

describe(".NET DateTimeOffset timestamps", () => {
  it("round-trips 7 fractional digits exactly", () => {
    const text = "2026-11-26T12:00:00.1234567+00:00";
    expect(formatTicks(parseTimestamp(text)!)).toBe(text);
  });

  it("trims trailing zeros of the fraction, and the dot when nothing is left", () => {
    expect(formatTicks(parseTimestamp("2026-11-26T12:00:00.1200000Z")!)).toBe("2026-11-26T12:00:00.12+00:00");
    expect(formatTicks(parseTimestamp("2026-11-26T12:00:00.0000000+00:00")!)).toBe("2026-11-26T12:00:00+00:00");
  });

  it("keeps ordering at 100 ns and applies offsets to the instant", () => {
    const a = parseTimestamp("2026-11-26T12:00:00.1234567+00:00")!;
    const b = parseTimestamp("2026-11-26T12:00:00.1234568+00:00")!;
    expect(b - a).toBe(1n);
    expect(parseTimestamp("2026-11-26T13:00:00.1234567+01:00")).toBe(a);
    expect(formatTicks(a, 60)).toBe("2026-11-26T13:00:00.1234567+01:00");
    expect(formatTicks(a, -150)).toBe("2026-11-26T09:30:00.1234567-02:30");
  });

  it("accepts what the API documents (space separator, date only, no offset)", () => {
    expect(parseTimestamp("2021-09-25 08:03:00.123456+00:00")).toBe(parseTimestamp("2021-09-25T08:03:00.123456Z"));
    expect(parseTimestamp("2026-11-26")).toBe(parseTimestamp("2026-11-26T00:00:00+00:00"));
  });

  it("refuses an unencoded '+' (a space before the offset) and impossible dates", () => {
    expect(parseTimestamp("2026-11-26T12:00:00.1234567 00:00")).toBeNull();
    expect(parseTimestamp("2026-02-30T12:00:00Z")).toBeNull();
    expect(parseTimestamp("26.11.2026")).toBeNull();
    expect(parseTimestamp("2026-11-26T25:00:00Z")).toBeNull();
  });

  it("hands out strictly increasing write timestamps even on a frozen clock", () => {
    const clock = new TickClock(() => Date.UTC(2026, 10, 26));
    const ticks = Array.from({ length: 50 }, () => clock.next());
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]! > ticks[i - 1]!).toBe(true);
  });
});
