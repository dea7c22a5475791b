/**
 * D1's storage, which no daily allowance resets: a database holds at most 500 MB on Workers Free and 10 GB on
 * Workers Paid (developers.cloudflare.com/d1/platform/limits/). Kept pure, like arithmetic.ts, and unit-tested
 * (test/node/bench/storage.test.ts).
 */

export const FREE_DATABASE_BYTES = 500 * 1_000_000;
export const PAID_DATABASE_BYTES = 10 * 1_000_000_000;

export interface StorageFigures {
  /** The database after the first sync, as D1 reports its size. */
  firstSyncBytes: number;
  /** What a day of changes adds to the activity log. */
  dayBytes: number;
}

/**
 * The most the database holds when each activity entry is kept `retentionDays`: the first sync and that many days of
 * changes, just before the first sync's own entries expire. It stays there: D1 (SQLite) reuses the pages of deleted
 * entries for new ones rather than giving them back, so the size it reports does not shrink.
 */
export const peakBytes = (f: StorageFigures, retentionDays: number) => f.firstSyncBytes + retentionDays * f.dayBytes;

/** Days of such changes after the first sync until the database holds `limitBytes`, when nothing is ever deleted. */
export function daysUntil(f: StorageFigures, limitBytes: number): number {
  if (f.firstSyncBytes >= limitBytes) return 0;
  return f.dayBytes > 0 ? Math.floor((limitBytes - f.firstSyncBytes) / f.dayBytes) : Number.POSITIVE_INFINITY;
}

export const megabytes = (bytes: number) =>
  bytes >= 1_000_000_000
    ? `${Number((bytes / 1_000_000_000).toFixed(1))} GB`
    : `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 2 : 1)} MB`;
