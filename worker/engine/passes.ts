/**
 * The passes that work from the links rather than from a feed: due retries (failed records, creates that were never
 * confirmed, records waiting for the backfill gate), and reconcile, which re-reads both sides of a slice of links to
 * catch what PowerOffice's feed cannot show (address and stock changes, order lines, records deleted without a trace).
 */
import type { DataflowId, Side } from "../core/types";
import type { EngineDeps } from "./engine-options";
import { MERGED } from "./link-shape";
import { flush, type HeldLink, iso, knowLinks, NoRoom, newRun } from "./run";
import { syncRecord } from "./sync-record";

/** Retries links whose next attempt is due; returns how many were tried. */
export async function retryDue(deps: EngineDeps, limit: number): Promise<number> {
  const run = newRun(deps);
  const due = await deps.store.links.due(iso(run.now()), limit);
  let tried = 0;
  for (const link of due) {
    await deps.leases.keep();
    if (run.writes >= deps.limits.maxWritesPerRun) break;
    const side = sideOf(link);
    if (!side) continue;
    await syncRecord(run, link.dataflow, side, { id: link.ids[side]! }, { depth: 0, full: true });
    tried++;
  }
  await flush(run);
  return tried;
}

/**
 * Re-reads and re-plans up to `limit` links after `afterLinkId`, each while `fits()` (the caller's budget: most links
 * cost their two reads, but one may need its writes too, so the budget is asked before each); the first is always
 * checked, so every message moves the walk on. `next` continues it (null when it reached the end).
 */
export async function reconcile(
  deps: EngineDeps,
  dataflow: DataflowId,
  afterLinkId: number | null,
  limit: number,
  fits: () => boolean = () => true,
): Promise<{ next: number | null; checked: number }> {
  const run = newRun(deps);
  const links = await deps.store.links.list({
    dataflow,
    limit,
    ...(afterLinkId !== null ? { afterId: afterLinkId } : {}),
  });
  // The run knows these links already: syncing each does not read its link again.
  for (const side of ["poweroffice", "webshop"] as const) {
    const from = links.filter((link) => sideOf(link) === side);
    const ids = from.map((link) => link.ids[side]!);
    knowLinks(run, dataflow, side, ids, from);
  }
  let checked = 0;
  let last: number | null = afterLinkId;
  for (const link of links) {
    await deps.leases.keep();
    if (run.writes >= deps.limits.maxWritesPerRun) break;
    if (checked > 0 && !fits()) break;
    const side = sideOf(link);
    if (side && link.lastError?.code !== MERGED) {
      try {
        await syncRecord(run, dataflow, side, { id: link.ids[side]! }, { depth: 0, full: true });
      } catch (error) {
        // A record it refers to must be synced first and does not fit (as on a feed page): the next message starts here.
        if (error instanceof NoRoom) break;
        throw error;
      }
      checked++;
      run.pageDone++;
    }
    last = link.id;
  }
  await flush(run);
  const reachedEnd = links.length < limit && last === (links.at(-1)?.id ?? last);
  return { next: reachedEnd ? null : last, checked };
}

/** The side to start from: PowerOffice when the link has its record (orders read whole from there), else the shop. */
export function sideOf(link: Pick<HeldLink, "ids">): Side | null {
  if (link.ids.poweroffice !== null) return "poweroffice";
  if (link.ids.webshop !== null) return "webshop";
  return null;
}
