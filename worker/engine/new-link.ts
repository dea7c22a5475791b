/** Links the engine writes for the first time, and the merge of two one-sided links into one. */
import type { LinkWrite } from "../sync/ports";
import type { DataflowId, LinkError, LinkState, Side } from "../sync/types";
import { linkError, MERGED } from "./link-shape";
import { type HeldLink, type Run, stage } from "./run";

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
 * Inserts `link` (written on its own, before anything is sent for it) and returns it with its id. When another run
 * linked one of its records first, that link comes back instead, and the caller sees the ids differ.
 */
export async function insertLink(run: Run, link: LinkWrite): Promise<HeldLink> {
  const inserted = await run.store.links.insertPending(link);
  if (inserted.ids.poweroffice === link.ids.poweroffice && inserted.ids.webshop === link.ids.webshop) {
    run.fresh.add(inserted.id);
  }
  return inserted;
}

/**
 * A one-sided link whose record joins another link: links are never deleted, so it keeps a tombstone id (which no
 * real record has) and says where its record went. Staged before the link that takes the record over.
 */
export function retire(run: Run, link: HeldLink, side: Side, into: number): void {
  const id = link.ids[side];
  stage(run, {
    ...link,
    ids: { ...link.ids, [side]: `~${id}~merged-into-${into}` },
    state: "skipped",
    lastError: linkError(MERGED, `Its ${side} record ${id} was merged into link ${into}.`),
    nextRetryAt: null,
  });
}

export function withState(
  link: HeldLink,
  state: LinkState,
  error: LinkError | null,
  nextRetryAt: string | null,
): HeldLink {
  return { ...link, state, lastError: error, nextRetryAt };
}
