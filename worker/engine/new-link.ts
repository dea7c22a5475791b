/** Links the engine writes for the first time, and the merge of two one-sided links into one. */
import { claimName, type LinkWrite } from "../core/ports";
import type { DataflowId, Side } from "../core/types";
import { CLAIM_TTL_MS } from "./limits";
import { linkError, MERGED } from "./link-shape";
import { forgetKnown, type HeldLink, type Run, stage } from "./run";

export function blankLink(dataflow: DataflowId, ids: Record<Side, string | null>): LinkWrite {
  return {
    dataflow,
    state: "pending",
    ids,
    reference: null,
    snapshots: { poweroffice: null, webshop: null },
    seen: { poweroffice: null, webshop: null },
    matchKeys: { poweroffice: null, webshop: null },
    lastError: null,
    attempts: 0,
    nextRetryAt: null,
    openConflicts: [],
  };
}

/**
 * Inserts `link` (written on its own, before anything is sent for it) and returns it with its id. When one of its
 * records already has a link, that one comes back, unless another run made it into something this run's plan did not
 * expect (RaceLost).
 * With `claim`, the run's claim on the link is taken in the same write (when no other run holds it).
 */
export async function insertLink(run: Run, link: LinkWrite, options: { claim?: boolean } = {}): Promise<HeldLink> {
  const now = run.now();
  const claim = options.claim ? { holder: run.id, ttlMs: CLAIM_TTL_MS, nowMs: now } : undefined;
  const { claimed, ...inserted } = await run.store.links.insertPending(link, claim);
  if (claimed) {
    // Claimed in the same write (claims.ts): the writes for it go out under this run's claim without another request.
    run.deps.leases.note(claimName(inserted.id), run.id, CLAIM_TTL_MS, now);
    run.claims.add(inserted.id);
  }
  forgetKnown(run, link);
  forgetKnown(run, inserted);
  // Another run linked one of these records meanwhile: to a partner this run's plan did not know of (it would create a
  // second one, or undo that link), or to the same partner and committed it (this plan, made without the link's
  // snapshots, is stale). The record is left to that link and read again (sync-record.ts).
  const same = (side: Side) => inserted.ids[side] === link.ids[side];
  if (!same("poweroffice") || !same("webshop") || (inserted.rev ?? 0) !== 0) throw new RaceLost(inserted.id);
  // A link no commit has written yet: this run's own, or another run's pending one, which its claim decides about.
  run.fresh.add(inserted.id);
  return inserted;
}

/**
 * Thrown when another run linked a record first; caught where one record's sync begins (sync-record.ts), which leaves
 * the record to that link: the feed's cursor stays before it, so it is read again once that run is done.
 */
export class RaceLost extends Error {
  override readonly name = "RaceLost";
  constructor(readonly linkId: number) {
    super(`Another sync run linked this record at the same moment (link ${linkId}); it is synced from there.`);
  }
}

/**
 * A one-sided link whose record joins another link: links are never deleted, so it keeps a tombstone id (which no
 * real record has) and says where its record went. Staged before the link that takes the record over.
 */
export function retire(run: Run, link: HeldLink, side: Side, into: number): void {
  stage(run, retired(link, side, into));
}

/** The link a staged link was retired into (see retired), or null when it was not. */
export function retiredInto(link: LinkWrite): number | null {
  for (const id of [link.ids.poweroffice, link.ids.webshop]) {
    const into = id?.match(/^~.*~merged-into-(\d+)$/)?.[1];
    if (into) return Number(into);
  }
  return null;
}

/** `link` with its `side` record given up to link `into` (see retire). */
export function retired(link: HeldLink, side: Side, into: number): HeldLink {
  const id = link.ids[side];
  return {
    ...link,
    ids: { ...link.ids, [side]: `~${id}~merged-into-${into}` },
    state: "skipped",
    lastError: linkError(MERGED, `Its ${side} record ${id} was merged into link ${into}.`),
    nextRetryAt: null,
  };
}
