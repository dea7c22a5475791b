/**
 * D1 storage (docs/performance.md, "Storage"): the database's size after the first sync, what each change adds to it,
 * and where a busy day of changes takes it at the default retention of activity entries. A change's bytes are
 * measured, not estimated: its own activity entries are copied many times over and the size D1 reports before and
 * after is compared (a single entry is too small to move a 4 KB page reliably); the copies are deleted afterwards.
 */
import { DEFAULT_ACTIVITY_RETENTION_DAYS } from "../../worker/store/activity-retention";
import { percent } from "../quota/arithmetic";
import { daysUntil, FREE_DATABASE_BYTES, megabytes, PAID_DATABASE_BYTES, peakBytes } from "../quota/storage";
import type { BenchRow } from "../types";
import { BUSY_DAY } from "./quota-rows";
import type { Stack } from "./stack";
import { type ChangeCost, lastActivityId } from "./steady-state";

const COPIES = 500;

/** Bytes each of the activity entries with ids in (after, last] takes in D1, its index entries included. */
async function bytesPerEntry(stack: Stack, ids: { after: number; last: number }): Promise<number> {
  const entries = ids.last - ids.after;
  if (entries <= 0) return 0;
  const [sample] = await stack.query<Record<string, unknown>>("SELECT * FROM activity_log LIMIT 1");
  const columns = Object.keys(sample ?? {}).filter((c) => c !== "id");
  const list = columns.join(", ");
  const top = await lastActivityId(stack);
  const before = await stack.databaseBytes();
  await stack.query(
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?3)
     INSERT INTO activity_log (${list}) SELECT ${columns.map((c) => `a.${c}`).join(", ")}
     FROM n, activity_log AS a WHERE a.id > ?1 AND a.id <= ?2`,
    ids.after,
    ids.last,
    COPIES,
  );
  const after = await stack.databaseBytes();
  await stack.query("DELETE FROM activity_log WHERE id > ?", top);
  return (after - before) / (COPIES * entries);
}

export interface StorageMeasure {
  firstSyncBytes: number;
  records: number;
  perChange: Array<{ change: string; entries: number; bytes: number }>;
}

/** Run after every other measurement: the copies it writes (and deletes) leave free pages behind. */
export async function measureStorage(
  stack: Stack,
  firstSyncBytes: number,
  records: number,
  changes: ChangeCost[],
): Promise<StorageMeasure> {
  const perChange = [];
  for (const c of changes) {
    const entries = c.activityIds.last - c.activityIds.after;
    perChange.push({ change: c.change, entries, bytes: entries * (await bytesPerEntry(stack, c.activityIds)) });
  }
  return { firstSyncBytes, records, perChange };
}

export function storageRows(m: StorageMeasure, setup: string): BenchRow[] {
  const [shopEdit, poEdit, newOrder] = m.perChange;
  if (!shopEdit || !poEdit || !newOrder) throw new Error("storage needs the three measured changes");
  const dayBytes =
    BUSY_DAY.shopEdits * shopEdit.bytes +
    BUSY_DAY.powerofficeEdits * poEdit.bytes +
    BUSY_DAY.newOrders * newOrder.bytes;
  const figures = { firstSyncBytes: m.firstSyncBytes, dayBytes };
  const peak = peakBytes(figures, DEFAULT_ACTIVITY_RETENTION_DAYS);
  const changesText = m.perChange
    .map((c) => `${c.change} ${Math.round(c.bytes)} bytes (${c.entries} ${c.entries === 1 ? "entry" : "entries"})`)
    .join(", ");
  const freeDays = daysUntil(figures, FREE_DATABASE_BYTES);
  return [
    {
      figure: "S. D1 storage after the first sync",
      value: `${megabytes(m.firstSyncBytes)} for ${m.records} records (${Math.round(m.firstSyncBytes / Math.max(1, m.records))} bytes a record), ${percent(m.firstSyncBytes / FREE_DATABASE_BYTES)} of Free's 500 MB`,
      target: "report",
      met: null,
      setup,
      data: { firstSyncBytes: m.firstSyncBytes, records: m.records },
    },
    {
      figure: "S. D1 storage a busy day adds",
      value: `${megabytes(dayBytes)} (${changesText}); kept ${DEFAULT_ACTIVITY_RETENTION_DAYS} days (ACTIVITY_RETENTION_DAYS) the database peaks at ${megabytes(peak)}; were nothing deleted, Free's 500 MB would be full after ${freeDays.toLocaleString("en")} busy days`,
      target: `≤ ${megabytes(FREE_DATABASE_BYTES)} on Free (Paid ${megabytes(PAID_DATABASE_BYTES)}) at the default retention`,
      met: peak <= FREE_DATABASE_BYTES,
      setup: `${BUSY_DAY.shopEdits} shop edits, ${BUSY_DAY.powerofficeEdits} PowerOffice edits, ${BUSY_DAY.newOrders} new orders a day, each at its measured size; ${setup}`,
      data: { dayBytes, peak, freeDays, perChange: m.perChange },
    },
  ];
}
