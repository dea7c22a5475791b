/**
 * The figures of issue 12 built from benchmark 2's measured run: per record of the first sync, per change in steady
 * state, and the quota table (full-scale first sync, busy day) as shares of Workers Free's daily allowances and of
 * Workers Paid's monthly included amounts over 30 days (bench/quota/allowances.ts, cited in docs/performance.md).
 */
import { type Amounts, FREE_PER_DAY, PAID_PER_MONTH, QUOTA_KEYS, QUOTA_NAMES } from "../quota/allowances";
import {
  addAmounts,
  amountsOf,
  daysOnFree,
  fitPerFreeDay,
  fmt,
  percent,
  queueOperations,
  scaleAmounts,
  sharesText,
  sumUsage,
  tightest,
} from "../quota/arithmetic";
import type { BenchRow } from "../types";
import type { InvocationReport } from "./report";
import { type ChangeCost, isWebhookDelivery, type QuietCost, rowsByTableOf } from "./steady-state";

/** The benchmark's full scale: 10,000 customers, 200 departments, 5,000 products, 2,000 orders. */
export const FULL_SCALE_RECORDS = 10_000 + 200 + 5_000 + 2_000;

/** The busy day of issue 12. */
export const BUSY_DAY = { cronRuns: 1_440, shopEdits: 1_000, powerofficeEdits: 200, newOrders: 100 };

export const TARGETS = {
  perRecord: { queueOps: 0.5, invocations: 0.2, d1Queries: 5, d1RowsWritten: 4 },
  perChange: { queueOps: 1, invocations: 2 },
};

export interface FirstSync {
  records: number;
  invocations: InvocationReport[];
}

const ratio = (n: number, d: number) => n / Math.max(1, d);

export function firstSyncAmounts(sync: FirstSync) {
  const workerInvocations = sync.invocations.filter((r) => !isWebhookDelivery(r));
  const deliveries = sync.invocations.filter(isWebhookDelivery);
  const all = sumUsage(sync.invocations.map((r) => r.usage));
  const ofDeliveries = sumUsage(deliveries.map((r) => r.usage));
  const rowsByTable = rowsByTableOf(sync.invocations);
  return {
    rowsByTable,
    workerInvocations: workerInvocations.length,
    deliveries: deliveries.length,
    all,
    ofDeliveries,
    amounts: amountsOf(all, sync.invocations.length),
  };
}

export function perRecordRows(sync: FirstSync, setup: string): BenchRow[] {
  const f = firstSyncAmounts(sync);
  const n = sync.records;
  const t = TARGETS.perRecord;
  const queueOps = ratio(queueOperations(f.all), n);
  const invocations = ratio(f.workerInvocations, n);
  const d1Queries = ratio(f.all.d1Queries, n);
  const rowsWritten = ratio(f.all.d1RowsWritten, n);
  const perDelivery = (x: number) => fmt(ratio(x, f.deliveries));
  const byTable = Object.entries(f.rowsByTable).sort((a, b) => b[1] - a[1]);
  const rowsPerRecordByTable = Object.fromEntries(byTable.map(([k, v]) => [k, Number(ratio(v, n).toFixed(3))]));
  const tablesText = byTable.map(([k, v]) => `${k} ${fmt(ratio(v, n))}`).join(", ");
  const where = `${n} records linked; counted at the platform's bindings in every invocation of the first sync, the shop's webhook deliveries included`;
  return [
    {
      figure: "2q. Queue operations per record of a first sync",
      value: `${fmt(queueOps)} (${queueOperations(f.all)} operations: ${f.all.queueWrites} written, ${f.all.queueReads} read, ${f.all.queueDeletes} deleted; ${f.all.queueMessagesSent} messages, ${f.all.queueRetries} retries)`,
      target: `≤ ${t.queueOps}`,
      met: queueOps <= t.queueOps,
      setup: `${where}. ${setup}`,
      data: { records: n, usage: f.all },
    },
    {
      figure: "2q. invocations per record of a first sync (without webhook deliveries)",
      value: `${fmt(invocations)} (${f.workerInvocations} invocations: cron, queue batches); apart: ${f.deliveries} webhook deliveries from the shop, each 1 Workers request, ${perDelivery(f.ofDeliveries.d1Queries)} D1 queries, ${perDelivery(f.ofDeliveries.d1RowsRead)} rows read, ${perDelivery(f.ofDeliveries.d1RowsWritten)} rows written, ${perDelivery(f.ofDeliveries.queueMessagesSent)} Queue messages sent (counted in the rows above)`,
      target: `≤ ${t.invocations}`,
      met: invocations <= t.invocations,
      setup: `${where}. ${setup}`,
      data: { workerInvocations: f.workerInvocations, deliveries: f.deliveries, ofDeliveries: f.ofDeliveries },
    },
    {
      figure: "2q. D1 queries per record of a first sync",
      value: `${fmt(d1Queries)} (${f.all.d1Queries} statements or batches; ${fmt(ratio(f.all.d1RowsRead, n))} rows read per record)`,
      target: `≤ ${t.d1Queries}`,
      met: d1Queries <= t.d1Queries,
      setup: `${where}. ${setup}`,
      data: { d1Queries: f.all.d1Queries, d1RowsRead: f.all.d1RowsRead },
    },
    {
      figure: "2q. D1 rows written per record of a first sync",
      value: `${fmt(rowsWritten)} (${f.all.d1RowsWritten} rows, from D1's meta.rows_written; per record by table written: ${tablesText || "none"})`,
      target: `≤ ${t.d1RowsWritten}`,
      met: rowsWritten <= t.d1RowsWritten,
      setup: `${where}. ${setup}`,
      data: { d1RowsWritten: f.all.d1RowsWritten, rowsByTable: f.rowsByTable, rowsPerRecordByTable },
    },
  ];
}

