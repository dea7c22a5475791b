/**
 * One writer per record: before a run sends a link's writes it claims the link (a lease `link:<id>`, taken only
 * while the link is still as the run read it), and it gives the claim back after its commit. A run that finds the
 * link claimed by another run leaves the record to it (deferred: the feed's cursor stays before it); a run whose
 * read is stale plans again from a fresh read.
 */
import { claimName } from "../core/ports";
import { CLAIM_TTL_MS } from "./limits";
import { forgetKnown, type HeldLink, type Run } from "./run";
import type { RecordOutcome } from "./sync-types";

export type Claim = "ours" | "busy" | "stale";

export async function claimLink(run: Run, link: HeldLink): Promise<Claim> {
  const name = claimName(link.id);
  if (run.deps.leases.has(name, run.id)) return "ours";
  const now = run.now();
  if (await run.store.links.claim(link.id, link.rev ?? 0, run.id, CLAIM_TTL_MS, now)) {
    run.deps.leases.note(name, run.id, CLAIM_TTL_MS, now);
    run.claims.add(link.id);
    return "ours";
  }
  const stored = await run.store.links.get(link.id);
  if (stored && stored.rev !== link.rev) {
    // Planned from an old read: what this run staged and read ahead for the link is dropped, and it plans again.
    run.staged.delete(link.id);
    forgetKnown(run, link);
    forgetKnown(run, stored);
    return "stale";
  }
  return "busy";
}

export function deferred(run: Run, link: HeldLink): RecordOutcome {
  run.deferred = true;
  const message = "Another sync run is writing this record right now; it is synced again once that run is done.";
  run.deps.log(`link ${link.id} (${link.dataflow}): ${message}`);
  return { linkId: link.id, state: link.state, message, written: 0, failed: false };
}

/** Gives back the run's claims once its commit is done (or failed): the next writer may go on at once. */
export async function releaseClaims(run: Run): Promise<void> {
  const ids = [...run.claims];
  run.claims.clear();
  for (const id of ids) await run.deps.leases.release(claimName(id));
}
