/**
 * The webhook inbox (D1 table webhook_inbox): one row per webhook-id. It dedups deliveries and, written before the
 * queue send, works as an outbox, so an event recorded but never enqueued is found again (docs/webhooks.md).
 */
import type { Resource } from "../../shared/webshop";
import { DATAFLOWS_OF_RESOURCE } from "../core/dataflows/shop-records";
import { noteWebhookReceived, type StoredWebhookReceived } from "../store/go-live-settings";
import type { ShopEvent } from "./parse-event";
import { linkSeenVersionSql, SEEN_AT_INTAKE, seenVersionSql } from "./seen-version";
import {
  CREATE_IN_FLIGHT_SQL,
  inFlightBinds,
  type Origin,
  WRITE_BACK_IN_FLIGHT_SQL,
  writerInFlight,
} from "./writer-in-flight";

export type InboxStatus = "received" | "queued" | "processed" | "dead-lettered";

export interface InboxRow extends ShopEvent {
  webhookId: string;
  status: InboxStatus;
  receivedAt: string;
}

/** What the consumer did with an event: handed the shop's record (or its deletion) off, or skipped a repeat. */
export type HandOff =
  | { outcome: "changed"; version: number }
  | { outcome: "deleted" }
  | { outcome: "skipped"; note: string };

/**
 * `inserted` when this call made the row; `seen` when the sync has seen the event's version already (the echo of its
 * own write): then no row is written at all, and a redelivery of it is recognised the same way; else the status of
 * the row an earlier delivery made.
 */
export type Recorded =
  /** `writing`: a sync run is writing the record right now (asked only with `writer`, webhooks/writer-in-flight.ts). */
  | { inserted: true; status: "received"; writing: boolean }
  | { inserted: false; status: "seen"; note: string }
  | { inserted: false; status: InboxStatus };

export interface WebhookInbox {
  /**
   * INSERT OR IGNORE, in one round trip with the check of the one guard (worker/webhooks/seen-version.ts): nothing is
   * written when the sync has seen the event's version already, else a new row is 'received'. With `firstReceived`,
   * the same batch also records the go-live checklist's first verified webhook, if none is recorded yet; with
   * `writer`, it also asks whether a sync run is writing the record (the PowerOffice record it names: `origin`).
   */
  record(
    webhookId: string,
    event: ShopEvent,
    at: string,
    firstReceived?: StoredWebhookReceived,
    writer?: { origin: Origin | null; nowMs: number },
  ): Promise<Recorded>;
  /** received → queued; a row the consumer has already moved on is left alone. */
  markQueued(webhookIds: readonly string[], at: string): Promise<void>;
  get(webhookId: string): Promise<InboxRow | null>;
  /**
   * Marks the row 'processed' with what was handed off; deletes it instead when the record's link has seen both the
   * event's version and the one handed off (not for a deletion): intake's guard then recognises a redelivery.
   */
  markProcessed(webhookId: string, handOff: HandOff, at: string): Promise<void>;
  markDeadLettered(webhookId: string, note: string): Promise<void>;
  /** Keeps the consumer's last failure on the row, for the admin. */
  noteFailure(webhookId: string, note: string): Promise<void>;
  /**
   * Of records `ids` of `resource`, the newest version each has in a row still 'received' and received at or after
   * `since`: an event its webhook's own invocation may be syncing right now. A record missing from the answer has
   * none. The cron's look at the shop's feeds leaves such a record to its event (jobs/feed-peek.ts).
   */
  awaiting(resource: Resource, ids: readonly string[], since: string): Promise<Map<string, number>>;
  /** The newest handed-off version of a record and whether its deletion was handed off, over rows still kept. */
  handedOff(resource: Resource, id: string): Promise<{ version: number | null; deleted: boolean }>;
  /**
   * Rows still 'received' that were received before `before`: recorded but maybe never enqueued, or left to a run
   * that was writing their record. Each with the newest version of its record the sync has seen now (the rule of
   * worker/webhooks/seen-version.ts), null when none.
   */
  stranded(before: string, limit: number): Promise<Array<InboxRow & { seen: number | null }>>;
  /**
   * Deletes rows still 'received' whose version the sync had seen by then (the echo of a write that was being
   * committed when it arrived): like an echo recognised at intake, it leaves no row.
   */
  forgetSeen(webhookIds: readonly string[]): Promise<void>;
  /** Deletes rows with no activity since `before`, except 'received' ones (still owed to the queue). Returns the count. */
  prune(before: string): Promise<number>;
}

