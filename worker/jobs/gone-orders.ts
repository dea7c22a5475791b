/**
 * The look for orders invoiced in PowerOffice, by the cron after the feeds (with what they left of the budget) and by
 * a `gone-orders` message without ids: one read of the open orders' ids and one of the linked orders' (no queue
 * message when nothing is missing), then a read of each linked order no longer listed while one fits the budget;
 * the rest go to one `gone-orders` message. A cron run whose feeds left too little hands the whole look to one.
 *
 *   room for the look? ─no─▶ one `gone-orders` message without ids (the look itself)
 *      └─▶ missing ─▶ queued in the last GONE_ORDERS_QUEUED_MS? ─yes─▶ left to that message
 *            └─▶ read while it fits ─▶ the rest: one `gone-orders` message (up to 50 ids) + the `gone-orders:queued` note
 */
import * as v from "valibot";
import { GONE_ORDER_COST, OPEN_ORDERS_CHECK_COST } from "../budgets/plan-budget";
import type { MissingOrders, RecheckedOrders } from "../engine/gone-orders";
import { GONE_ORDERS_PER_MESSAGE, SEND_OPTIONS } from "../messages/message";
import type { Deps } from "../wiring/build-deps";

/** Kept for after the look's reads: its commit, the `gone-orders` message and its note. */
const LOOK_CLOSING = 3;
export const GONE_ORDERS_QUEUED_SETTING = "gone-orders:queued";
/** Ids handed to a message are not read or queued again for this long (the message reads them meanwhile). */
export const GONE_ORDERS_QUEUED_MS = 10 * 60_000;

const QueuedNote = v.object({ at: v.pipe(v.string(), v.isoTimestamp()), ids: v.array(v.string()) });

export type GoneOrdersOutcome =
  | (Omit<MissingOrders, "missing"> & { missing: number } & Omit<RecheckedOrders, "rest"> & { queued: number })
  | { skipped: string };

/** `reserve`: what the caller keeps for after the look (the cron: its poll messages; a message: nothing more). */
export async function lookForGoneOrders(deps: Deps, reserve: number): Promise<GoneOrdersOutcome> {
  if (!deps.sync.ok) return { skipped: "configuration incomplete" };
  if (deps.budget.remaining() < OPEN_ORDERS_CHECK_COST + LOOK_CLOSING + reserve) {
    // A run that used its budget up keeps what is left for its lease: the next run looks.
    if (deps.budget.exhausted()) return { skipped: "budget" };
    await deps.queue.send({ v: 1, kind: "gone-orders", ids: [] }, SEND_OPTIONS);
    return { skipped: "budget: handed to the queue" };
  }
  const { engine } = deps.sync;
  const found = await engine.missingOrders();
  const outcome = {
    linked: found.linked,
    listed: found.listed,
    missing: found.missing.length,
    checked: 0,
    invoiced: 0,
    queued: 0,
  };
  if (found.error !== undefined) return { ...outcome, error: found.error };
  if (found.missing.length === 0) return outcome;
  const recent = await recentlyQueued(deps);
  const ids = found.missing.filter((id) => !recent.has(id));
  return { ...outcome, ...(await readGoneOrders(deps, ids, reserve)) };
}

/** Reads `ids` while one fits (at least one when `first`), and queues the rest (up to 50) in one message. */
export async function readGoneOrders(
  deps: Deps,
  ids: string[],
  reserve: number,
  first = false,
): Promise<Omit<RecheckedOrders, "rest"> & { queued: number }> {
  if (!deps.sync.ok || ids.length === 0) return { checked: 0, invoiced: 0, queued: 0 };
  let always = first;
  const fits = () => {
    const yes = always || deps.budget.remaining() >= GONE_ORDER_COST + LOOK_CLOSING + reserve;
    always = false;
    return yes;
  };
  const done = await deps.sync.engine.recheckOrders(ids, fits);
  const queued = done.rest.slice(0, GONE_ORDERS_PER_MESSAGE);
  if (queued.length > 0) {
    await deps.queue.send({ v: 1, kind: "gone-orders", ids: queued }, SEND_OPTIONS);
    const note = { at: new Date(deps.now()).toISOString(), ids: queued };
    await deps.store.settings.set(GONE_ORDERS_QUEUED_SETTING, JSON.stringify(note));
  }
  return { checked: done.checked, invoiced: done.invoiced, queued: queued.length };
}

/** The ids the last message took, while it may still be reading them. */
async function recentlyQueued(deps: Deps): Promise<Set<string>> {
  const text = await deps.store.settings.get(GONE_ORDERS_QUEUED_SETTING);
  if (text === null) return new Set();
  try {
    const note = v.parse(QueuedNote, JSON.parse(text));
    return deps.now() - Date.parse(note.at) < GONE_ORDERS_QUEUED_MS ? new Set(note.ids) : new Set();
  } catch {
    return new Set(); // a note that cannot be read only means reading an order twice
  }
}

export function goneOrdersText(outcome: GoneOrdersOutcome | null): string {
  if (outcome === null) return "-";
  if ("skipped" in outcome) return `skipped (${outcome.skipped})`;
  if (outcome.error !== undefined) return "unreadable";
  if (outcome.linked === 0) return "no linked orders";
  if (outcome.listed === null) return "too many open orders to list";
  return `${outcome.linked} linked, ${outcome.listed} open, ${outcome.missing} not listed, ${outcome.checked} read, ${outcome.invoiced} invoiced, ${outcome.queued} queued`;
}
