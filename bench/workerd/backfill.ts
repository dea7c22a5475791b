/**
 * (2) backfill, (4) quiet cost and (7) Workers limits, inside workerd: the real worker under Miniflare with local
 * D1/KV/Queue (bench/workerd/stack.ts), both simulators over real HTTP, the PowerOffice one at its real 10 requests/s.
 * The cron is fired once a minute as in production; the Queue runs with wrangler.toml's consumer settings. The
 * backfill is over after the first cron cycle that writes nothing to either system while every link is linked.
 */

import { FREE_PER_DAY } from "../quota/allowances";
import { percent, sumUsage } from "../quota/arithmetic";
import { counts, SCALE, scaleText, seedBothSides } from "../seed";
import { type BenchRow, notMeasured } from "../types";
import { invocationFigures, isWrite, type Tally, tally } from "./invocations";
import { lastDay, type PacedDay, settleEchoes, startNextDay, startNextDayIfPaused } from "./new-day";
import { perChangeRows, perRecordRows, quotaMarkdown, quotaRows } from "./quota-rows";
import { measureReconcile, reconcileRows } from "./reconcile-pass";
import { startStack } from "./stack";
import { measureChanges, type QuietCost, rowsByTableOf } from "./steady-state";
import { measureStorage, storageRows } from "./storage";

const CRON_MS = Number(process.env.BENCH_CRON_SECONDS ?? 60) * 1000;
const MAX_CRONS = 60;
const RATE = 10;
/**
 * The largest page each API gives, for the minimum of reads: PowerOffice's `PageSize` up to 20,000
 * (../shared/poweroffice/NOTES.md, "Change tracking and paging"), the shop's `limit` up to 500 (webshop-api.md §3).
 */
const LARGEST_PAGE = { poweroffice: 20_000, webshop: 500 } as const;

/** Each record as `<resource>/<id>` (resource lower-cased as in the API's paths), to tell seeded records from new ones. */
function recordKeys(
  sim: Awaited<ReturnType<typeof startStack>>["sim"],
  shop: Awaited<ReturnType<typeof startStack>>["shop"],
) {
  const keys = new Set<string>();
  for (const entity of ["customers", "departments", "products", "salesOrders"] as const)
    for (const row of sim.list(entity)) keys.add(`${entity.toLowerCase()}/${(row as { Id: number }).Id}`);
  for (const resource of ["customers", "products", "orders"] as const)
    for (const row of shop.list(resource)) keys.add(`${resource}/${(row as { id: string }).id}`);
  return keys;
}

/** The distinct seeded records a run changed: PATCH targets that existed before it (a created record's PATCH is extra). */
function changedSeeded(requests: Array<{ method: string; path: string }>, seeded: Set<string>): number {
  const changed = new Set<string>();
  for (const r of requests) {
    if (r.method !== "PATCH") continue;
    const [resource, id] = r.path.split("/").slice(-2);
    const key = `${resource?.toLowerCase()}/${id}`;
    if (seeded.has(key)) changed.add(key);
  }
  return changed.size;
}

/** A request with its ids and search values taken out, so the calls can be counted by kind. */
const shape = (r: { method: string; path: string; query: string }) =>
  `${r.method} ${r.path.replace(/\/[a-z]+_[0-9a-z]+|\/[0-9a-f-]{8,}|\/\d+/g, "/{id}")}${r.query ? "?" : ""}${r.query
    .split("&")
    .map((kv) => kv.split("=")[0])
    .filter(Boolean)
    .join("&")}`;