export function perChangeRows(changes: ChangeCost[], setup: string): BenchRow[] {
  const t = TARGETS.perChange;
  const rows: BenchRow[] = [];
  for (const c of changes) {
    const why = `${c.webhookDeliveries} webhook deliveries, ${c.queueBatches} queue batches, ${c.cronRuns} cron runs until quiet (their quiet cost not counted)`;
    const data = { ...c };
    rows.push(
      {
        figure: `3q. Queue operations per change: ${c.change}`,
        value: `${fmt(c.queueOps)} (${c.usage.queueMessagesSent} messages)`,
        target: `≤ ${t.queueOps}`,
        met: c.queueOps <= t.queueOps,
        setup: `${why}. ${setup}`,
        data,
      },
      {
        figure: `3q. invocations per change: ${c.change}`,
        value: `${c.invocations} (${why})`,
        target: `≤ ${t.invocations}`,
        met: c.invocations <= t.invocations,
        setup,
        data,
      },
      {
        figure: `3q. API calls per change: ${c.change}`,
        value: `${c.arrived ? "" : "NOT SYNCED when the cron went quiet; "}${c.apiCalls} calls (${c.apiWrites} writes) vs minimum ${c.minimumCalls}; D1 ${fmt(c.usage.d1Queries)} queries, ${fmt(c.usage.d1RowsWritten)} rows written (${byTableText(c.rowsByTable)})`,
        target: `= minimum (${c.minimumCalls}: ${c.minimumWhy})`,
        met: c.arrived && c.apiCalls <= c.minimumCalls,
        setup: `the cron runs' own page reads (the quiet cost) not counted. ${setup}`,
        data,
      },
    );
  }
  return rows;
}

export function quietAmounts(quiet: QuietCost): Amounts {
  return amountsOf(quiet.usage, quiet.invocations);
}

export function busyDayAmounts(quiet: QuietCost, changes: ChangeCost[]) {
  const [shopEdit, poEdit, newOrder] = changes;
  if (!shopEdit || !poEdit || !newOrder) throw new Error("the busy day needs the three measured changes");
  const crons = scaleAmounts(quietAmounts(quiet), BUSY_DAY.cronRuns);
  const total = addAmounts(
    crons,
    scaleAmounts(shopEdit.amounts, BUSY_DAY.shopEdits),
    scaleAmounts(poEdit.amounts, BUSY_DAY.powerofficeEdits),
    scaleAmounts(newOrder.amounts, BUSY_DAY.newOrders),
  );
  return { crons, total, shopEdit, poEdit, newOrder };
}

