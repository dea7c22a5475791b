import { describe, expect, it } from "vitest";
import { formatTicks, normaliseTimestamp, timestampTicks } from "../../../../worker/connectors/poweroffice/timestamp";

describe("PowerOffice timestamps", () => {
  it("keeps all seven fractional digits that JS Date would cut to milliseconds", () => {
    const a = timestampTicks("2024-03-01T12:00:00.1234567+00:00");
    const b = timestampTicks("2024-03-01T12:00:00.1234568+00:00");
    expect(a).not.toBeNull();
    expect(b! - a!).toBe(1n);
    expect(new Date("2024-03-01T12:00:00.1234567Z").getTime()).toBe(new Date("2024-03-01T12:00:00.1234568Z").getTime());
  });

  it("reads 0 to 7 digits and any offset as one instant", () => {
    const same = [
      "2024-03-01T12:00:00.5+00:00",
      "2024-03-01T12:00:00.5000000Z",
      "2024-03-01T13:00:00.50+01:00",
      "2024-03-01 10:00:00.500-02:00",
    ];
    expect(new Set(same.map(timestampTicks)).size).toBe(1);
    expect(normaliseTimestamp("2024-03-01T13:00:00+01:00")).toBe("2024-03-01T12:00:00.0000000+00:00");
  });

  it("writes one spelling that sorts as text and survives a round trip", () => {
    for (const text of [
      "0001-01-01T00:00:00+00:00",
      "1969-12-31T23:59:59.9999999+00:00",
      "2099-02-28T23:59:59.0000001+00:00",
    ]) {
      const ticks = timestampTicks(text)!;
      expect(timestampTicks(formatTicks(ticks))).toBe(ticks);
    }
    expect(formatTicks(timestampTicks("1969-12-31T23:59:59.9999999+00:00")!)).toBe("1969-12-31T23:59:59.9999999+00:00");
    expect(formatTicks(timestampTicks("2024-02-29T23:30:00-01:00")!)).toBe("2024-03-01T00:30:00.0000000+00:00");
  });

  it("refuses what is not a timestamp", () => {
    for (const bad of [
      "yesterday",
      "2024-13-01T00:00:00Z",
      "2023-02-29T00:00:00Z",
      "2024-03-01T12:00:00.12345678Z",
      "",
    ]) {
      expect(timestampTicks(bad), bad).toBeNull();
    }
  });
});
