/**
 * PowerOffice timestamps as exact 100 ns ticks. They carry 0–7 fractional digits (.NET trims trailing zeros) and an
 * offset; JS Date keeps milliseconds only, so two changes 0.1 µs apart would collapse. Nothing here goes through Date.
 */

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?\s*(Z|z|[+-]\d{2}:?\d{2})?$/;
const TICKS_PER_SECOND = 10_000_000n;
const SECONDS_PER_DAY = 86_400n;

/** Ticks (100 ns) since 1970-01-01T00:00:00Z, or null when `text` is not an ISO 8601 date-time. */
export function timestampTicks(text: string): bigint | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = Number(m[6] ?? "0");
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const offsetMinutes = parseOffset(m[8]);
  if (offsetMinutes === null) return null;
  const seconds =
    BigInt(daysFromCivil(year, month, day)) * SECONDS_PER_DAY +
    BigInt(hour * 3600 + minute * 60 + second - offsetMinutes * 60);
  const fraction = BigInt((m[7] ?? "").padEnd(7, "0"));
  return seconds * TICKS_PER_SECOND + fraction;
}

/** The one spelling we store and send: UTC, seven fractional digits, "+00:00" (sorts as text, too). */
export function formatTicks(ticks: bigint): string {
  let seconds = ticks / TICKS_PER_SECOND;
  let fraction = ticks % TICKS_PER_SECOND;
  if (fraction < 0n) {
    fraction += TICKS_PER_SECOND;
    seconds -= 1n;
  }
  let days = seconds / SECONDS_PER_DAY;
  let secondOfDay = seconds % SECONDS_PER_DAY;
  if (secondOfDay < 0n) {
    secondOfDay += SECONDS_PER_DAY;
    days -= 1n;
  }
  const [year, month, day] = civilFromDays(Number(days));
  const s = Number(secondOfDay);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  const time = `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${time}.${String(fraction).padStart(7, "0")}+00:00`;
}

/** `text` in the stored spelling, or null when it is not a timestamp. */
export function normaliseTimestamp(text: string): string | null {
  const ticks = timestampTicks(text);
  return ticks === null ? null : formatTicks(ticks);
}

/** Epoch milliseconds (our clock) in the stored spelling. */
export function timestampFromEpochMs(ms: number): string {
  return formatTicks(BigInt(Math.floor(ms)) * 10_000n);
}

// No offset at all is read as UTC: DateTimeOffset always writes one, so this only matters for hand-made input.
function parseOffset(text: string | undefined): number | null {
  if (!text || text === "Z" || text === "z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  if (minutes > 14 * 60) return null;
  return m[1] === "-" ? -minutes : minutes;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian calendar, exact for every year.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