/** (4) the quota table: each allowance's share for the full-scale first sync and for a busy day, and what fits Free. */
export function quotaRows(
  sync: FirstSync,
  quiet: QuietCost,
  changes: ChangeCost[],
  setup: string,
  plan: "free" | "paid",
): BenchRow[] {
  const f = firstSyncAmounts(sync);
  const factor = FULL_SCALE_RECORDS / sync.records;
  const measuredAtFull = Math.abs(factor - 1) < 0.01;
  const perRecord = scaleAmounts(f.amounts, 1 / sync.records);
  const fullSync = scaleAmounts(f.amounts, factor);
  const how = measuredAtFull
    ? `measured at full scale (${sync.records} records)`
    : `extrapolated per record from the measured ${sync.records} records (×${factor.toFixed(1)}); BENCH_SCALE=1 measures it`;
  const busy = busyDayAmounts(quiet, changes);
  const rows: BenchRow[] = [];
  for (const key of QUOTA_KEYS) {
    rows.push({
      figure: `Q. full-scale first sync (${FULL_SCALE_RECORDS.toLocaleString("en")} records): ${QUOTA_NAMES[key]}`,
      value: sharesText(fullSync, key),
      target: "report",
      met: null,
      setup: `${how}. ${setup}`,
      data: { amount: fullSync[key], perRecord: perRecord[key], free: FREE_PER_DAY[key] },
    });
  }
  const days = daysOnFree(fullSync);
  const first = tightest(fullSync, FREE_PER_DAY);
  const recordsPerFreeDay = fitPerFreeDay(perRecord, busy.crons);
  const ofMonth = tightest(fullSync, PAID_PER_MONTH);
  rows.push(
    plan === "free"
      ? {
          figure: "Q. full-scale first sync: days on Workers Free at today's cost",
          value: `${days} days (${QUOTA_NAMES[first.key]} runs out first: ${percent(first.share)} of one day); about ${recordsPerFreeDay.toLocaleString("en")} records a day beside the day's cron runs`,
          target: "report",
          met: null,
          setup: `${how}. ${setup}`,
          data: { days, tightest: first, recordsPerFreeDay, fullSync, perRecord },
        }
      : {
          figure: "Q. full-scale first sync: share of Workers Paid's monthly included amounts",
          value: `${ofMonth.share <= 1 ? "within them" : "beyond them"}: ${QUOTA_NAMES[ofMonth.key]} ${percent(ofMonth.share)} of the month's included amount (the rest is billed per use)`,
          target: "report",
          met: null,
          setup: `${how}. ${setup}`,
          data: { tightest: ofMonth, fullSync, perRecord },
        },
  );
  const mix = `${BUSY_DAY.cronRuns} cron runs at the measured quiet cost, ${BUSY_DAY.shopEdits} shop edits, ${BUSY_DAY.powerofficeEdits} PowerOffice edits, ${BUSY_DAY.newOrders} new orders, each at its measured per-change cost`;
  for (const key of QUOTA_KEYS) {
    rows.push({
      figure: `Q. busy day: ${QUOTA_NAMES[key]}`,
      value: sharesText(busy.total, key),
      target: "report",
      met: null,
      setup: `${mix}. ${setup}`,
      data: { amount: busy.total[key], crons: busy.crons[key] },
    });
  }
  const busiest = tightest(busy.total, FREE_PER_DAY);
  const shopEditsPerDay = fitPerFreeDay(busy.shopEdit.amounts, busy.crons);
  const poEditsPerDay = fitPerFreeDay(busy.poEdit.amounts, busy.crons);
  const ordersPerDay = fitPerFreeDay(busy.newOrder.amounts, busy.crons);
  const busiestOfMonth = tightest(scaleAmounts(busy.total, 30), PAID_PER_MONTH);
  rows.push(
    plan === "free"
      ? {
          figure: "Q. busy day on Workers Free",
          value: `${busiest.share <= 1 ? "fits" : "does NOT fit"}: ${QUOTA_NAMES[busiest.key]} ${percent(busiest.share)} of the day; beside the cron runs a Free day holds about ${shopEditsPerDay.toLocaleString("en")} shop edits, or ${poEditsPerDay.toLocaleString("en")} PowerOffice edits, or ${ordersPerDay.toLocaleString("en")} new orders`,
          target: "report",
          met: null,
          setup: `${mix}. ${setup}`,
          data: { tightest: busiest, shopEditsPerDay, poEditsPerDay, ordersPerDay, total: busy.total },
        }
      : {
          figure: "Q. busy days on Workers Paid (30 a month)",
          value: `${busiestOfMonth.share <= 1 ? "within" : "beyond"} the included amounts: ${QUOTA_NAMES[busiestOfMonth.key]} ${percent(busiestOfMonth.share)} of the month's`,
          target: "report",
          met: null,
          setup: `${mix}. ${setup}`,
          data: { tightest: busiestOfMonth, total: busy.total },
        },
  );
  return rows;
}

/** The quota table as markdown, for docs/performance.md (printed to stderr by the run). */
export function quotaMarkdown(plan: string, sync: FirstSync, quiet: QuietCost, changes: ChangeCost[]): string {
  const f = firstSyncAmounts(sync);
  const fullSync = scaleAmounts(f.amounts, FULL_SCALE_RECORDS / sync.records);
  const busy = busyDayAmounts(quiet, changes);
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  const out = [
    `WORKERS_PLAN=${plan}`,
    line(["allowance", "full-scale first sync", "busy day"]),
    line(["---", "---", "---"]),
    ...QUOTA_KEYS.map((k) => line([QUOTA_NAMES[k], sharesText(fullSync, k), sharesText(busy.total, k)])),
  ];
  return out.join("\n");
}

/** Rows written by table, largest first: "links update 3, activity_log insert 3". */
function byTableText(rows: Record<string, number>): string {
  const parts = Object.entries(rows)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${fmt(v)}`);
  return parts.length > 0 ? `by table: ${parts.join(", ")}` : "none by table";
}
