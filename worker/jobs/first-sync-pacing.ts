/**
 * The first sync on Workers Free paces itself (docs/sync-engine.md, "First sync on Workers Free"): a page of a feed
 * still in its first read is backfill work, and so is a page of the pass after it that creates the records held for
 * that read (`Pacing.paced`); backfill work stops for the day once the day's tally of what the worker used reaches
 * PACING_SHARE of any Free allowance. It goes on after 00:00 UTC, when the cron finds the feed again; nothing is sent
 * to the queue for it. Live work (webhooks, the admin's push, feeds whose first sync has ended)
 * is not paced: it runs until the platform's own limit (worker/jobs/daily-limit-stop.ts).
 */
import { nextUtcMidnight } from "../budgets/daily-limits";
import { backfillPaused, type DailyUsage } from "../core/pacing";
import { DATAFLOWS, type DataflowId, SIDES, type Side } from "../core/types";
import { CUSTOMERS_GATE_KEY, matchedKey } from "../engine/settings";
import type { PollMessage } from "../messages/message";
import { addUsage, type DailyUsageRow, selectUsage, sumUsage, usageFromRow } from "../store/daily-usage";
import { readToEndKey } from "../store/first-read";
import type { Deps } from "../wiring/build-deps";

export interface Pacing {
  /** The feed has not been read to its end yet: its pages are backfill work. */
  inFirstSync(dataflow: DataflowId, side: Side): boolean;
  /**
   * The feed's pages stop for the day once `paused()`: while it is in its first read, and after it until its first
   * sync has ended (`matched:<dataflow>:<side>`). That second pass, which both feeds start once both first reads are
   * done, is where the records held for the first read are created, most of a first sync's writes; left unpaced, a
   * large first sync went past the day's allowance on the day its first reads ended. Orders have no such pass.
   */
  paced(dataflow: DataflowId, side: Side): boolean;
  /** On Workers Free, the day's tally (with what this invocation used so far) has reached the share. */
  paused(): boolean;
  /** The next 00:00 UTC, when a paused backfill goes on. */
  resetsAt: number;
  /**
   * Orders wait for what they refer to: until every feed of the dataflows an order refers to has ended its first sync
   * (`matched:<dataflow>:<side>`, both sides), the orders feeds are not read (docs/sync-engine.md, "Orders after what
   * they refer to").
   */
  ordersWait: boolean;
}

/** The dataflows an order refers to: its customer (a customer or a department) and its lines' products. */
const ORDER_REFERENCES = DATAFLOWS.filter((dataflow) => dataflow !== "orders");

const MARKERS = "SELECT key FROM settings WHERE key LIKE 'backfill:%' OR key LIKE 'matched:%'";
const CURSORS = "SELECT dataflow, side, value, page IS NOT NULL AS kept FROM cursors";

/** One D1 batch: which feeds were read to their end, and today's tally. */
export async function readPacing(deps: Pick<Deps, "db" | "now" | "plan" | "usage">): Promise<Pacing> {
  const [markers, today] = await deps.db.batch([deps.db.prepare(MARKERS), selectUsage(deps.db, deps.now())]);
  return pacingOf(deps, markers, today);
}

/**
 * The cron's one read before it looks at the feeds: every feed's cursor with the pacing facts, in one D1 batch (one
 * subrequest where reading each cursor on its own took eight).
 */
export async function readFeedFacts(
  deps: Pick<Deps, "db" | "now" | "plan" | "usage">,
): Promise<{ pacing: Pacing; feed(dataflow: DataflowId, side: Side): { cursor: unknown | null; kept: boolean } }> {
  const [cursors, markers, today] = await deps.db.batch([
    deps.db.prepare(CURSORS),
    deps.db.prepare(MARKERS),
    selectUsage(deps.db, deps.now()),
  ]);
  const rows = (cursors?.results ?? []) as Array<{ dataflow: string; side: string; value: string; kept: number }>;
  const byFeed = new Map(rows.map((row) => [`${row.dataflow}:${row.side}`, row]));
  return {
    pacing: pacingOf(deps, markers, today),
    feed: (dataflow, side) => {
      const row = byFeed.get(`${dataflow}:${side}`);
      return row === undefined
        ? { cursor: null, kept: false }
        : { cursor: JSON.parse(row.value), kept: row.kept === 1 };
    },
  };
}

