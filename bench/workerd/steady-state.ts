/**
 * Per change in steady state, after the backfill has gone quiet: a shop edit, a PowerOffice edit and a new shop order
 * with lines, each alone. After the change the worker is left to go quiet, then the cron runs (a minute apart is not
 * needed: nothing else changes) until a run writes nothing; what the window used, less the quiet cost of the cron
 * runs in it (those run every minute anyway and are counted by the busy day's 1,440 cron runs), is the change's cost.
 */
import type { Amounts } from "../quota/allowances";
import { amountsOf, queueOperations, sumUsage, type Usage } from "../quota/arithmetic";
import type { InvocationReport } from "./report";
import type { Stack } from "./stack";

export const isWebhookDelivery = (r: InvocationReport) => r.kind === "fetch" && r.what.startsWith("/webhooks/");

/** What one quiet cron cycle costs (its invocation and any it queued), measured after the backfill. */
export interface QuietCost {
  calls: number;
  usage: Usage;
  invocations: number;
  /** D1 rows written by table and statement kind (bench/workerd/entry.ts). */
  rowsByTable: Record<string, number>;
}

/** D1 rows written by table and statement kind, summed over `invocations`. */
export function rowsByTableOf(invocations: readonly InvocationReport[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of invocations)
    for (const [k, v] of Object.entries(r.rowsWrittenByTable ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

export interface ChangeCost {
  change: string;
  /** The change reached the other system within the window (else its figures say nothing of what it costs). */
  arrived: boolean;
  /** Invocations the change caused: webhook deliveries and queue batches (and any HTTP request), not the cron. */
  invocations: number;
  webhookDeliveries: number;
  queueBatches: number;
  cronRuns: number;
  apiCalls: number;
  apiWrites: number;
  /** The least API calls that carry the change across (MINIMUM_CALLS), and why. */
  minimumCalls: number;
  minimumWhy: string;
  queueOps: number;
  usage: Usage;
  /** D1 rows written by table and statement kind, the quiet cost of the window's cron runs taken off. */
  rowsByTable: Record<string, number>;
  amounts: Amounts;
  /** The activity entries the change wrote: ids after `after` up to `last` (bench/workerd/storage.ts). */
  activityIds: { after: number; last: number };
}

const isToken = (path: string) => /oauth/i.test(path);

async function linkedIds(stack: Stack, dataflow: string) {
  return stack.query<{ webshop_id: string; poweroffice_id: string }>(
    "SELECT webshop_id, poweroffice_id FROM links WHERE dataflow = ? AND state = 'linked' ORDER BY id LIMIT 5",
    dataflow,
  );
}

/**
 * The least API calls per change (docs/performance.md, "Per change"): one write in the other system, plus the
 * partner read a three-way merge needs before a PowerOffice PATCH (it has no version check, so merging without a
 * read would overwrite a concurrent PowerOffice edit; the shop's PATCH carries If-Match and needs none), plus the read
 * of the changed record only when its event does not carry it (the shop's events carry it). A PowerOffice change is
 * read by the cron's feed read, which the quiet cost counts. A new shop order is two writes: the order with its lines
 * in PowerOffice (one call), and its PowerOffice number written back to the shop order.
 */
export const MINIMUM_CALLS = {
  shopEdit: { calls: 2, why: "PowerOffice's partner read + its write" },
  powerofficeEdit: { calls: 1, why: "the shop's write (If-Match, no read)" },
  newOrder: { calls: 2, why: "the order with its lines in PowerOffice + its number written back to the shop" },
} as const;

/** A change's minimum of API calls, and why. */
type Minimum = { calls: number; why: string };

async function measureChange(
  stack: Stack,
  change: string,
  quiet: QuietCost,
  minimum: Minimum,
  apply: () => Promise<void> | void,
  /** Whether the change has reached the other system once the window is quiet. */
  arrived: () => boolean,
): Promise<ChangeCost> {
  const { sim, shop } = stack;
  await stack.idle();
  const fromInvocation = stack.invocations.length;
  const activityBefore = await lastActivityId(stack);
  await apply();
  // The API calls are counted from here: the change itself (the shop's own POST) is not the worker's.
  const from = { po: sim.requests.length, shop: shop.requests.length, inv: fromInvocation };
  await stack.idle();
  let cronRuns = 0;
  for (;;) {
    const before = stack.writes();
    await stack.runCron();
    cronRuns += 1;
    await stack.idle();
    if (stack.writes() === before) break;
    if (cronRuns >= 5) throw new Error(`${change}: the sync did not go quiet in 5 cron runs`);
  }
  const invocations = stack.invocations.slice(from.inv);
  const po = sim.requests.slice(from.po).filter((r) => !isToken(r.path));
  const shopCalls = shop.requests.slice(from.shop);
  const windowUsage = sumUsage(invocations.map((r) => r.usage));
  const usage = { ...windowUsage };
  for (const key of Object.keys(usage) as Array<keyof Usage>)
    usage[key] = Math.max(0, usage[key] - cronRuns * quiet.usage[key]);
  const caused = invocations.filter((r) => r.kind !== "scheduled");
  const causedCount = Math.max(0, caused.length - cronRuns * (quiet.invocations - 1));
  const apiCalls = Math.max(0, po.length + shopCalls.length - cronRuns * quiet.calls);
  const apiWrites = [...po, ...shopCalls].filter((r) => r.method !== "GET").length;
  const rowsByTable = rowsByTableOf(invocations);
  for (const [k, v] of Object.entries(quiet.rowsByTable)) rowsByTable[k] = (rowsByTable[k] ?? 0) - cronRuns * v;
  for (const [k, v] of Object.entries(rowsByTable)) if (v <= 0) delete rowsByTable[k];
  // The cron runs' own queue batches (if any) are part of the quiet cost subtracted above.
  const queued = caused.filter((r) => r.kind === "queue").length;
  return {
    change,
    arrived: arrived(),
    invocations: causedCount,
    webhookDeliveries: caused.filter(isWebhookDelivery).length,
    queueBatches: queued,
    cronRuns,
    apiCalls,
    apiWrites,
    minimumCalls: minimum.calls,
    minimumWhy: minimum.why,
    queueOps: queueOperations(usage),
    usage,
    rowsByTable,
    amounts: amountsOf(usage, causedCount),
    activityIds: { after: activityBefore, last: await lastActivityId(stack) },
  };
}

/** The newest activity entry's id (0 for an empty log). */
export async function lastActivityId(stack: Stack): Promise<number> {
  const [row] = await stack.query<{ id: number | null }>("SELECT max(id) AS id FROM activity_log");
  return row?.id ?? 0;
}

/** The three changes, one after the other, each measured alone. */
export async function measureChanges(stack: Stack, quiet: QuietCost): Promise<ChangeCost[]> {
  const { sim, shop } = stack;
  const customers = await linkedIds(stack, "customers");
  const products = await linkedIds(stack, "products");
  const customer = customers.find((c) => c.webshop_id && c.poweroffice_id);
  const other = customers.filter((c) => c.webshop_id && c.poweroffice_id)[1] ?? customer;
  if (!customer || !other || products.length === 0) throw new Error("no linked customers or products to change");
  let ordersBefore = 0;
  const changes: { name: string; minimum: Minimum; make: () => void | Promise<void>; arrived: () => boolean }[] = [
    {
      name: "a shop edit (customer's phone)",
      minimum: MINIMUM_CALLS.shopEdit,
      make: () => {
        shop.edit("customers", customer.webshop_id, { phone: "+47 912 34 567" });
      },
      arrived: () => sim.get("customers", customer.poweroffice_id)?.PhoneNumber === "+47 912 34 567",
    },
    {
      name: "a PowerOffice edit (customer's phone)",
      minimum: MINIMUM_CALLS.powerofficeEdit,
      make: () => {
        sim.edit("customers", other.poweroffice_id, { PhoneNumber: "+47 987 65 432" });
      },
      arrived: () => shop.get("customers", other.webshop_id)?.phone === "+47 987 65 432",
    },
    {
      name: "a new shop order with 3 lines",
      minimum: MINIMUM_CALLS.newOrder,
      make: async () => {
        ordersBefore = sim.list("salesOrders").length;
        // Through the shop's own API, as the shop's checkout would: the shop then sends its order.created webhook.
        const lines = products
          .slice(0, 3)
          .map((p, i) => ({ product_id: p.webshop_id, quantity: i + 1, unit_price: "100.00" }));
        const response = await shop.fetch(
          new Request("http://shop.local/api/orders", {
            method: "POST",
            headers: {
              Authorization: `Bearer ${stack.vars.WEBSHOP_API_TOKEN}`,
              "Content-Type": "application/json",
              "Idempotency-Key": "bench-steady-order",
            },
            body: JSON.stringify({ customer_id: customer.webshop_id, lines }),
          }),
        );
        if (response.status !== 201)
          throw new Error(`the shop refused the new order: ${response.status} ${await response.text()}`);
      },
      arrived: () => sim.list("salesOrders").length === ordersBefore + 1,
    },
  ];
  const results: ChangeCost[] = [];
  for (const change of changes) {
    process.stderr.write(`  steady state: ${change.name} …\n`);
    results.push(await measureChange(stack, change.name, quiet, change.minimum, change.make, change.arrived));
  }
  return results;
}
