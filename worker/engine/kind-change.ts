/**
 * The shop's customers hold two dataflows: persons and companies are PowerOffice customers, departments are
 * PowerOffice departments. A shop customer switching person ↔ company stays in the customers dataflow and keeps its
 * link (PowerOffice's IsPerson and name fields follow). A shop customer that becomes a department, or a department
 * that becomes a person or company, would need a record of another kind in PowerOffice: the sync never syncs it under
 * the other dataflow. Its link stays as it is, in the `error` state (code `kind-changed`) with what happened and what
 * the admin can do, and nothing is written either way until the kind is set back (the next sync then clears the
 * error) or the admin unlinks it (the record is then new to the other dataflow).
 *
 *   shop record of kind K, dataflow D(K) ─▶ link in D? ─ no ─▶ link in the other dataflow? ─ yes ─▶ refuse there
 *   link in D, shop record (read now) of a kind of the other dataflow ─▶ refuse on that link
 */
import { dataflowOfWebshopRecord, sharingDataflow, WEBSHOP_RESOURCE } from "../core/dataflows/shop-records";
import type { SideRecord } from "../core/ports";
import type { DataflowId } from "../core/types";
import { isUnlinked, linkError, MERGED } from "./link-shape";
import { findLink, type HeldLink, iso, type Run, stage } from "./run";
import type { RecordOutcome } from "./sync-types";

export const KIND_CHANGED = "kind-changed";

/** The dataflow the shop record now belongs to when that is not `dataflow`; null when it belongs, or is not a customer. */
export function movedTo(dataflow: DataflowId, shopRecord: SideRecord | null): DataflowId | null {
  if (!shopRecord || !sharingDataflow(dataflow)) return null;
  const now = dataflowOfWebshopRecord(WEBSHOP_RESOURCE[dataflow], shopRecord.raw);
  return now !== null && now !== dataflow ? now : null;
}

/**
 * The link that holds shop customer `id` in the other dataflow of the shop's customers, unless the admin unlinked it
 * (or it was merged away): the record then changed kind since it was linked.
 */
export async function linkOfOtherKind(run: Run, dataflow: DataflowId, id: string): Promise<HeldLink | null> {
  const other = sharingDataflow(dataflow);
  if (!other) return null;
  const link = await findLink(run, other, "webshop", id);
  if (!link || isUnlinked(link) || link.lastError?.code === MERGED) return null;
  return link;
}

/** Puts `link` (whose shop record is now of a kind of dataflow `now`) in the visible error state; writes nothing. */
export function refuseKindChange(run: Run, link: HeldLink, now: DataflowId, kind: unknown): RecordOutcome {
  const message = kindChangedWords(link, now, kind);
  const next: HeldLink = {
    ...link,
    state: "error",
    lastError: linkError(KIND_CHANGED, message, "webshop"),
    nextRetryAt: null,
  };
  if (link.state !== "error" || link.lastError?.message !== message) {
    const at = iso(run.now());
    stage(run, next, [
      { at, dataflow: link.dataflow, linkId: link.id, side: null, action: "error", changes: {}, message },
    ]);
  }
  return { linkId: link.id, state: "error", message, written: 0, failed: true };
}

function kindChangedWords(link: HeldLink, now: DataflowId, kind: unknown): string {
  const shopId = link.ids.webshop ?? "?";
  const poId = link.ids.poweroffice;
  const was = link.dataflow === "customers" ? "customer (person or company)" : "department";
  const partner =
    poId === null ? "" : ` PowerOffice ${link.dataflow === "customers" ? "customer" : "department"} ${poId}`;
  const back = link.dataflow === "customers" ? "person or company" : "department";
  const becomes = now === "departments" ? "a department" : "a customer";
  const kindWords = typeof kind === "string" ? kind : "another kind";
  return (
    `The webshop customer ${shopId} is now of kind ${kindWords}, but it is linked as a ${was}${partner ? ` to${partner}` : ""}. ` +
    `PowerOffice keeps customers and departments apart, so the sync writes nothing for it either way. ` +
    `To go on, set its kind back to ${back} in the shop; or, to keep it as ${becomes}, unlink it here: it is then synced as a new ${now === "departments" ? "department" : "customer"}${partner ? `, and${partner} stays as it is (archive it there if it is no longer needed)` : ""}.`
  );
}
