/**
 * Cloudflare's daily allowances on Workers Free and the monthly included amounts of Workers Paid, as published
 * (checked December 2026; they change, so docs/performance.md links each page):
 * - Workers requests: developers.cloudflare.com/workers/platform/limits/ (Free 100,000 a day) and
 *   developers.cloudflare.com/workers/platform/pricing/ (Paid 10 million a month included).
 * - Queues: developers.cloudflare.com/queues/platform/pricing/ (Free 10,000 operations a day, Paid 1 million a month;
 *   every 64 KB written, read or deleted is one operation).
 * - D1: developers.cloudflare.com/d1/platform/pricing/ (Free 5 million rows read and 100,000 written a day, Paid
 *   25 billion read and 50 million written a month).
 * - KV: developers.cloudflare.com/kv/platform/limits and /kv/platform/pricing/ (Free 100,000 reads and 1,000 writes a
 *   day, Paid 10 million reads and 1 million writes a month).
 */
export const QUOTA_KEYS = ["requests", "queueOps", "d1RowsRead", "d1RowsWritten", "kvReads", "kvWrites"] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];
export type Amounts = Record<QuotaKey, number>;

export const QUOTA_NAMES: Record<QuotaKey, string> = {
  requests: "Workers requests",
  queueOps: "Queue operations",
  d1RowsRead: "D1 rows read",
  d1RowsWritten: "D1 rows written",
  kvReads: "KV reads",
  kvWrites: "KV writes",
};

/** Workers Free: what one day allows (reset at 00:00 UTC). */
export const FREE_PER_DAY: Amounts = {
  requests: 100_000,
  queueOps: 10_000,
  d1RowsRead: 5_000_000,
  d1RowsWritten: 100_000,
  kvReads: 100_000,
  kvWrites: 1_000,
};

/** Workers Paid: what one month includes before usage is billed. */
export const PAID_PER_MONTH: Amounts = {
  requests: 10_000_000,
  queueOps: 1_000_000,
  d1RowsRead: 25_000_000_000,
  d1RowsWritten: 50_000_000,
  kvReads: 10_000_000,
  kvWrites: 1_000_000,
};

/** Paid's monthly amounts spread over 30 days, to compare with a day's use. */
export const PAID_PER_DAY: Amounts = Object.fromEntries(
  Object.entries(PAID_PER_MONTH).map(([k, v]) => [k, v / 30]),
) as Amounts;

/** One Queues operation per this many bytes written, read or deleted (Queues pricing: 64 KB; 1 KB = 1,000 bytes). */
export const QUEUE_OPERATION_BYTES = 64_000;
