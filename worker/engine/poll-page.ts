/**
 * One page of one dataflow's change feed on one side: read from the stored cursor, sync each record, and commit the
 * cursor in the SAME commit as the page's links. A record that fails is recorded on its link and retried from there;
 * it never holds the cursor. A run that reaches maxWritesPerRun stops early and leaves the cursor where it was: the
 * records already done are echoes next time (no writes), the rest are done then. The links of the page's records
 * are read in one query before the first record.
 */
import type { FeedPage, SideResult } from "../core/ports";
import type { DataflowId, Link, Side } from "../core/types";
import type { EngineDeps } from "./engine-options";
import { makeDue } from "./held-links";
import { flush, knowLinks, newRun, preloadLinks } from "./run";
import { CUSTOMERS_GATE_KEY } from "./settings";
import { syncRecord } from "./sync-record";

export interface PollResult {
  processed: number;
  written: number;
  failed: number;
  done: boolean;
  /** Why the page could not be read at all (then nothing else happened), in words. */
  error?: string;
  /** A record was left to another run writing it: the cursor stayed before it, the page is read again later. */
  deferred?: boolean;
}

/**
 * What the caller has just read of this feed (the cron's peek): the page after `from`, and its records' links. The
 * page is used as read when the cursor is still `from` and the whole of it fits the page size; the links are not
 * read again either way.
 */
export interface PeekedPage {
  from: unknown;
  page: FeedPage;
  ids: string[];
  links: Link[];
}

export async function pollPage(
  deps: EngineDeps,
  dataflow: DataflowId,
  side: Side,
  peeked?: PeekedPage,
): Promise<PollResult> {
  const run = newRun(deps);
  if (peeked) knowLinks(run, dataflow, side, peeked.ids, peeked.links);
  const cursor = await deps.store.cursors.get(dataflow, side);
  const reuse =
    peeked !== undefined &&
    JSON.stringify(peeked.from) === JSON.stringify(cursor) &&
    peeked.page.records.length <= deps.limits.pageSize;
  const page: SideResult<FeedPage> = reuse
    ? { ok: true, value: peeked.page }
    : await deps.sides[side].feedPage(dataflow, cursor, deps.limits.pageSize);
  if (!page.ok) {
    deps.log(`${dataflow} feed of ${side}: ${page.error.message}`);
    return { processed: 0, written: 0, failed: 0, done: false, error: page.error.message };
  }
  let processed = 0;
  let failed = 0;
  let complete = true;
  await preloadLinks(
    run,
    dataflow,
    side,
    page.value.records.map((r) => r.id),
  );
  for (const record of page.value.records) {
    await deps.leases.keep();
    if (run.writes >= deps.limits.maxWritesPerRun) {
      complete = false;
      break;
    }
    const outcome = await syncRecord(run, dataflow, side, { id: record.id, record }, { depth: 0, full: false });
    processed++;
    if (outcome.failed) failed++;
  }
  if (!complete || run.deferred) {
    await flush(run);
    return { processed, written: run.writes, failed, done: false, ...(run.deferred ? { deferred: true } : {}) };
  }
  const moved = cursor === null || JSON.stringify(cursor) !== JSON.stringify(page.value.cursor);
  // The gate opens once every PowerOffice customer has been read (and its match key recorded on a link).
  let opened = false;
  if (dataflow === "customers" && side === "poweroffice" && page.value.done && moved) {
    if (!(await run.settings.get(CUSTOMERS_GATE_KEY))) {
      run.settings.stage(CUSTOMERS_GATE_KEY, new Date(run.now()).toISOString());
      opened = true;
    }
  }
  await flush(run, moved ? { dataflow, side, value: page.value.cursor } : undefined);
  if (opened) await makeDue(deps, "customers", "waiting-for-backfill");
  return { processed, written: run.writes, failed, done: page.value.done };
}
