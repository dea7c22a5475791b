/** Numbers, times and values in the admin's language, with Intl (no date library in the bundle). */
import type { CanonicalValue } from "../../shared/api";
import type { Messages } from "./i18n";

export function formatNumber(m: Messages, n: number): string {
  return new Intl.NumberFormat(m.locale).format(n);
}

export function formatDateTime(m: Messages, iso: string | null): string {
  if (!iso) return m.never;
  return new Intl.DateTimeFormat(m.locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/** The clock time only ("01:00"), in the admin's time zone: for a time later today or early tomorrow. */
export function formatClock(m: Messages, iso: string): string {
  return new Intl.DateTimeFormat(m.locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(iso),
  );
}

/** "3 minutes ago", "in 40 seconds": for last and next run, where the distance matters more than the clock. */
export function formatRelative(m: Messages, iso: string | null, now = Date.now()): string {
  if (!iso) return m.never;
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(m.locale, { numeric: "auto" });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, "second");
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86_400), "day");
}

export function formatList(m: Messages, items: string[]): string {
  return new Intl.ListFormat(m.locale, { style: "long", type: "conjunction" }).format(items);
}

/** A canonical value for reading: empty as "(empty)", objects and arrays as compact JSON. */
export function formatValue(m: Messages, value: CanonicalValue): string {
  if (value === null || value === "") return m.emptyValue;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
