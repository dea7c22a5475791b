/**
 * What one invocation uses of Cloudflare's daily allowances, counted as the allowances count it: D1 rows from each
 * result's metadata (meta.rows_read / rows_written: index entries and trigger writes included, as D1 bills them), a
 * Queue message as three operations (written, read, deleted), every KV put, and the invocation itself as one request.
 * The triggers add it to the day's tally (worker/store/daily-usage.ts) once, at their end.
 */
import { type DailyUsage, NO_USAGE, QUEUE_OPERATIONS_PER_MESSAGE } from "../core/pacing";

export interface UsageMeter {
  /** A D1 result (or a batch's results): its rows read and written. */
  d1(result: unknown): void;
  queueMessages(count: number): void;
  kvWrite(): void;
  /** Requests besides this invocation: the shop's webhook deliveries whose events a queue batch processed. */
  requests(count: number): void;
  /** Records a page of the first sync read, at `at`. */
  backfill(records: number, at: number): void;
  /** This invocation's counts so far (itself as one request). */
  usage(): DailyUsage;
}

export function usageMeter(): UsageMeter {
  // The invocation itself is one request.
  const used: DailyUsage = { ...NO_USAGE, requests: 1 };
  const countOne = (result: unknown) => {
    const meta = (result as { meta?: { rows_read?: unknown; rows_written?: unknown } } | null)?.meta;
    if (typeof meta?.rows_read === "number") used.d1RowsRead += meta.rows_read;
    if (typeof meta?.rows_written === "number") used.d1RowsWritten += meta.rows_written;
  };
  return {
    d1(result) {
      if (Array.isArray(result)) for (const one of result) countOne(one);
      else countOne(result);
    },
    queueMessages(count) {
      used.queueOperations += QUEUE_OPERATIONS_PER_MESSAGE * count;
    },
    kvWrite() {
      used.kvWrites += 1;
    },
    requests(count) {
      used.requests += count;
    },
    backfill(records, at) {
      if (records <= 0) return;
      used.backfillRecords += records;
      used.backfillFirstAt = Math.min(used.backfillFirstAt ?? at, at);
      used.backfillLastAt = Math.max(used.backfillLastAt ?? at, at);
    },
    usage: () => ({ ...used }),
  };
}
