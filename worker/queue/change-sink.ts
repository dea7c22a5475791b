/**
 * The hand-off from webhook processing to the sync engine: "this is the shop's record as it is now" or "it is gone".
 * The engine's sink syncs that one record (a record gone from the shop archives its PowerOffice partner).
 */
import type { Resource } from "../../shared/webshop";
import type { Engine } from "../engine";
import type { WebshopRecord } from "./shop-reader";

/**
 * Each call must be idempotent: the queue delivers at least once, so the same record (or deletion) can be handed
 * off again after a crash. Resolve once the change is durably handled; reject to have the message retried with
 * backoff (and dead-lettered after the bounded attempts).
 */
export interface WebshopChangeSink {
  /** `record` was read from the shop just now, never taken from the webhook payload. */
  recordChanged(resource: Resource, record: WebshopRecord): Promise<void>;
  /** The shop answered 404 for the record. */
  recordDeleted(resource: Resource, id: string): Promise<void>;
}

/**
 * Hands each record to the engine, which reads it once more itself (it may be newer still) and syncs it. A record
 * the engine could not sync is not a failed message: its link holds the error and the cron retries it from there.
 * Only an unexpected failure (D1) rejects, and the queue retries the message.
 */
export function engineSink(engine: Pick<Engine, "syncWebshopRecord">): WebshopChangeSink {
  return {
    async recordChanged(resource, record) {
      await engine.syncWebshopRecord(resource, record.id);
    },
    async recordDeleted(resource, id) {
      await engine.syncWebshopRecord(resource, id);
    },
  };
}
