/**
 * The shop record as its link last synced it, standing in for a read of it. A PowerOffice change to a settled link
 * needs the shop record only to plan the merge and to address the PATCH, and the link holds both: the shop record's
 * canonical form (its snapshot) and the version it had then (`seen.webshop`). The PATCH carries that version as
 * If-Match, which makes the stand-in safe: a shop record changed since answers 412 (one deleted since, 404), and the
 * engine reads both records and plans again (finish-record.ts), so a shop change is merged, never overwritten. A PowerOffice edit then costs
 * one API call, the shop's write, instead of a read and a write.
 *
 * Not for orders: their lines are patched by the line ids and members of the shop order as read (merge-patch.ts), and
 * an order's status may move in the shop without the sync writing it.
 */
import { DATAFLOW_DEFINITIONS } from "../core/dataflows/all-dataflows";
import type { SideRecord } from "../core/ports";
import type { DataflowId } from "../core/types";
import type { HeldLink } from "./run";

export function shopStandIn(dataflow: DataflowId, link: HeldLink | null): SideRecord | null {
  if (dataflow === "orders" || link === null) return null;
  // Only a link at rest: linked, nothing failed or waiting, no conflict left open for the admin (whose snapshot keeps
  // the old value on purpose).
  if (link.state !== "linked" || link.lastError !== null || link.openConflicts.length > 0) return null;
  const id = link.ids.webshop;
  const snapshot = link.snapshots.webshop;
  const version = link.seen.webshop;
  if (id === null || snapshot === null || link.snapshots.poweroffice === null) return null;
  if (version === null || !/^[1-9]\d{0,15}$/.test(version)) return null;
  const active = DATAFLOW_DEFINITIONS[dataflow].activeProperty;
  return {
    id,
    marker: version,
    // Unchanged since the last sync, so never the newer side of a conflict (newest-wins compares changedAt).
    changedAt: 0,
    archived: active !== undefined && snapshot[active] === false,
    raw: { id, version: Number(version) },
    canonical: snapshot,
  };
}
