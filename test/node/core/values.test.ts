import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  code,
  date,
  emailKey,
  fromMoney,
  isEmpty,
  number,
  numericText,
  orgNumber,
  sameValue,
  text,
  toMoney,
} from "../../../worker/core/values";

describe("canonical values", () => {
  it("text is trimmed and empty is null", () => {
    expect(text("  Oslo ")).toBe("Oslo");
    expect(text("   ")).toBeNull();
    expect(text("")).toBeNull();
    expect(text(null)).toBeNull();
    expect(text(undefined)).toBeNull();
    expect(text({})).toBeNull();
    expect(text(42)).toBe("42");
  });

  it("e-mail keeps its case; its match key is lower-cased and trimmed", () => {
    expect(text(" Kari@Example.NO ")).toBe("Kari@Example.NO");
    expect(emailKey(" Kari@Example.NO ")).toBe("kari@example.no");
    expect(emailKey("  ")).toBeNull();
  });

  it("org numbers keep digits only", () => {
    expect(orgNumber("NO 987 654 321 MVA")).toBe("987654321");
    expect(orgNumber("987-654-321")).toBe("987654321");
    expect(orgNumber("MVA")).toBeNull();
    expect(orgNumber(null)).toBeNull();
  });

  it("codes are upper-cased", () => {
    expect(code(" no ")).toBe("NO");
    expect(code("")).toBeNull();
  });

  it("numbers lose float artefacts and negative zero", () => {
    expect(number(0.1 + 0.2)).toBe(0.3);
    expect(number(-0)).toBe(0);
    expect(Object.is(number(-0), 0)).toBe(true);
    expect(number("2.5")).toBe(2.5);
    expect(number("")).toBeNull();
    expect(number(Number.NaN)).toBeNull();
    expect(number(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it("numeric order numbers only", () => {
    expect(numericText("1042")).toBe(1042);
    expect(numericText(" 0042 ")).toBe(42);
    expect(numericText("A-17")).toBeNull();
    expect(numericText("12.5")).toBeNull();
    expect(numericText("9".repeat(16))).toBeNull();
    expect(numericText(77)).toBe(77);
  });

  it("dates from YYYY-MM-DD or a midnight date-time, as written", () => {
    expect(date("2026-11-26")).toBe("2026-11-26");
    expect(date("2026-11-26T00:00:00")).toBe("2026-11-26");
    expect(date("2026-11-26T00:00:00+01:00")).toBe("2026-11-26");
    expect(date("26.11.2026")).toBeNull();
    expect(date(null)).toBeNull();
  });

  it("deep equality ignores key order and treats undefined as null", () => {
    expect(sameValue({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 1, b: null })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue("1", 1)).toBe(false);
    expect(sameValue(null, undefined)).toBe(true);
    expect(sameValue([], {})).toBe(false);
  });

  it("empty is null or an empty list; false and 0 are filled", () => {
    expect(isEmpty(null)).toBe(true);
    expect(isEmpty([])).toBe(true);
    expect(isEmpty(false)).toBe(false);
    expect(isEmpty(0)).toBe(false);
    expect(isEmpty("x")).toBe(false);
  });
});

describe("money", () => {
  it("rounds half away from zero to two decimals as a person reads the number", () => {
    expect(toMoney(199)).toBe("199.00");
    expect(toMoney(1.005)).toBe("1.01");
    expect(toMoney(-1.005)).toBe("-1.01");
    expect(toMoney(2.675)).toBe("2.68");
    expect(toMoney(1.004)).toBe("1.00");
    expect(toMoney(0.1 + 0.2)).toBe("0.30");
    expect(toMoney(-0.001)).toBe("0.00");
    expect(toMoney(1e-7)).toBe("0.00");
    expect(toMoney(1e21)).toBe("1000000000000000000000.00");
    expect(toMoney(600.5)).toBe("600.50");
    expect(toMoney(Number.NaN)).toBeNull();
    expect(toMoney(null)).toBeNull();
  });

  it("normalises money strings", () => {
    expect(toMoney("199.00")).toBe("199.00");
    expect(toMoney("199.5")).toBe("199.50");
    expect(toMoney(" 7 ")).toBe("7.00");
    expect(toMoney("-0.00")).toBe("0.00");
    expect(toMoney("1,5")).toBeNull();
    expect(toMoney("abc")).toBeNull();
    expect(fromMoney("199.00")).toBe(199);
    expect(fromMoney("-2.50")).toBe(-2.5);
  });

  it("a two-decimal amount survives the trip through a PowerOffice number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (cents) => {
        const abs = Math.abs(cents);
        const money = `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
        const expected = money === "-0.00" ? "0.00" : money;
        expect(toMoney(fromMoney(money))).toBe(expected);
      }),
    );
  });

  it("rounding a number is idempotent and within half a cent", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (n) => {
        const money = toMoney(n)!;
        expect(toMoney(fromMoney(money))).toBe(money);
        expect(Math.abs(Number(money) - n)).toBeLessThanOrEqual(0.005 + 1e-6);
      }),
    );
  });
});
