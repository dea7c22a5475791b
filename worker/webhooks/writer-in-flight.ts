/**
 * Whether a sync run is writing a shop record right now: it holds the claim on the record's link (the lease
 * `link:<id>`, taken before its writes go out and given back after its commit, docs/sync-engine.md "One writer per
 * record"). The link is the one holding the shop record's id, or, for a record the sync has just created in the
 * shop, the pending link of the PowerOffice record it names as its partner (`external_ids`): that link gets the
 * shop's id only in the writer's commit.
 *
 * An event of such a record is most likely the echo of that very write, arriving before the writer has committed
 * the version it wrote. Synced, it would read the partner and plan for nothing (the writer's claim refuses it in the
 * end). Intake asks in the same D1 batch as the inbox insert and leaves such an event 'received'; the cron's sweep
 * settles it against the link once the writer is done (webhooks/sweep.ts): an echo then costs nothing more, and
 * anything newer is queued and synced as any other event.
 */
import type { Resource } from "../../shared/webshop";
import { DATAFLOWS_OF_RESOURCE } from "../core/dataflows/shop-records";
import { claimName } from "../core/ports";
import type { DataflowId } from "../core/types";

/** The PowerOffice record a shop record names as its partner, in the dataflow the shop record belongs to. */
export interface Origin {
  dataflow: DataflowId;
  id: string;
}

/** One statement; both lookups use the links' UNIQUE (dataflow, side id) indexes, and the lease its primary key. */
const WRITING = `SELECT 1 FROM leases WHERE expires_at > ?4 AND name IN (
    SELECT ?5 || id FROM links WHERE dataflow IN (SELECT value FROM json_each(?1)) AND webshop_id = ?2
    UNION ALL
    SELECT ?5 || id FROM links WHERE dataflow = ?6 AND poweroffice_id = ?3)
  LIMIT 1`;

/** The lease name's prefix, from the one place that names claims. */
const CLAIM_PREFIX = claimName(0).slice(0, -1);

/** The check as one statement, for intake's batch: a row when a run is writing the record. */
export function writerInFlight(
  db: D1Database,
  resource: Resource,
  id: string,
  origin: Origin | null,
  nowMs: number,
): D1PreparedStatement {
  const dataflows = JSON.stringify(DATAFLOWS_OF_RESOURCE[resource]);
  return db.prepare(WRITING).bind(dataflows, id, origin?.id ?? null, nowMs, CLAIM_PREFIX, origin?.dataflow ?? null);
}
