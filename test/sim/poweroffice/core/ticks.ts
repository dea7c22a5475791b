/**
 * Timestamps as PowerOffice (.NET DateTimeOffset) keeps and writes them: 100-ns ticks since the Unix epoch, written
 * with up to 7 fractional digits (trailing zeros trimmed) and an offset, e.g. 2026-11-26T12:00:00.1234567+00:00.
 */

export type Ticks = bigint;

const TICKS_PER_MS = 10_000n;
const TICKS_PER_SECOND = 10_000_000n;
const TICKS_PER_MINUTE = 600_000_000n;

// Accepts what ASP.NET's DateTimeOffset binding accepts in practice: date only, 'T' or space before the time, 0-7+
// fractional digits, 'Z' or ±hh:mm (or ±hhmm, ±hh). An unencoded '+' arrives as a space and must not match.
const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Parses an ISO 8601 timestamp to ticks without losing precision; null when .NET would refuse it. */
export function parseTimestamp(text: string): Ticks | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offset = parseOffset(m[8]);
  if (offset === null) return null;
  // .NET keeps 7 digits; further digits are below its resolution and are dropped.
  const fraction = BigInt((m[7] ?? "").slice(0, 7).padEnd(7, "0"));
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  return BigInt(ms) * TICKS_PER_MS + fraction - BigInt(offset) * TICKS_PER_MINUTE;
}

function parseOffset(text: string | undefined): number | null {
  // No offset: the server's zone, which for PowerOffice's hosting we take as UTC.
  if (!text || text === "Z" || text === "z") return 0;
  const sign = text.startsWith("-") ? -1 : 1;
  const digits = text.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || "0");
  if (minutes > 59 || hours * 60 + minutes > 14 * 60) return null;
  return sign * (hours * 60 + minutes);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Writes ticks as .NET does: `yyyy-MM-ddTHH:mm:ss[.fffffff]±hh:mm`, fraction with trailing zeros trimmed. */
export function formatTicks(ticks: Ticks, offsetMinutes = 0): string {
  const local = ticks + BigInt(offsetMinutes) * TICKS_PER_MINUTE;
  const seconds = local / TICKS_PER_SECOND;
  const fraction = (local % TICKS_PER_SECOND).toString().padStart(7, "0").replace(/0+$/, "");
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  return `${base}${fraction ? `.${fraction}` : ""}${formatOffset(offsetMinutes)}`;
}

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/**
 * Hands out write timestamps: the wall clock plus a sub-millisecond part (as a real server's clock has), and
 * strictly increasing so that ordering by LastChangedDateTimeOffset is exact even within one millisecond.
 */
export class TickClock {
  private last = 0n;
  private noise = 7919;

  constructor(private readonly nowMs: () => number) {}

  next(): Ticks {
    this.noise = (this.noise * 48271) % 2147483647;
    const candidate = BigInt(Math.floor(this.nowMs())) * TICKS_PER_MS + BigInt(this.noise % 10_000);
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last;
  }
}
