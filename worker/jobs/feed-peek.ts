/**
 * Does a change feed have anything for the engine? One read after the stored cursor tells, so a quiet feed costs two
 * subrequests (the cursor and the read) and takes no lease, and the budget goes to feeds with work.
 *
 * A page of echoes only (every record at the version its settled link has seen: the sync's own writes coming back,
 * or a shop change its webhook synced already), or one that only moved the cursor past records of another dataflow,
 * has nothing for the engine either: the peek moves the cursor past it itself, under the feed's poll lease, in one
 * commit that also gives the lease back. So a change in steady state costs no `poll` message and no second read of
 * the page (docs/sync-engine.md, "Triggers").
 */
import type { Budget } from "../budgets/budget";
import type { SidePort, SideRecord, Store } from "../core/ports";
import type { DataflowId, Side } from "../core/types";
import type { LeaseBook } from "../engine/lease-book";
import { settled } from "../engine/link-shape";
import { CUSTOMERS_GATE_KEY } from "../engine/settings";

/** `echoes`: the page held echoes only and its cursor was committed here (or, `false`, left for the next run). */
export type Peek = { work: boolean; echoes?: boolean } | { work: false; error: string };

/** The page size of a peek: the engine's own, so the connector asks PowerOffice the same question it will. */
export const PEEK_PAGE_SIZE = 25;
/** Moving the cursor past a page of echoes: the links of its records, the poll lease, the commit that gives it back. */
export const ECHO_PAGE_COST = 3;

export interface PeekDeps {
  store: Store;
  sides: Record<Side, SidePort>;
  leases: LeaseBook;
  budget: Budget;
}

export async function peekFeed(
  deps: PeekDeps,
  dataflow: DataflowId,
  side: Side,
  poll: { lease: string; holder: string; ttlMs: number; reserve: number },
): Promise<Peek> {
  const cursor = await deps.store.cursors.get(dataflow, side);
  // Never read: the engine's first page stores a cursor (and may open the customers gate) even when it is empty.
  if (cursor === null) return { work: true };
  const page = await deps.sides[side].feedPage(dataflow, cursor, PEEK_PAGE_SIZE);
  if (!page.ok) return { work: false, error: page.error.message };
  const moved = JSON.stringify(page.value.cursor) !== JSON.stringify(cursor);
  if (page.value.records.length === 0 && !moved) return { work: false };
  if (deps.budget.remaining() < ECHO_PAGE_COST + poll.reserve) return { work: true };
  if (!(await echoesOnly(deps.store, dataflow, side, page.value.records))) return { work: true };
  // The engine's first full read of PowerOffice's customers opens the customers gate: that page is the engine's.
  if (dataflow === "customers" && side === "poweroffice" && !(await deps.store.settings.get(CUSTOMERS_GATE_KEY))) {
    return { work: true };
  }
  // Held by a chain or another run: they move the cursor; nothing here is late, so nothing is queued for it.
  if (!(await deps.leases.take(poll.lease, poll.holder, poll.ttlMs))) return { work: false, echoes: false };
  await deps.store.commit({
    links: [],
    activity: [],
    cursor: { dataflow, side, value: page.value.cursor },
    fence: { lease: poll.lease, holder: poll.holder },
    releaseHolder: poll.holder,
  });
  deps.leases.forget(poll.holder);
  return { work: false, echoes: true };
}

/** The engine's own test of an unchanged record (engine/sync-record.ts): a settled link has seen this marker. */
async function echoesOnly(store: Store, dataflow: DataflowId, side: Side, records: SideRecord[]): Promise<boolean> {
  if (records.length === 0) return true;
  const links = await store.links.findBySideIds(
    dataflow,
    side,
    records.map((r) => r.id),
  );
  const byId = new Map(links.map((link) => [link.ids[side], link]));
  return records.every((record) => {
    const link = byId.get(record.id);
    return link !== undefined && settled(link) && link.seen[side] === record.marker;
  });
}
