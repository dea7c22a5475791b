/**
 * How long the activity log keeps an entry, and how a commit clears the expired ones (docs/operations.md, "How long
 * history is kept"). Without it the log only grows: a first sync writes an entry a record, each change one more, and
 * D1 holds at most 500 MB a database on Workers Free (developers.cloudflare.com/d1/platform/limits/).
 *
 * The clearing rides on the commits that write entries, in their own `db.batch()`: it costs no query of its own, a
 * quiet cron run does none, and it keeps pace with the log's growth. Each commit looks at the oldest entries only (a
 * window twice the size of what it adds, read through the primary key), so its reads stay small however long the log
 * is, and a backlog (a first sync's entries expiring together) clears at up to twice the pace new entries come.
 */
import { InvalidStoreInputError } from "./link-rows";

const DAY_MS = 86_400_000;

/**
 * Half a year: what an admin looks back on (two VAT terms of two months, and then some), and at a Free day's full
 * capacity of changes still well inside 500 MB (docs/performance.md, "Storage").
 */
export const DEFAULT_ACTIVITY_RETENTION_DAYS = 180;

/** The longest retention the config accepts: ten years. */
export const MAX_ACTIVITY_RETENTION_DAYS = 3650;

/** How many of the oldest entries a commit that adds `added` entries looks at. */
export const pruneWindow = (added: number) => 2 * added;

/** Entries written before this time (ISO, the log's own `at` format, so text order is time order) have expired. */
export function expiredBefore(nowMs: number, retentionDays: number): string {
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > MAX_ACTIVITY_RETENTION_DAYS)
    throw new InvalidStoreInputError(
      `activity retention must be a whole number of days from 1 to ${MAX_ACTIVITY_RETENTION_DAYS}, not ${retentionDays}`,
    );
  return new Date(nowMs - retentionDays * DAY_MS).toISOString();
}

/**
 * Deletes the expired among the `?1` oldest entries. The inner SELECT walks the primary key from its start and stops
 * after `?1` rows, so a log with nothing expired costs `?1` rows read and none written. An entry's `at` is the time
 * its run staged it, at most a run's length before its commit: ids follow time closely enough that an entry not yet
 * expired at the head of the window holds the rest back for seconds, not days.
 */
export const PRUNE_ACTIVITY_SQL = `DELETE FROM activity_log WHERE id IN
  (SELECT id FROM (SELECT id, at FROM activity_log ORDER BY id LIMIT ?1) WHERE at < ?2)`;
