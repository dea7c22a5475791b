/**
 * Money between PowerOffice (JSON numbers) and the shop (decimal strings with exactly two decimals). Rounding is
 * done on the number's shortest decimal spelling, so 1.005 rounds to 1.01 as a person reads it and 0.1 + 0.2 is 0.30.
 */

/** "199.00" from 199, "1.01" from 1.005, "-2.50" from -2.5; numeric strings are normalised too; null otherwise. */
export function toMoney(value: unknown): string | null {
  let spelled: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return null;
    spelled = plainDecimal(value);
  } else if (typeof value === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(value)) {
    spelled = value.trim().replace(/^\+/, "");
  } else {
    return null;
  }
  return roundHalfAwayFromZero(spelled);
}

/** The number PowerOffice takes for a money string ("199.00" → 199); null when it is not money. */
export function fromMoney(value: unknown): number | null {
  const money = toMoney(value);
  return money === null ? null : Number(money);
}

/** A number's shortest round-trip spelling without exponent: 1e-7 → "0.0000001", 1e21 → "1000000000000000000000". */
function plainDecimal(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, rest = "", exp] = m;
  const digits = lead! + rest;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Rounds a plain decimal spelling to two decimals, half away from zero, by digit arithmetic (no float). */
function roundHalfAwayFromZero(spelled: string): string {
  const negative = spelled.startsWith("-");
  const [whole = "", fraction = ""] = (negative ? spelled.slice(1) : spelled).split(".");
  const cents = BigInt((whole || "0") + fraction.padEnd(2, "0").slice(0, 2));
  const up = (fraction[2] ?? "0") >= "5" ? 1n : 0n;
  const total = cents + up;
  const units = total / 100n;
  const rest = (total % 100n).toString().padStart(2, "0");
  const sign = negative && total !== 0n ? "-" : "";
  return `${sign}${units}.${rest}`;
}
