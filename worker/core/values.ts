/**
 * Canonical values: the one normalised form both sides are compared in (docs/sync-engine.md, "Canonical form").
 * Every normaliser takes whatever a side holds (including null, undefined and wrong types) and never throws.
 */
import type { CanonicalValue } from "./types";

export { fromMoney, toMoney } from "./money";

/** Trimmed text; "" and anything that is not text or a number is null (empty is null). */
export function text(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** E-mail: trimmed, case kept (a case-only change is a change to sync); see `emailKey` for matching. */
export const email = (value: unknown): string | null => text(value);

/** The e-mail as a match key: trimmed and lower-cased; null when empty (a weak key never matches). */
export function emailKey(value: unknown): string | null {
  return text(value)?.toLowerCase() ?? null;
}

/** Organisation number: digits only ("NO 987 654 321 MVA" → "987654321"); null when no digit is left. */
export function orgNumber(value: unknown): string | null {
  const digits = (text(value) ?? "").replace(/\D/g, "");
  return digits === "" ? null : digits;
}

/** ISO codes (country, currency): trimmed and upper-cased. */
export function code(value: unknown): string | null {
  return text(value)?.toUpperCase() ?? null;
}

/** A finite number with float artefacts removed (0.1 + 0.2 → 0.3, -0 → 0); numeric strings are read too. */
export function number(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) return null;
  const clean = Number(n.toPrecision(15));
  return clean === 0 ? 0 : clean;
}

/** A whole number written as text ("10023"), as ids and customer numbers are kept in the shop. */
export function integerText(value: unknown): string | null {
  if (typeof value === "number") return Number.isSafeInteger(value) ? String(value) : null;
  return text(value);
}

/** A decimal string of digits only that is a safe integer ("1042" → 1042), else null ("A-17", "00x"). */
export function numericText(value: unknown): number | null {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : null;
  const t = text(value);
  if (t === null || !/^\d{1,15}$/.test(t)) return null;
  return Number(t);
}

export function boolean(value: unknown): boolean | null {
  return typeof value === "boolean" ? value : null;
}

/** YYYY-MM-DD from "YYYY-MM-DD" or a date-time at midnight ("2026-11-26T00:00:00+01:00"): the date as written. */
export function date(value: unknown): string | null {
  const t = text(value);
  if (t === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](.*))?$/.exec(t);
  return m ? m[1]! : null;
}

/** Empty in the sense of "empty never beats filled": null, or an empty list. */
export function isEmpty(value: CanonicalValue | undefined): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

/** Deep equality of canonical values; object key order does not matter, undefined counts as null. */
export function sameValue(a: CanonicalValue | undefined, b: CanonicalValue | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (x === null || y === null || typeof x !== "object" || typeof y !== "object") return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((item, i) => sameValue(item, y[i]));
  }
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const key of keys) if (!sameValue(x[key], y[key])) return false;
  return true;
}

/** A short rendering of a value for activity messages. */
export function show(value: CanonicalValue | undefined): string {
  if (value === null || value === undefined) return "(empty)";
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}
