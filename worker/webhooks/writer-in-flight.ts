/**
 * Whether a sync run is writing a shop record right now: it holds the claim on the record's link (kept in the link's
 * row, worker/store/link-claim-sql.ts; taken before its writes go out and given back by its commit,
 * docs/sync-engine.md "One writer per record"). The link is the one holding the shop record's id, or, for a record the
 * sync has just created in the shop, the pending link of the PowerOffice record it names as its partner
 * (`external_ids`): that link gets the shop's id only in the writer's commit.
 *
 * An event of such a record is most likely the echo of that very write, arriving before the writer has committed
 * the version it wrote. Synced, it would read the partner and plan for nothing (the writer's claim refuses it in the
 * end). Intake asks in the same D1 batch as the inbox insert and leaves such an event 'received'; the cron's sweep
 * settles it against the link once the writer is done (webhooks/sweep.ts): an echo then costs nothing more, and
 * anything newer is queued and synced as any other event. Two such events are not recorded at all: the echo of a
 * create in flight and of a write-back in flight (the SQL below, in the insert's own statement).
 */
import type { Resource } from "../../shared/webshop";
import { DATAFLOWS_OF_RESOURCE } from "../core/dataflows/shop-records";
import type { DataflowId } from "../core/types";
import { LINK_SEEN_VERSION } from "./seen-version";

/** The PowerOffice record a shop record names as its partner, in the dataflow the shop record belongs to. */
export interface Origin {
  dataflow: DataflowId;
  id: string;
}

/** One statement; both lookups use the links' UNIQUE (dataflow, side id) indexes. */
const WRITING = `SELECT 1 FROM (
    SELECT claim_until FROM links WHERE dataflow IN (SELECT value FROM json_each(?1)) AND webshop_id = ?2
    UNION ALL
    SELECT claim_until FROM links WHERE dataflow = ?5 AND poweroffice_id = ?3)
  WHERE claim_until > ?4 LIMIT 1`;

/**
 * SQL, over intake's parameters (`?3` the event's type, `?9` the origin's dataflow, `?10` its PowerOffice id, `?11`
 * now in epoch ms): true when the event is the `*.created` echo of a create this sync is sending
 * right now. The origin's link is pending with the create's reference and no shop id yet (it gets that in the
 * writer's commit), and the writer holds its claim. Only the sync sets `external_ids` to a PowerOffice record, and a
 * record is created once, so such an event carries nothing the writer does not get from the create's own answer.
 * It needs no row either: should the writer die before its commit, the pending link's retry re-sends the create with
 * the same Idempotency-Key and gets that same record back (docs/sync-engine.md, "Idempotent creates"), and the shop's
 * change feed lists the record as well. An event of a later change of the record (a person's edit) is an `updated`
 * one and never matches.
 */
export const CREATE_IN_FLIGHT_SQL = `(?3 LIKE '%.created' AND EXISTS (
    SELECT 1 FROM links
    WHERE dataflow = ?9 AND poweroffice_id = ?10 AND webshop_id IS NULL
      AND state = 'pending' AND reference IS NOT NULL AND claim_until > ?11))`;

/**
 * SQL, over intake's parameters (`?3` the event's type, `?5` the shop record's id, `?6` its version, `?7` its
 * resource's dataflows as a JSON array, `?11` now in epoch ms): true when the event is an `*.updated` event of a shop
 * record whose partner this sync is creating in PowerOffice right now. The record's link is pending with the create's
 * reference and no PowerOffice id yet (it gets that in the writer's commit), and the writer holds its claim. Where the
 * link has seen a version of the record, only the version right after it matches.
 *
 * Such a writer writes the new PowerOffice id back into the shop record (`external_ids`, every dataflow maps one) with
 * If-Match of the version it read. An event older than that version is in what the writer read; the version after it
 * is the write-back's echo, or a person's edit made first, which answers the write-back 412 and is read and synced by
 * the writer itself. So the event carries nothing the writer does not get. The one exception is a person's edit that
 * no write-back meets: one in the moment between the write-back's answer and the writer's commit, or one while a
 * writer works that finds the id written back already. The shop's change feed brings it to the next cron run, as the
 * sweep would have brought it had it been recorded while the writer held the claim. Should the writer die
 * before its commit, the pending link's retry and the change feed bring the record (docs/webhooks.md, "Echoes").
 */
export const WRITE_BACK_IN_FLIGHT_SQL = `(?3 LIKE '%.updated' AND EXISTS (
    SELECT 1 FROM links
    WHERE dataflow IN (SELECT value FROM json_each(?7)) AND webshop_id = ?5 AND poweroffice_id IS NULL
      AND state = 'pending' AND reference IS NOT NULL AND claim_until > ?11
      AND (webshop_seen IS NULL OR ${LINK_SEEN_VERSION} + 1 = ?6)))`;

/** The parameters ?9..?11 of `CREATE_IN_FLIGHT_SQL` and `WRITE_BACK_IN_FLIGHT_SQL`: NULLs (never true) where unknown. */
export const inFlightBinds = (origin: Origin | null, nowMs: number | null) => [
  origin?.dataflow ?? null,
  origin?.id ?? null,
  nowMs,
];

/** The check as one statement, for intake's batch: a row when a run is writing the record. */
export function writerInFlight(
  db: D1Database,
  resource: Resource,
  id: string,
  origin: Origin | null,
  nowMs: number,
): D1PreparedStatement {
  const dataflows = JSON.stringify(DATAFLOWS_OF_RESOURCE[resource]);
  return db.prepare(WRITING).bind(dataflows, id, origin?.id ?? null, nowMs, origin?.dataflow ?? null);
}
