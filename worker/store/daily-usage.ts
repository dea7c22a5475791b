/**
 * The `daily_usage` table (0010): what the worker's own invocations used of Cloudflare's daily allowances per UTC day.
 * One upsert per invocation that did sync work adds its counts; reading today's row is one indexed lookup.
 */
import { type DailyUsage, NO_USAGE, usageDay } from "../core/pacing";

const UPSERT = `INSERT INTO daily_usage (day, requests, queue_operations, d1_rows_read, d1_rows_written, kv_writes,
    backfill_records, backfill_first_at, backfill_last_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (day) DO UPDATE SET
    requests = requests + excluded.requests,
    queue_operations = queue_operations + excluded.queue_operations,
    d1_rows_read = d1_rows_read + excluded.d1_rows_read,
    d1_rows_written = d1_rows_written + excluded.d1_rows_written,
    kv_writes = kv_writes + excluded.kv_writes,
    backfill_records = backfill_records + excluded.backfill_records,
    backfill_first_at = coalesce(min(backfill_first_at, excluded.backfill_first_at), backfill_first_at,
      excluded.backfill_first_at),
    backfill_last_at = coalesce(max(backfill_last_at, excluded.backfill_last_at), backfill_last_at,
      excluded.backfill_last_at)`;

const SELECT = `SELECT requests, queue_operations, d1_rows_read, d1_rows_written, kv_writes, backfill_records,
  backfill_first_at, backfill_last_at FROM daily_usage WHERE day = ?`;

export interface DailyUsageRow {
  requests: number;
  queue_operations: number;
  d1_rows_read: number;
  d1_rows_written: number;
  kv_writes: number;
  backfill_records: number;
  backfill_first_at: number | null;
  backfill_last_at: number | null;
}

/** Adds one invocation's counts to the day `now` falls in. */
export function addUsage(db: D1Database, now: number, usage: DailyUsage): D1PreparedStatement {
  return db
    .prepare(UPSERT)
    .bind(
      usageDay(now),
      usage.requests,
      usage.queueOperations,
      usage.d1RowsRead,
      usage.d1RowsWritten,
      usage.kvWrites,
      usage.backfillRecords,
      usage.backfillFirstAt,
      usage.backfillLastAt,
    );
}

/** Today's row (the day `now` falls in); read with `usageFromRow`. */
export const selectUsage = (db: D1Database, now: number): D1PreparedStatement => db.prepare(SELECT).bind(usageDay(now));

export function usageFromRow(row: DailyUsageRow | null | undefined): DailyUsage {
  if (!row) return NO_USAGE;
  return {
    requests: row.requests,
    queueOperations: row.queue_operations,
    d1RowsRead: row.d1_rows_read,
    d1RowsWritten: row.d1_rows_written,
    kvWrites: row.kv_writes,
    backfillRecords: row.backfill_records,
    backfillFirstAt: row.backfill_first_at,
    backfillLastAt: row.backfill_last_at,
  };
}

/** Two tallies added up: the stored day and what this invocation used so far. */
export function sumUsage(a: DailyUsage, b: DailyUsage): DailyUsage {
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number) =>
    x === null ? y : y === null ? x : f(x, y);
  return {
    requests: a.requests + b.requests,
    queueOperations: a.queueOperations + b.queueOperations,
    d1RowsRead: a.d1RowsRead + b.d1RowsRead,
    d1RowsWritten: a.d1RowsWritten + b.d1RowsWritten,
    kvWrites: a.kvWrites + b.kvWrites,
    backfillRecords: a.backfillRecords + b.backfillRecords,
    backfillFirstAt: pick(a.backfillFirstAt, b.backfillFirstAt, Math.min),
    backfillLastAt: pick(a.backfillLastAt, b.backfillLastAt, Math.max),
  };
}