interface Row {
  webhook_id: string;
  received_at: string;
  event_type: ShopEvent["type"];
  resource: Resource;
  resource_id: string;
  version: number;
  status: InboxStatus;
}

const COLUMNS = "webhook_id, received_at, event_type, resource, resource_id, version, status";

export function d1WebhookInbox(db: D1Database): WebhookInbox {
  return {
    async record(webhookId, event, at, firstReceived, writer) {
      // One round trip: the insert is skipped for an event the sync has seen (an echo of its own write: it writes no
      // row, docs/webhooks.md), and the read-back says what the row is, whether this call made it or an earlier
      // delivery did.
      const writing = writer ? writerInFlight(db, event.resource, event.id, writer.origin, writer.nowMs) : null;
      const binds = [
        webhookId,
        at,
        event.type,
        event.resource,
        event.id,
        event.version,
        JSON.stringify(DATAFLOWS_OF_RESOURCE[event.resource]),
        isDeletion(event) ? 1 : 0,
        ...inFlightBinds(writer?.origin ?? null, writer?.nowMs ?? null),
      ];
      // Which guard held the event back, for the answer's note: asked only where an echo in flight can be.
      const inFlight = writer && (event.type.endsWith(".created") || event.type.endsWith(".updated"));
      const whichGuard = inFlight
        ? db.prepare(`SELECT ${CREATE_IN_FLIGHT_SQL} AS creating, ${WRITE_BACK_IN_FLIGHT_SQL} AS writingBack`)
        : null;
      const results = await db.batch([
        db
          .prepare(
            `INSERT OR IGNORE INTO webhook_inbox
               (webhook_id, received_at, event_type, resource, resource_id, version, status)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, 'received'
             FROM (SELECT ${SEEN_AT_INTAKE.isSeen} AS known, ${CREATE_IN_FLIGHT_SQL} AS creating,
                 ${WRITE_BACK_IN_FLIGHT_SQL} AS writing_back
               FROM (SELECT ${SEEN_AT_INTAKE.version} AS seen))
             WHERE NOT IFNULL(known, 0) AND NOT IFNULL(creating, 0) AND NOT IFNULL(writing_back, 0)`,
          )
          .bind(...binds),
        db.prepare("SELECT status FROM webhook_inbox WHERE webhook_id = ?").bind(webhookId),
        ...(writing ? [writing] : []),
        ...(whichGuard ? [whichGuard.bind(...binds)] : []),
        ...(firstReceived ? [noteWebhookReceived(db, firstReceived)] : []),
      ]);
      const [insert, read] = results;
      const row = (read?.results as Array<{ status: InboxStatus }> | undefined)?.[0];
      const written = writing !== null && (results[2]?.results.length ?? 0) > 0;
      if (insert?.meta.changes === 1) return { inserted: true, status: "received", writing: written };
      if (row) return { inserted: false, status: row.status };
      // The batch is one transaction: no row and none inserted means a guard held it back.
      const answer = whichGuard ? results[writing ? 3 : 2]?.results[0] : undefined;
      const held = answer as { creating?: number; writingBack?: number } | undefined;
      const note =
        held?.creating === 1 ? createNote(event) : held?.writingBack === 1 ? writeBackNote(event) : seenNote(event);
      return { inserted: false, status: "seen", note };
    },
    async markQueued(webhookIds, at) {
      if (webhookIds.length === 0) return;
      const update = db.prepare(
        "UPDATE webhook_inbox SET status = 'queued', queued_at = ? WHERE webhook_id = ? AND status = 'received'",
      );
      await db.batch(webhookIds.map((id) => update.bind(at, id)));
    },
    async get(webhookId) {
      const row = await db
        .prepare(`SELECT ${COLUMNS} FROM webhook_inbox WHERE webhook_id = ?`)
        .bind(webhookId)
        .first<Row>();
      return row ? toInboxRow(row) : null;
    },
    async markProcessed(webhookId, handOff, at) {
      const version = handOff.outcome === "changed" ? handOff.version : null;
      const note = handOff.outcome === "skipped" ? handOff.note : null;
      await db.batch([
        // Settled for good: the record's link has seen the event's version and the one handed off. A redelivery is
        // recognised at intake by that version, as an echo is, so the row is deleted (1 row written) rather than
        // kept 'processed' for a week (3, and 1 more when pruned). A deletion is never seen: its row stays.
        db
          .prepare(
            `DELETE FROM webhook_inbox AS w WHERE webhook_id = ?1 AND event_type NOT LIKE '%.deleted' AND ?2 <> 'deleted'
             AND max(w.version, COALESCE(?3, 0)) <= ${linkSeenVersionSql("w.resource_id", "?4, '$.' || w.resource")}`,
          )
          .bind(webhookId, handOff.outcome, version, JSON.stringify(DATAFLOWS_OF_RESOURCE)),
        db
          .prepare(
            `UPDATE webhook_inbox SET status = 'processed', processed_at = ?, outcome = ?, handled_version = ?, note = ?
             WHERE webhook_id = ?`,
          )
          .bind(at, handOff.outcome, version, note, webhookId),
      ]);
    },
    async markDeadLettered(webhookId, note) {
      await db
        .prepare("UPDATE webhook_inbox SET status = 'dead-lettered', note = ? WHERE webhook_id = ?")
        .bind(note, webhookId)
        .run();
    },
    async noteFailure(webhookId, note) {
      await db.prepare("UPDATE webhook_inbox SET note = ? WHERE webhook_id = ?").bind(note, webhookId).run();
    },
    async handedOff(resource, id) {
      const row = await db
        .prepare(
          `SELECT MAX(handled_version) AS version, MAX(outcome = 'deleted') AS deleted FROM webhook_inbox
           WHERE resource = ? AND resource_id = ? AND status = 'processed'`,
        )
        .bind(resource, id)
        .first<{ version: number | null; deleted: number | null }>();
      return { version: row?.version ?? null, deleted: row?.deleted === 1 };
    },
    async awaiting(resource, ids, since) {
      if (ids.length === 0) return new Map();
      // `status = 'received'` as the partial index webhook_inbox_unqueued (received_at) names it: only the rows still
      // owed, and of those the recent ones, are read.
      const { results } = await db
        .prepare(
          `SELECT resource_id, MAX(version) AS version FROM webhook_inbox
           WHERE status = 'received' AND received_at >= ?3 AND resource = ?1
             AND resource_id IN (SELECT value FROM json_each(?2))
           GROUP BY resource_id`,
        )
        .bind(resource, JSON.stringify(ids), since)
        .all<{ resource_id: string; version: number }>();
      return new Map(results.map((row) => [row.resource_id, row.version]));
    },
    async stranded(before, limit) {
      const seen = seenVersionSql("w.resource", "w.resource_id", "?3, '$.' || w.resource");
      const { results } = await db
        .prepare(
          `SELECT ${COLUMNS}, ${seen} AS seen FROM webhook_inbox AS w WHERE status = 'received' AND received_at < ?1
           ORDER BY received_at LIMIT ?2`,
        )
        .bind(before, limit, JSON.stringify(DATAFLOWS_OF_RESOURCE))
        .all<Row & { seen: number | null }>();
      return results.map((row) => ({ ...toInboxRow(row), seen: row.seen }));
    },
    async forgetSeen(webhookIds) {
      if (webhookIds.length === 0) return;
      // Deleted, not marked processed: 1 row written instead of 2. A redelivery is recognised at intake, as any echo.
      const forget = db.prepare("DELETE FROM webhook_inbox WHERE webhook_id = ? AND status = 'received'");
      await db.batch(webhookIds.map((id) => forget.bind(id)));
    },
    async prune(before) {
      // By the row's last activity, not only its arrival: an old row the sweep has just queued stays its full time.
      // `<> 'received'` as the partial index webhook_inbox_settled names it (migration 0015).
      const result = await db
        .prepare(
          `DELETE FROM webhook_inbox WHERE received_at < ?1 AND status <> 'received'
           AND max(COALESCE(queued_at, received_at), COALESCE(processed_at, received_at)) < ?1`,
        )
        .bind(before)
        .run();
      return result.meta.changes;
    },
  };
}

const isDeletion = (event: ShopEvent) => event.type.endsWith(".deleted");

const createNote = (event: ShopEvent) =>
  `${event.resource}/${event.id} is being created by the sync right now: the echo of its own create, which the sync commits with the create's answer; recognised at intake, not recorded, not queued`;
const writeBackNote = (event: ShopEvent) =>
  `version ${event.version} of ${event.resource}/${event.id} comes while the sync writes the new PowerOffice id back into it: the echo of that write, which the sync commits with its answer; recognised at intake, not recorded, not queued`;
const seenNote = (event: ShopEvent) =>
  `version ${event.version} of ${event.resource}/${event.id} was seen by the sync already: an echo of the sync's own write or a version it has synced already; recognised at intake, not recorded, not queued`;

function toInboxRow(row: Row): InboxRow {
  return {
    webhookId: row.webhook_id,
    receivedAt: row.received_at,
    type: row.event_type,
    resource: row.resource,
    id: row.resource_id,
    version: row.version,
    status: row.status,
  };
}