function byShape(requests: Array<{ method: string; path: string; query: string }>) {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(shape(r), (counts.get(shape(r)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isToken = (path: string) => /oauth/i.test(path);

type Plan = "free" | "paid";
/** Both Workers plans by default (BENCH_PLANS=free or =paid for one): the plan sizes every invocation's pages. */
/** Simulators' ports from here (demo-config's layout): BENCH_PORT_BASE moves them when another run holds 9200–9206. */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 9200);
const PLANS = (process.env.BENCH_PLANS ?? "free,paid").split(",").map((p) => p.trim()) as Plan[];

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const plan of PLANS) {
    process.stderr.write(`  WORKERS_PLAN=${plan}\n`);
    const stack = await startStack({ portBase: PORT_BASE, plan });
    try {
      const measured = await measure(stack, plan);
      rows.push(...measured.map((r) => ({ ...r, figure: `${r.figure} [${plan}]` })));
    } finally {
      await stack.stop();
    }
  }
  return rows;
}

async function measure(stack: Awaited<ReturnType<typeof startStack>>, plan: Plan): Promise<BenchRow[]> {
  const { sim, shop } = stack;
  const { orderLines } = seedBothSides(sim, shop);
  const seededCounts = counts(sim, shop);
  const seededKeys = recordKeys(sim, shop);
  sim.requests.length = 0;
  shop.requests.length = 0;
  const { writes, unlinked } = stack;

  const t0 = Date.now();
  let crons = 0;
  let lastCronAt = t0;
  // On Free, a first sync past a day's pacing share waits for 00:00 UTC: the bench starts the next day at once
  // (new-day.ts) and leaves the cycle that found it paused out of the wall time.
  let days = 1;
  let dayStartedAt = t0;
  const pacedDays: PacedDay[] = [];
  let pausedMs = 0;
  let productiveEnd = t0;
  for (;;) {
    const before = writes();
    lastCronAt = Date.now();
    process.stderr.write(`  cron ${crons + 1} at ${((lastCronAt - t0) / 1000).toFixed(0)} s … `);
    await stack.runCron();
    crons += 1;
    await stack.idle();
    const wrote = writes() - before;
    const open = await unlinked();
    process.stderr.write(`${wrote} writes, ${open} links not linked yet\n`);
    // A day paused at its pacing share may hold writes still to come even with every link linked (the write-back of a
    // page the pause left), so the pause is looked at before the end.
    const paced = wrote === 0 && plan === "free" ? await startNextDayIfPaused(stack, dayStartedAt) : null;
    if (paced) {
      pacedDays.push(paced);
      days += 1;
      pausedMs += Date.now() - productiveEnd;
      productiveEnd = Date.now();
      dayStartedAt = Date.now();
      process.stderr.write(
        `  paused for the day at the pacing share (D1 rows written that day: ${paced.meteredRowsWritten} metered, ` +
          `${paced.talliedRowsWritten} in the worker's tally): day ${days} starts (today's tally cleared)\n`,
      );
      continue;
    }
    if (wrote === 0 && open === 0) break;
    productiveEnd = Date.now();
    if (crons >= MAX_CRONS) throw new Error(`the backfill did not finish in ${MAX_CRONS} cron cycles`);
    await sleep(Math.max(0, lastCronAt + CRON_MS - Date.now()));
  }
  // The first sync's tail, still its cost: the inbox sweep settles the echoes it left 'received' (their writer was
  // committing) once they are a minute old (docs/webhooks.md), up to its batches a run (worker/webhooks/sweep.ts), so
  // cron runs from a minute on until none is left (a full-scale first sync leaves thousands). No API writes.
  await sleep(Math.max(0, lastCronAt + CRON_MS - Date.now()));
  const settleCrons = await settleEchoes(stack);
  lastCronAt = Date.now();
  const backfillInvocations = stack.invocations.length;
  const poRequests = [...sim.requests];
  const shopRequests = [...shop.requests];
  const lastWriteAt = Math.max(
    ...poRequests.filter((r) => r.method !== "GET" && !isToken(r.path)).map((r) => r.at),
    ...shopRequests.filter((r) => r.method !== "GET").map((r) => r.at),
    t0,
  );
  const wallSeconds = (lastWriteAt - t0 - pausedMs) / 1000;
  // What follows measures a day after the first sync: on Free it starts from a fresh day's tally.
  if (plan === "free") {
    pacedDays.push(await lastDay(stack, dayStartedAt));
    await startNextDay(stack);
  }

  // (4) one more cron cycle a minute later, nothing changed anywhere.
  await sleep(Math.max(0, lastCronAt + CRON_MS - Date.now()));
  const quietFrom = { po: sim.requests.length, shop: shop.requests.length, inv: stack.invocations.length };
  await stack.runCron();
  await stack.idle();
  const quiet = {
    po: sim.requests.slice(quietFrom.po),
    shop: shop.requests.slice(quietFrom.shop),
    invocations: stack.invocations.slice(quietFrom.inv),
  };

  const final = counts(sim, shop);
  const links = await stack.query<{ dataflow: string; state: string; n: number }>(
    "SELECT dataflow, state, count(*) AS n FROM links GROUP BY dataflow, state",
  );
  const linked = links.filter((l) => l.state === "linked").reduce((a, l) => a + Number(l.n), 0);
  const expected = {
    customers: SCALE.customers,
    products: SCALE.products,
    orders: SCALE.orders,
  };
  const complete =
    final.poweroffice.customers === expected.customers &&
    final.webshop.customers === expected.customers + SCALE.departments &&
    final.poweroffice.products === expected.products &&
    final.webshop.products === expected.products &&
    final.poweroffice.orders === expected.orders &&
    final.webshop.orders === expected.orders;

  const poApi = poRequests.filter((r) => !isToken(r.path));
  const poReads = poApi.filter((r) => r.method === "GET").length;
  const poWrites = poApi.length - poReads;
  const tokenCalls = poRequests.length - poApi.length;
  const shopReads = shopRequests.filter((r) => r.method === "GET").length;
  const shopWrites = shopRequests.length - shopReads;
  const calls = poRequests.length + shopRequests.length;
  // The minimum (issue 12): each feed read once in pages of the API's largest size, one write per record created or
  // changed. The shop's departments are customers records, so they share the customers feed.
  const pages = (n: number, side: keyof typeof LARGEST_PAGE) => Math.max(1, Math.ceil(n / LARGEST_PAGE[side]));
  const minReads =
    Object.values(final.poweroffice).reduce((a, n) => a + pages(n, "poweroffice"), 0) +
    Object.values(final.webshop).reduce((a, n) => a + pages(n, "webshop"), 0);
  const created =
    final.poweroffice.customers -
    seededCounts.poweroffice.customers +
    (final.poweroffice.products - seededCounts.poweroffice.products) +
    (final.poweroffice.orders - seededCounts.poweroffice.orders) +
    (final.webshop.customers - seededCounts.webshop.customers) +
    (final.webshop.products - seededCounts.webshop.products) +
    (final.webshop.orders - seededCounts.webshop.orders);
  const changed = changedSeeded([...poRequests, ...shopRequests], seededKeys);
  const minimum = minReads + created + changed;
  const floorSeconds = poRequests.length / RATE;
  const during: Tally = tally(stack.invocations.slice(0, backfillInvocations));
  const d1Queries = during.byKind.d1 ?? 0;
  const pacedText =
    days > 1
      ? `; paced over ${days} Free days (each pause: today's tally cleared as at 00:00 UTC, the ${(pausedMs / 1000).toFixed(0)} s paused left out of the wall time)`
      : "";
  const setup = `WORKERS_PLAN=${plan}; workerd (Miniflare, local D1/KV/Queue, queue settings from wrangler.toml), simulators over HTTP, PowerOffice sim at ${RATE} req/s; ${scaleText()} (${orderLines} lines, 1–5 each), half in each system; cron every ${CRON_MS / 1000} s, ${crons} cron cycles until one wrote nothing, then ${settleCrons} more until the inbox sweep had settled the last echoes${pacedText}`;

  const rows: BenchRow[] = [
    ...(plan === "free" ? [pacedDaysRow(pacedDays, setup)] : []),
    {
      figure: "2. backfill wall time",
      value: `${wallSeconds.toFixed(0)} s to the last write${days > 1 ? ` over ${days} Free days (time paused left out)` : ""}; ${linked} links linked; ${complete ? "every record on both sides, none twice" : `INCOMPLETE: ${JSON.stringify(final)}`}`,
      target: "report (all records synced once)",
      met: complete ? null : false,
      setup,
      data: { wallSeconds, crons, days, pausedSeconds: pausedMs / 1000, pacedDays, final, seededCounts, links },
    },
    {
      figure: "2. API calls vs minimum",
      value: `${(calls / minimum).toFixed(2)}× (${calls} calls: PO ${poReads} GET + ${poWrites} writes + ${tokenCalls} token, shop ${shopReads} GET + ${shopWrites} writes; minimum ${minimum} = ${minReads} page reads at the largest page size + ${created} creates + ${changed} changed records)`,
      target: "≤ 1.3×",
      met: calls / minimum <= 1.3,
      setup,
      data: {
        calls,
        poReads,
        poWrites,
        tokenCalls,
        shopReads,
        shopWrites,
        minReads,
        created,
        changed,
        minimum,
        poweroffice: byShape(poRequests),
        webshop: byShape(shopRequests),
      },
    },
    {
      figure: "2. D1 queries per record",
      value: `${(d1Queries / Math.max(1, linked)).toFixed(1)} per linked record (${d1Queries} D1 statements or batches in ${backfillInvocations} invocations)`,
      target: "report",
      met: null,
      setup,
      data: {
        d1Queries,
        labels: during.labels,
        messages: messageKinds(stack.invocations.slice(0, backfillInvocations)),
      },
    },
    {
      figure: "2. wall time vs 10 req/s floor",
      value: `${(wallSeconds / floorSeconds).toFixed(2)}× (${wallSeconds.toFixed(0)} s vs ${floorSeconds.toFixed(0)} s = ${poRequests.length} PowerOffice requests / ${RATE} per s)`,
      target: "≤ 1.2×",
      met: wallSeconds / floorSeconds <= 1.2,
      setup,
      data: { wallSeconds, floorSeconds },
    },
  ];

  const quietTally = tally(quiet.invocations);
  const quietApiWrites =
    quiet.po.filter((r) => r.method !== "GET" && !isToken(r.path)).length +
    quiet.shop.filter((r) => r.method !== "GET").length;
  const quietD1Writes = Object.entries(quietTally.labels)
    .filter(([label]) => isWrite(label))
    .reduce((a, [, n]) => a + n, 0);
  const quietCalls = quiet.po.length + quiet.shop.length;
  rows.push({
    figure: "4. quiet cost (one cron run, nothing changed)",
    value: `${quietCalls} API calls (PO ${quiet.po.length}, shop ${quiet.shop.length}), ${quietApiWrites} API writes; ${quietTally.byKind.d1 ?? 0} D1 queries of which ${quietD1Writes} write (${Object.entries(
      quietTally.labels,
    )
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}); ${quiet.invocations.length} invocations`,
    target: "no API writes, ≤ 20 API calls (D1: only the cron's lease and bookkeeping)",
    met: quietApiWrites === 0 && quietCalls <= 20,
    setup: `the cron cycle a minute after the backfill above: its invocation and any it queued; ${setup}`,
    data: { quietCalls, quietApiWrites, quietD1Writes, ...quietTally },
  });

  rows.push(...invocationFigures(stack.invocations.slice(0, backfillInvocations), setup, plan));

  // Issue 12's figures: per record of the first sync, per change in steady state, and the quota table.
  const firstSync = { records: linked, invocations: stack.invocations.slice(0, backfillInvocations) };
  rows.push(...perRecordRows(firstSync, setup));
  const quietCost: QuietCost = {
    calls: quietCalls,
    usage: sumUsage(quiet.invocations.map((r) => r.usage)),
    invocations: quiet.invocations.length,
    rowsByTable: rowsByTableOf(quiet.invocations),
  };
  const firstSyncBytes = await stack.databaseBytes();
  try {
    const changes = await measureChanges(stack, quietCost);
    rows.push(...perChangeRows(changes, setup));
    rows.push(...quotaRows(firstSync, quietCost, changes, setup, plan));
    process.stderr.write(`${quotaMarkdown(plan, firstSync, quietCost, changes)}\n`);
    if (process.env.BENCH_RECONCILE === "0") {
      rows.push(notMeasured("R. reconcile pass", "docs/performance.md, The reconcile pass", "BENCH_RECONCILE=0"));
    } else {
      process.stderr.write("  the reconcile pass …\n");
      rows.push(...reconcileRows(await measureReconcile(stack, quietCost, plan), setup, plan));
    }
    rows.push(...storageRows(await measureStorage(stack, firstSyncBytes, linked, changes), setup));
  } catch (error) {
    rows.push(
      notMeasured(
        "3q. per change in steady state, and the quota table",
        "see issue 12",
        `failed: ${(error as Error).message}`,
      ),
    );
  }
  return rows;
}

/** Queue messages handled during the run, by kind (a queue invocation's `what` lists its batch's kinds). */
function messageKinds(invocations: Array<{ kind: string; what: string }>): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const r of invocations) {
    if (r.kind !== "queue") continue;
    for (const kind of r.what.split(",")) kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

const FREE_DAY_ROWS_WRITTEN = FREE_PER_DAY.d1RowsWritten;

/**
 * Each day of a paced first sync on Free: the D1 rows written the platform metered, against Free's day and beside the
 * worker's own tally (what its pacing counted: its cron runs and Queue batches, not the shop's webhook deliveries).
 */
function pacedDaysRow(days: PacedDay[], setup: string): BenchRow {
  const most = Math.max(0, ...days.map((d) => d.meteredRowsWritten));
  const text = days
    .map(
      (d, i) =>
        `day ${i + 1}: ${d.meteredRowsWritten.toLocaleString("en")} (tally ${d.talliedRowsWritten.toLocaleString("en")})`,
    )
    .join("; ");
  return {
    figure: "2q. D1 rows written on each day of the first sync",
    value: `${text}; the most in one day ${percent(most / FREE_DAY_ROWS_WRITTEN)} of Free's day`,
    target: `≤ ${FREE_DAY_ROWS_WRITTEN.toLocaleString("en")} a day`,
    met: most <= FREE_DAY_ROWS_WRITTEN,
    setup,
    data: { days },
  };
}
