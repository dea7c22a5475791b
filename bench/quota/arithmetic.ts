/**
 * The counting behind the quota figures, kept pure so it runs both inside workerd (bench/workerd/usage-meter.ts) and
 * in node, and is unit-tested (test/node/bench/quota-arithmetic.test.ts).
 */
import {
  type Amounts,
  FREE_PER_DAY,
  PAID_PER_DAY,
  QUEUE_OPERATION_BYTES,
  QUOTA_KEYS,
  type QuotaKey,
} from "./allowances";

/** What one invocation (or a sum of them) used of the metered platform services. */
export interface Usage {
  /** Statements run plus batches (a batch is one round trip, as the per-invocation limit counts it). */
  d1Queries: number;
  /** From D1's own result metadata (meta.rows_read / meta.rows_written), not from counting statements. */
  d1RowsRead: number;
  d1RowsWritten: number;
  kvReads: number;
  kvWrites: number;
  queueMessagesSent: number;
  /** Queues operations: 64 KB units written (sent), read (delivered, each retry again) and deleted (acknowledged). */
  queueWrites: number;
  queueReads: number;
  queueDeletes: number;
  /** Deliveries that ended in a retry (each costs another read later). */
  queueRetries: number;
}

export const emptyUsage = (): Usage => ({
  d1Queries: 0,
  d1RowsRead: 0,
  d1RowsWritten: 0,
  kvReads: 0,
  kvWrites: 0,
  queueMessagesSent: 0,
  queueWrites: 0,
  queueReads: 0,
  queueDeletes: 0,
  queueRetries: 0,
});

export function addUsage(into: Usage, more: Partial<Usage> | undefined): Usage {
  if (!more) return into;
  for (const key of Object.keys(into) as Array<keyof Usage>) into[key] += more[key] ?? 0;
  return into;
}

export const sumUsage = (all: Array<Partial<Usage> | undefined>): Usage =>
  all.reduce<Usage>((sum, u) => addUsage(sum, u), emptyUsage());

/** Rows read and written as D1 reports them: one result's `meta`, or the sum over a batch's results. */
export function rowsFromMeta(result: unknown): { rowsRead: number; rowsWritten: number } {
  const results = Array.isArray(result) ? result : [result];
  let rowsRead = 0;
  let rowsWritten = 0;
  for (const r of results) {
    const meta = (r as { meta?: { rows_read?: unknown; rows_written?: unknown } } | null)?.meta;
    if (typeof meta?.rows_read === "number") rowsRead += meta.rows_read;
    if (typeof meta?.rows_written === "number") rowsWritten += meta.rows_written;
  }
  return { rowsRead, rowsWritten };
}

/**
 * The table a statement writes and how ("links insert", "leases delete"); "other" for a statement that writes none.
 * A statement that writes only a run's claim on a link (worker/store/link-claim-sql.ts) is "links claim".
 */
export function writeTarget(sql: string): string {
  if (/^\s*UPDATE\s+links\s+SET\s+claim_/i.test(sql)) return "links claim";
  const m = /\b(INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+[`"[]?(\w+)/i.exec(
    sql,
  );
  if (!m) return "other";
  const verb = m[1]!.toUpperCase();
  const kind = verb.startsWith("DELETE") ? "delete" : verb.startsWith("UPDATE") ? "update" : "insert";
  return `${m[2]!.toLowerCase()} ${kind}`;
}

/**
 * Adds each statement's meta.rows_written (index entries and trigger writes included, as D1 bills them) to `tally`
 * under the table it writes; `result` is one statement's result or a batch's results, in the order of `sqls`.
 */
export function tallyRowsWritten(tally: Record<string, number>, sqls: string[], result: unknown): void {
  const results = Array.isArray(result) ? result : [result];
  results.forEach((r, i) => {
    const written = rowsFromMeta(r).rowsWritten;
    if (written <= 0) return;
    const target = writeTarget(sqls[i] ?? "");
    tally[target] = (tally[target] ?? 0) + written;
  });
}

/** How many Queues operations one write, read or delete of a message of `bytes` costs: one per started 64 KB. */
export const queueUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / QUEUE_OPERATION_BYTES));

/** A message body's size as sent: its JSON in UTF-8 (the platform adds about 100 bytes of metadata; not counted). */
export const messageBytes = (body: unknown) => new TextEncoder().encode(JSON.stringify(body) ?? "").length;

export const queueOperations = (u: Usage) => u.queueWrites + u.queueReads + u.queueDeletes;

/** The usage in the allowances' terms; every invocation (HTTP, cron, queue batch) counts as a Workers request. */
export const amountsOf = (u: Usage, requests: number): Amounts => ({
  requests,
  queueOps: queueOperations(u),
  d1RowsRead: u.d1RowsRead,
  d1RowsWritten: u.d1RowsWritten,
  kvReads: u.kvReads,
  kvWrites: u.kvWrites,
});

export const scaleAmounts = (a: Amounts, factor: number): Amounts =>
  Object.fromEntries(QUOTA_KEYS.map((k) => [k, a[k] * factor])) as Amounts;

export const addAmounts = (...all: Amounts[]): Amounts =>
  Object.fromEntries(QUOTA_KEYS.map((k) => [k, all.reduce((s, a) => s + a[k], 0)])) as Amounts;

/** `amount` as a share of `allowance` (1 = all of it). */
export const share = (amount: number, allowance: number) =>
  allowance > 0 ? amount / allowance : Number.POSITIVE_INFINITY;

export const percent = (fraction: number) =>
  fraction >= 10
    ? `${Math.round(fraction * 100).toLocaleString("en")} %`
    : `${(fraction * 100).toFixed(fraction < 0.1 ? 2 : 1)} %`;

/** The allowance a day's use runs out first, and its share of it, on one plan. */
export function tightest(a: Amounts, perDay: Amounts): { key: QuotaKey; share: number } {
  let best: { key: QuotaKey; share: number } = { key: QUOTA_KEYS[0], share: 0 };
  for (const key of QUOTA_KEYS) {
    const s = share(a[key], perDay[key]);
    if (s > best.share) best = { key, share: s };
  }
  return best;
}

/** Whole days the use takes on Workers Free when each day may spend no more than the daily allowance. */
export const daysOnFree = (a: Amounts) => Math.max(1, Math.ceil(tightest(a, FREE_PER_DAY).share));

/** Each allowance's share, as "name: free x % / paid y %". */
export const sharesText = (a: Amounts, key: QuotaKey) =>
  `${fmt(a[key])} = ${percent(share(a[key], FREE_PER_DAY[key]))} of Free's day, ${percent(share(a[key], PAID_PER_DAY[key]))} of Paid's month/30`;

export const fmt = (n: number) =>
  n >= 100 ? Math.round(n).toLocaleString("en") : n >= 10 ? n.toFixed(1) : Number(n.toFixed(2)).toString();

/** How many records (or changes) fit in one Free day at `perUnit` cost, after `fixed` (e.g. the day's cron runs). */
export function fitPerFreeDay(perUnit: Amounts, fixed: Amounts = zeroAmounts()): number {
  let most = Number.POSITIVE_INFINITY;
  for (const key of QUOTA_KEYS) {
    if (perUnit[key] <= 0) continue;
    most = Math.min(most, Math.max(0, FREE_PER_DAY[key] - fixed[key]) / perUnit[key]);
  }
  return Math.floor(most);
}

export const zeroAmounts = (): Amounts => Object.fromEntries(QUOTA_KEYS.map((k) => [k, 0])) as Amounts;
