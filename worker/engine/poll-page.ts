/**
 * One page of one dataflow's change feed on one side: read from the stored cursor, sync each record, and commit the
 * cursor in the SAME commit as the page's links. A record that fails is recorded on its link and retried from there;
 * it never holds the cursor. The links of the page's records are read in one query before the first record.
 *
 * A page that does not fit one invocation is not read again: the records still to do are kept beside the cursor (in
 * the same commit as the links of the records done), and the next invocation goes on from them. So a feed is read in
 * whole pages whatever the invocation's budget, and each record is read once. During a first sync the links holding
 * the match keys of the page's unlinked records on the other side are read in one more query (first-read.ts).
 *
 *   kept page (young)? ─ yes ─▶ its records │ no ─▶ read a page at the cursor
 *     ─▶ records while one more fits (limits.room, maxWritesPerRun)
 *        ├─ all done ─▶ commit links + cursor after the page (kept page dropped)
 *        └─ some left ─▶ commit links + the rest kept at the same cursor
 */
import { sharingDataflow } from "../core/dataflows/shop-records";
import { matchKeyOf } from "../core/match";
import type { FeedPage, KeptPage, SideRecord } from "../core/ports";
import { type DataflowId, type Link, otherSide, type Side } from "../core/types";
import type { EngineDeps } from "./engine-options";
import { endOfFeed, firstReadGate } from "./first-read";
import { KEPT_PAGE_MAX_AGE_MS } from "./limits";
import { bothIds } from "./link-shape";
import { findLink, flush, iso, knowLinks, NoRoom, newRun, preloadKeys, preloadLinks, type Run } from "./run";
import { firstReadKey } from "./settings";
import { syncRecord } from "./sync-record";
import type { RecordOutcome } from "./sync-types";

export interface PollResult {
  processed: number;
  written: number;
  failed: number;
  done: boolean;
  /** Why the page could not be read at all (then nothing else happened), in words. */
  error?: string;
  /** A record was left to another run writing it: the cursor stayed before it, the page is read again later. */
  deferred?: boolean;
  /** Records of the page kept for the next invocation (it did not fit this one). */
  kept?: number;
  /**
   * The cursor moved past the page. A page can move it with nothing processed: the shop's customers feed holds both
   * customers and departments, and a page may hold none of this dataflow's records.
   */
  advanced?: boolean;
  /** The other side's feed of the dataflow starts again from its beginning (the first-read gate opened): read it. */
  restarted?: Side[];
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
  const began = run.now();
  if (peeked) knowLinks(run, dataflow, side, peeked.ids, peeked.links);
  const stored = await deps.store.cursors.read(dataflow, side);
  const cursor = stored.value;
  const young = stored.page !== null && run.now() - stored.page.readAt < KEPT_PAGE_MAX_AGE_MS;
  // The page the cron's peek read is this page when the cursor has not moved since and it fits the page size.
  const reuse =
    peeked !== undefined &&
    stored.page === null &&
    JSON.stringify(peeked.from) === JSON.stringify(cursor) &&
    peeked.page.records.length <= deps.limits.pageSize;
  let page: FeedPage;
  let readAt = run.now();
  if (young && stored.page) {
    page = { records: stored.page.records, cursor: stored.page.after, done: stored.page.done };
    readAt = stored.page.readAt;
  } else if (reuse && peeked) {
    page = peeked.page;
  } else {
    const read = await deps.sides[side].feedPage(dataflow, cursor, deps.limits.pageSize);
    if (!read.ok) {
      deps.log(`${dataflow} feed of ${side}: ${read.error.message}`);
      return { processed: 0, written: 0, failed: 0, done: false, error: read.error.message };
    }
    page = read.value;
  }
  const { records } = page;
  await preloadLinks(
    run,
    dataflow,
    side,
    records.map((r) => r.id),
  );
  await preloadOtherKind(run, dataflow, side, records);
  await preloadPartnerKeys(run, dataflow, side, records);
  let processed = 0;
  let failed = 0;
  let next = 0;
  // The first record a run left to another one: the page is kept from there, so it is synced again later.
  let deferredAt: number | null = null;
  for (; next < records.length; next++) {
    await deps.leases.keep();
    if (next > 0 && (run.writes >= deps.limits.maxWritesPerRun || !deps.limits.room(dataflow, "record"))) break;
    if (young && (await olderThanItsLink(run, dataflow, side, records[next]!))) continue;
    const before = run.deferred;
    let outcome: RecordOutcome;
    try {
      outcome = await syncRecord(run, dataflow, side, { id: records[next]!.id, record: records[next] }, options);
    } catch (error) {
      if (error instanceof NoRoom) break;
      throw error;
    }
    processed++;
    run.pageDone++;
    if (outcome.failed) failed++;
    if (!before && run.deferred) deferredAt ??= next;
  }
  const rest = records.slice(deferredAt ?? next);
  if (rest.length > 0) {
    const kept: KeptPage = { records: rest, after: page.cursor, done: page.done, readAt };
    await flush(run, { dataflow, side, value: cursor, page: kept, ...unlessRestarted(dataflow, side, began) });
    return {
      processed,
      written: run.writes,
      failed,
      done: false,
      kept: rest.length,
      ...(run.deferred ? { deferred: true } : {}),
    };
  }
  return finishPage(run, { dataflow, side, cursor, page, wasKept: stored.page !== null, processed, failed, began });
}

