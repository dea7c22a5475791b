/**
 * The hand-off from webhook processing to the sync core: "this is the shop's record as it is now" or "it is gone".
 * Until the sync engine implements it, the default sink writes each hand-off to the activity log, so it is visible.
 */
import type { Resource } from "../../shared/webshop";
import type { WebshopRecord } from "./shop-reader";

/**
 * Implemented by the sync core. Each call must be idempotent: the queue delivers at least once, so the same record
 * (or deletion) can be handed off again after a crash. Resolve once the change is durably handled; reject to have the
 * message retried with backoff (and dead-lettered after the bounded attempts).
 */
export interface WebshopChangeSink {
  /** `record` was read from the shop just now, never taken from the webhook payload. */
  recordChanged(resource: Resource, record: WebshopRecord): Promise<void>;
  /** The shop answered 404 for the record. */
  recordDeleted(resource: Resource, id: string): Promise<void>;
}

/** Appends one activity_log row per hand-off (source 'webshop-webhook'). */
export function activityLogSink(db: D1Database, now: () => number): WebshopChangeSink {
  const log = (action: string, resource: Resource, id: string, version: number | null, message: string) =>
    db
      .prepare(
        `INSERT INTO activity_log (at, source, action, resource, resource_id, version, message)
         VALUES (?, 'webshop-webhook', ?, ?, ?, ?, ?)`,
      )
      .bind(new Date(now()).toISOString(), action, resource, id, version, message)
      .run();
  return {
    async recordChanged(resource, record) {
      await log(
        "webshop-record-changed",
        resource,
        record.id,
        record.version,
        `The webshop's ${resource}/${record.id} is at version ${record.version}; received for sync (no sync engine is installed yet).`,
      );
    },
    async recordDeleted(resource, id) {
      await log(
        "webshop-record-deleted",
        resource,
        id,
        null,
        `The webshop's ${resource}/${id} is gone (404); received for sync (no sync engine is installed yet).`,
      );
    },
  };
}