function pacingOf(
  deps: Pick<Deps, "now" | "plan" | "usage">,
  markers: D1Result | undefined,
  today: D1Result | undefined,
): Pacing {
  const read = new Set(((markers?.results ?? []) as Array<{ key: string }>).map((row) => row.key));
  const stored: DailyUsage = usageFromRow((today?.results as DailyUsageRow[] | undefined)?.[0]);
  const inFirstSync = (dataflow: DataflowId, side: Side) =>
    !read.has(readToEndKey(dataflow, side)) &&
    // The engine's own gate says the same of PowerOffice's customers feed.
    !(dataflow === "customers" && side === "poweroffice" && read.has(CUSTOMERS_GATE_KEY));
  return {
    inFirstSync,
    paced: (dataflow, side) =>
      inFirstSync(dataflow, side) || (dataflow !== "orders" && !read.has(matchedKey(dataflow, side))),
    paused: () => deps.plan === "free" && backfillPaused(sumUsage(stored, deps.usage.usage())),
    resetsAt: nextUtcMidnight(deps.now()),
    ordersWait: ORDER_REFERENCES.some((dataflow) => SIDES.some((side) => !read.has(matchedKey(dataflow, side)))),
  };
}

/** Every feed has ended its first sync: what orders refer to is matched, and both orders feeds were read to their end. */
export const firstSyncDone = (pacing: Pacing) =>
  !pacing.ordersWait && SIDES.every((side) => !pacing.inFirstSync("orders", side));

export const ORDERS_WAIT_TEXT = "waiting for the first sync of the customers, departments and products they refer to";

/**
 * After a page that ended a feed of what orders refer to, while orders still waited: when that was the last such
 * feed to end its first sync, the two orders chains to start now (rather than at the next cron run). One D1 read,
 * only in that case.
 */
export async function ordersToStart(
  deps: Pick<Deps, "db" | "now" | "plan" | "usage">,
  dataflow: DataflowId,
  pacing: Pacing,
  holder: (side: Side) => string,
): Promise<PollMessage[]> {
  if (dataflow === "orders" || !pacing.ordersWait) return [];
  if ((await readPacing(deps)).ordersWait) return [];
  return SIDES.map((side) => ({ v: 1, kind: "poll", dataflow: "orders", side, holder: holder(side) }) as const);
}

/** A page of a feed in its first read came back done: from now on its pages are live work. */
export async function markFirstRead(deps: Pick<Deps, "store" | "now">, dataflow: DataflowId, side: Side) {
  await deps.store.settings.set(readToEndKey(dataflow, side), new Date(deps.now()).toISOString());
}

export const pausedText = (pacing: Pacing) =>
  `paused for today to stay inside Workers Free's daily allowances; goes on after ${new Date(pacing.resetsAt).toISOString()}`;

/**
 * Adds this invocation's use to the day's tally, once, at its end (Workers Free only: Paid bills, it does not stop).
 * `requests` are the shop's webhook deliveries behind the events it processed. Never fails the invocation.
 */
export async function recordUsage(
  deps: Pick<Deps, "db" | "now" | "plan" | "usage" | "budget" | "log" | "spotDailyLimit">,
  requests = 0,
): Promise<void> {
  if (deps.plan !== "free") return;
  // The tally is one subrequest of the closing reserve; an invocation that used the hard limit leaves it out.
  if (deps.budget.used() >= deps.budget.hardLimit) return;
  deps.budget.closing();
  deps.usage.requests(requests);
  try {
    await addUsage(deps.db, deps.now(), deps.usage.usage()).run();
  } catch (error) {
    if (deps.spotDailyLimit(error)) return;
    deps.log(
      `could not add this invocation's use to the daily tally: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