/**
 * A first read of the other side that completed after this page began restarted this feed (and this page may have
 * held records for it): the cursor, and a kept page, stay at that restart.
 */
function unlessRestarted(dataflow: DataflowId, side: Side, began: number) {
  return dataflow === "orders" ? {} : { unless: { key: firstReadKey(dataflow, otherSide(side)), since: iso(began) } };
}

const options = { depth: 0, full: false };

/**
 * A kept record the sync has meanwhile seen in a newer state (a webhook or a push synced it after the page was read):
 * syncing the older copy would write old values back, so it is passed over. Shop versions compare as numbers,
 * PowerOffice's LastChangedDateTimeOffset as instants; markers that compare as neither are synced as usual.
 */
async function olderThanItsLink(run: Run, dataflow: DataflowId, side: Side, record: SideRecord): Promise<boolean> {
  const seen = (await findLink(run, dataflow, side, record.id))?.seen[side] ?? null;
  return seen !== null && olderMarker(record.marker, seen);
}

export function olderMarker(marker: string, seen: string): boolean {
  const asNumbers = [Number(marker), Number(seen)];
  if (marker.trim() !== "" && seen.trim() !== "" && asNumbers.every(Number.isFinite)) {
    return asNumbers[0]! < asNumbers[1]!;
  }
  const asTimes = [Date.parse(marker), Date.parse(seen)];
  return asTimes.every(Number.isFinite) && asTimes[0]! < asTimes[1]!;
}

/**
 * Every record of the page done: the cursor moves past it (dropping a kept page), and the end of a first read may open
 * the first-read gate (first-read.ts), which reads the feeds again from their start.
 */
async function finishPage(
  run: Run,
  p: {
    dataflow: DataflowId;
    side: Side;
    cursor: unknown;
    page: FeedPage;
    wasKept: boolean;
    processed: number;
    failed: number;
    began: number;
  },
): Promise<PollResult> {
  const { dataflow, side, page } = p;
  const moved = p.cursor === null || JSON.stringify(p.cursor) !== JSON.stringify(page.cursor);
  const restart = page.done && moved ? await endOfFeed(run, dataflow, side, p.began) : [];
  // A kept page is dropped with the cursor's write even where the cursor itself did not move.
  const write = moved || p.wasKept;
  const cursor = { dataflow, side, value: page.cursor, ...unlessRestarted(dataflow, side, p.began) };
  await flush(run, write ? cursor : undefined, restart);
  // A feed that starts again is not done: its chain goes on reading it instead of waiting for the next cron run.
  const again = restart.some((feed) => feed.side === side);
  const others = restart.filter((feed) => feed.side !== side).map((feed) => feed.side);
  return {
    processed: p.processed,
    written: run.writes,
    failed: p.failed,
    done: page.done && !again,
    ...(moved ? { advanced: true } : {}),
    ...(others.length > 0 ? { restarted: others } : {}),
  };
}

/**
 * The shop's customers feed holds customers and departments: a record without a link in this dataflow is looked for in
 * the other one (kind-change.ts), so those links are read for the whole page in one query, not one per record.
 */
async function preloadOtherKind(run: Run, dataflow: DataflowId, side: Side, records: SideRecord[]): Promise<void> {
  const other = side === "webshop" ? sharingDataflow(dataflow) : null;
  if (!other) return;
  const unlinked: string[] = [];
  for (const record of records) if (!(await findLink(run, dataflow, side, record.id))) unlinked.push(record.id);
  if (unlinked.length > 0) await preloadLinks(run, other, side, unlinked);
}

/** During a first sync, the links of the other side that hold the match keys of this page's unlinked records. */
async function preloadPartnerKeys(run: Run, dataflow: DataflowId, side: Side, records: SideRecord[]): Promise<void> {
  if (dataflow === "orders") return;
  const keys: string[] = [];
  for (const record of records) {
    if (record.partial) continue;
    const link = await findLink(run, dataflow, side, record.id);
    if (link && bothIds(link)) continue;
    const key = matchKeyOf(dataflow, side, record.raw);
    if (key !== null) keys.push(key);
  }
  if (keys.length === 0) return;
  const gate = await firstReadGate(run, dataflow, side);
  if (gate.open && gate.linksOnly) await preloadKeys(run, dataflow, keys);
}
