/**
 * Orders that left PowerOffice's open sales orders (sent as an invoice, or deleted there). No feed shows a departure,
 * so the ids PowerOffice still lists are compared with the linked orders' ids; each linked order no longer listed is
 * read by its id, and one that answers 404 goes through the lifecycle: the shop order becomes invoiced and the link
 * archived. One that is still there (listed late, or the list shifted while it was paged) is left alone.
 *
 *   linked orders? ─none─▶ nothing
 *   open ids (Fields=Id) ─┬─ too many to list ─▶ nothing (the reconcile pass covers them)
 *                         └─▶ linked orders not listed ─▶ while `fits()`: read by id ─ 404 ─▶ lifecycle
 *                                                              │                   └─ found ─▶ left alone
 *                                                              └─ the rest: `rest`, for the caller to hand on
 */
import type { EngineDeps } from "./engine-options";
import { flush, newRun } from "./run";
import { syncRecord } from "./sync-record";

/** Linked orders compared per look; PowerOffice's listing is read up to about as many. */
const MAX_LINKED_ORDERS = 6000;

export interface MissingOrders {
  /** Links of orders expected to be open in PowerOffice (none: PowerOffice is not asked). */
  linked: number;
  /**
   * Open orders PowerOffice listed; null when it was not asked, or there were too many to list whole (then nothing
   * was compared).
   */
  listed: number | null;
  /** PowerOffice ids of linked orders not among them, in link order. */
  missing: string[];
  /** Why PowerOffice could not be asked, in words. */
  error?: string;
}

export interface RecheckedOrders {
  /** Orders read again. */
  checked: number;
  /** Shop orders marked invoiced (their links archived). */
  invoiced: number;
  /** Ids not read because `fits()` said no: for the caller to hand on. */
  rest: string[];
}

/**
 * The linked orders PowerOffice no longer lists among its open sales orders: the open orders' links first (one D1
 * read: a snapshot while they have not changed; links in error or held are taken up by their retries instead), then,
 * only when there are any, PowerOffice's open ids (one read of ids only for up to OPEN_IDS_PAGE_SIZE orders).
 */
export async function missingOrders(deps: EngineDeps): Promise<MissingOrders> {
  const po = deps.sides.poweroffice;
  const none = { linked: 0, listed: null, missing: [] };
  if (!po.listedIds) return none;
  const linked = await deps.store.links.openOrderIds(MAX_LINKED_ORDERS);
  if (linked.length === 0) return none;
  const listed = await po.listedIds("orders");
  if (!listed.ok) {
    deps.log(`open orders of poweroffice: ${listed.error.message}`);
    return { ...none, linked: linked.length, error: listed.error.message };
  }
  if (listed.value === null) return { ...none, linked: linked.length };
  const open = new Set(listed.value.map((id) => id.toLowerCase()));
  return {
    linked: linked.length,
    listed: listed.value.length,
    missing: linked.filter((link) => !open.has(link.id.toLowerCase())).map((link) => link.id),
  };
}

/** Reads each order again while `fits()`; one that is gone goes through the lifecycle. One commit at the end. */
export async function recheckOrders(deps: EngineDeps, ids: string[], fits: () => boolean): Promise<RecheckedOrders> {
  const run = newRun(deps);
  const out: RecheckedOrders = { checked: 0, invoiced: 0, rest: [] };
  for (const [index, id] of ids.entries()) {
    if (!fits()) {
      out.rest = ids.slice(index);
      break;
    }
    out.checked++;
    const read = await deps.sides.poweroffice.get("orders", id);
    if (!read.ok) {
      // Not known to be gone: the next look (or the order's own sync) reads it again.
      deps.log(`order ${id} of poweroffice, not among the open orders: ${read.error.message}`);
      continue;
    }
    if (read.value !== null) continue;
    const outcome = await syncRecord(run, "orders", "poweroffice", { id, record: null }, { depth: 0, full: true });
    if (outcome.state === "archived") out.invoiced++;
  }
  await flush(run);
  return out;
}
