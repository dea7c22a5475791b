/**
 * One page of one dataflow's change feed on one side: read from the stored cursor, sync each record, and commit the
 * cursor in the SAME commit as the page's links. A record that fails is recorded on its link and retried from there;
 * it never holds the cursor. A run that reaches maxWritesPerRun stops early and leaves the cursor where it was: the
 * records already done are echoes next time (no writes), the rest are done then. The links of the page's records
 * are read in one query before the first record, and during a first sync the links holding their match keys on the
 * other side in one more (first-read.ts).
 */
import { matchKeyOf } from "../core/match";
import { type DataflowId, otherSide, type Side } from "../core/types";
import type { EngineDeps } from "./engine-options";
import { endOfFeed, firstReadGate } from "./first-read";
import { bothIds } from "./link-shape";
import { findLink, flush, iso, newRun, preloadKeys, preloadLinks } from "./run";
import { firstReadKey } from "./settings";
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
  /** The other side's feed of the dataflow starts again from its beginning (the first-read gate opened): read it. */
  restarted?: Side[];
}

export async function pollPage(deps: EngineDeps, dataflow: DataflowId, side: Side): Promise<PollResult> {
  const run = newRun(deps);
  const began = run.now();
  const cursor = await deps.store.cursors.get(dataflow, side);
  const page = await deps.sides[side].feedPage(dataflow, cursor, deps.limits.pageSize);
  if (!page.ok) {
    deps.log(`${dataflow} feed of ${side}: ${page.error.message}`);
    return { processed: 0, written: 0, failed: 0, done: false, error: page.error.message };
  }
  let processed = 0;
  let failed = 0;
  let complete = true;
  const records = page.value.records;
  await preloadLinks(
    run,
    dataflow,
    side,
    records.map((r) => r.id),
  );
  await preloadPartnerKeys(run, dataflow, side, records);
  for (const record of records) {
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
  const restart = page.value.done && moved ? await endOfFeed(run, dataflow, side, began) : [];
  // A first read of the other side that completed after this page began restarted this feed (and this page may have
  // held records for it): the cursor stays at that restart.
  const since = iso(began);
  const unless = dataflow === "orders" ? {} : { unless: { key: firstReadKey(dataflow, otherSide(side)), since } };
  await flush(run, moved ? { dataflow, side, value: page.value.cursor, ...unless } : undefined, restart);
  // A feed that starts again is not done: its chain goes on reading it instead of waiting for the next cron run.
  const again = restart.some((feed) => feed.side === side);
  const others = restart.filter((feed) => feed.side !== side).map((feed) => feed.side);
  return {
    processed,
    written: run.writes,
    failed,
    done: page.value.done && !again,
    ...(others.length > 0 ? { restarted: others } : {}),
  };
}

/** During a first sync, the links of the other side that hold the match keys of this page's unlinked records. */
async function preloadPartnerKeys(
  run: ReturnType<typeof newRun>,
  dataflow: DataflowId,
  side: Side,
  records: Array<{ id: string; raw: unknown; partial?: boolean }>,
): Promise<void> {
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
