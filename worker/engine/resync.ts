/**
 * A link another run wrote while this run worked on it (its commit was refused as stale): read again and planned
 * again in a run of its own, at most MAX_RESYNCS times in a row; after that the retry pass takes it up.
 */
import type { LinkWrite } from "../core/ports";
import { MAX_RESYNCS } from "./limits";
import { sideOf } from "./passes";
import { flush, newRun, type Run } from "./run";
import { syncRecord } from "./sync-record";

export async function resyncStale(run: Run, link: LinkWrite): Promise<void> {
  const side = sideOf(link);
  if (side === null) return;
  if (run.resyncs >= MAX_RESYNCS) {
    run.deps.log(
      `link ${link.id} (${link.dataflow}) changed under ${MAX_RESYNCS} syncs in a row; it is left as stored`,
    );
    return;
  }
  const again = newRun(run.deps, run.resyncs + 1);
  run.deps.log(`link ${link.id} (${link.dataflow}) was written by another run meanwhile; planning it again`);
  await syncRecord(again, link.dataflow, side, { id: link.ids[side]! }, { depth: 0, full: true });
  await flush(again);
  if (again.deferred) run.deferred = true;
}
