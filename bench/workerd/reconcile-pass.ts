/**
 * The reconcile pass (docs/sync-engine.md, Triggers step 4: hourly on Workers Paid, daily on Free), measured after the
 * steady-state changes: its clock is set back one interval, one cron run queues the pass, and the worker is left to go
 * quiet. The pass is the queue batches of that window (the cron run itself is one of the day's 1,440, counted apart),
 * and the API calls of the window less a quiet cron run's; divided by the links it walked, its cost per link. A day
 * holds 24 passes on Paid and one on Free, so for a shop of the benchmark's full scale (one link per record) that is
 * 24 × 17,200 or 17,200 times the per-link cost: a daily cost that grows with the shop, apart from the busy day's.
 */

import { reconcileEveryMs } from "../../worker/jobs/reconcile-clock";
import { type Amounts, FREE_PER_DAY, QUOTA_KEYS, QUOTA_NAMES } from "../quota/allowances";
import { amountsOf, fmt, queueOperations, scaleAmounts, sharesText, sumUsage, type Usage } from "../quota/arithmetic";
import type { BenchRow } from "../types";
import { FULL_SCALE_RECORDS } from "./quota-rows";
import type { Stack } from "./stack";
import type { QuietCost } from "./steady-state";

/** Passes a day on each plan for a shop of `links` (worker/jobs/reconcile-clock.ts, reconcileEveryMs). */
export const passesPerDay = (plan: "free" | "paid", links: number) =>
  Math.round(((24 * 60 * 60_000) / reconcileEveryMs(plan, links)) * 100) / 100;

/**
 * How long the pass may take. It reads every link's PowerOffice record at PowerOffice's 10 requests/s: at full scale
 * (17,200 links) that alone is about half an hour, past the 30 minutes the stack otherwise waits for quiet.
 */
const PASS_TIMEOUT_MS = 3 * 60 * 60_000;

export interface ReconcileCost {
  links: number;
  invocations: number;
  apiCalls: number;
  queueOps: number;
  usage: Usage;
  /** One pass, per link. */
  perLink: Amounts;
  apiCallsPerLink: number;
}

export async function measureReconcile(stack: Stack, quiet: QuietCost, plan: "free" | "paid"): Promise<ReconcileCost> {
  await stack.idle();
  const [{ n: links } = { n: 0 }] = await stack.query<{ n: number }>("SELECT COUNT(*) AS n FROM links");
  const from = { inv: stack.invocations.length, po: stack.sim.requests.length, shop: stack.shop.requests.length };
  // The pass is due: its clock (reconcile-clock.ts, RECONCILE_SETTING) one interval and a minute back.
  const due = new Date(Date.now() - reconcileEveryMs(plan) - 60_000).toISOString();
  await stack.query("UPDATE settings SET value = ? WHERE key = 'reconcile:last'", due);
  await stack.runCron();
  await stack.idle(undefined, PASS_TIMEOUT_MS);
  const window = stack.invocations.slice(from.inv).filter((r) => r.kind === "queue");
  const usage = sumUsage(window.map((r) => r.usage));
  const invocations = window.length;
  const apiCalls = Math.max(
    0,
    stack.sim.requests.length - from.po + stack.shop.requests.length - from.shop - quiet.calls,
  );
  const perLink = scaleAmounts(amountsOf(usage, invocations), 1 / Math.max(1, links));
  return {
    links,
    invocations,
    apiCalls,
    queueOps: queueOperations(usage),
    usage,
    perLink,
    apiCallsPerLink: apiCalls / Math.max(1, links),
  };
}

/** A day of passes over `links` links. */
export const reconcileDay = (cost: ReconcileCost, links: number, plan: "free" | "paid"): Amounts =>
  scaleAmounts(cost.perLink, links * passesPerDay(plan, links));

/** The pass per link, and a day of it for a shop of the benchmark's full scale, against both plans' allowances. */
export function reconcileRows(cost: ReconcileCost, setup: string, plan: "free" | "paid"): BenchRow[] {
  const passes = passesPerDay(plan, FULL_SCALE_RECORDS);
  const day = reconcileDay(cost, FULL_SCALE_RECORDS, plan);
  const per = cost.perLink;
  const rows: BenchRow[] = [
    {
      figure: "R. reconcile pass, per link",
      value: `${fmt(cost.apiCallsPerLink)} API calls, ${fmt(per.queueOps)} Queue operations, ${fmt(per.requests)} invocations, ${fmt(per.d1RowsRead)} D1 rows read, ${fmt(per.d1RowsWritten)} written (${cost.links} links: ${cost.apiCalls} calls, ${cost.invocations} invocations, ${cost.queueOps} Queue operations)`,
      target: "report",
      met: null,
      setup: `one pass over every link after the steady-state changes, less one quiet cron run. ${setup}`,
      data: { ...cost },
    },
  ];
  for (const key of QUOTA_KEYS) {
    rows.push({
      figure: `R. a day of reconcile passes at full scale (${FULL_SCALE_RECORDS.toLocaleString("en")} links × ${passes}): ${QUOTA_NAMES[key]}`,
      value: sharesText(day, key),
      target: "report",
      met: null,
      setup: `the measured per-link cost × ${FULL_SCALE_RECORDS} links × ${passes} passes a day. ${setup}`,
      data: { amount: day[key], perLink: per[key], free: FREE_PER_DAY[key] },
    });
  }
  return rows;
}
