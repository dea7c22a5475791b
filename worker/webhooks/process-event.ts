/**
 * One webshop event from the queue: unless the sync has seen this version already, read the record as the shop has
 * it now (the webhook may be stale or out of order), hand what was read (or the deletion) to the engine, and mark the
 * inbox row processed. The record is read here once; the engine syncs the copy it is handed.
 */
import type { Resource } from "../../shared/webshop";
import type { SideRecord, SideResult } from "../core/ports";
import type { WebshopEventMessage } from "../messages/message";
import type { HandOff, WebhookInbox } from "./inbox";
import { isSeen as isSeenVersion, type SeenVersion } from "./seen-version";

export interface WebshopEventDeps {
  inbox: WebhookInbox;
  /** The one guard: the newest version of this record the sync has seen (worker/webhooks/seen-version.ts). */
  seen: (resource: Resource, id: string, enough?: number) => Promise<SeenVersion>;
  /** The record as the shop has it now, through the engine's webshop side; null when the shop answers 404. */
  read: (resource: Resource, id: string) => Promise<SideResult<SideRecord | null>>;
  /**
   * Syncs the record read (null: gone from the shop, which archives its partner). Must be idempotent: the queue
   * delivers at least once. Resolves once the change is durably handled (a record the engine could not sync keeps
   * the error on its link, for the cron's retries); rejects only on an unexpected failure, and the message retries.
   */
  sync: (resource: Resource, id: string, record: SideRecord | null) => Promise<void>;
  /** Epoch milliseconds. */
  now: () => number;
}

export type EventResult =
  | { kind: "done"; handOff: HandOff | "already-processed" }
  /** Expected and worth retrying (the shop did not answer well); the consumer retries with backoff. */
  | { kind: "failed"; message: string; retryAfterSeconds?: number };

/**
 * Safe to run twice for the same message, and for two events of one record in any order: a version at or below the
 * one the sync has seen (or a deletion handed off already) is not handed off again.
 * Throws on unexpected failures (D1, the engine); the consumer retries those too.
 */
export async function processWebshopEvent(message: WebshopEventMessage, deps: WebshopEventDeps): Promise<EventResult> {
  const { webhookId, resource, id } = message;
  const row = await deps.inbox.get(webhookId);
  if (row?.status === "processed") return { kind: "done", handOff: "already-processed" };
  const finish = async (handOff: HandOff): Promise<EventResult> => {
    await deps.inbox.markProcessed(webhookId, handOff, new Date(deps.now()).toISOString());
    return { kind: "done", handOff };
  };

  // No read for a version the sync has seen: no API call for the echo of its own write. A deletion is always read:
  // it may name the last version, which the sync has seen.
  const seen = await deps.seen(resource, id, message.deleted ? undefined : message.version);
  if (!message.deleted && isSeen(seen, message.version)) return finish(skipped(seen, resource, id, message.version));

  const read = await deps.read(resource, id);
  if (!read.ok) {
    const wait = read.error.retryAfterMs;
    return {
      kind: "failed",
      message: read.error.message,
      ...(wait !== undefined ? { retryAfterSeconds: Math.ceil(wait / 1000) } : {}),
    };
  }
  const record = read.value;
  if (record) {
    // Read at a version seen meanwhile (another event of the record, or its feed, came first).
    const version = Number(record.marker);
    if (isSeen(seen, version)) return finish(skipped(seen, resource, id, version));
    await deps.sync(resource, id, record);
    return finish({ outcome: "changed", version });
  }
  if (seen.deleted)
    return finish({ outcome: "skipped", note: `the deletion of ${resource}/${id} was handed off already` });
  await deps.sync(resource, id, null);
  return finish({ outcome: "deleted" });
}

const isSeen = (seen: SeenVersion, version: number) => isSeenVersion(seen.version, version);

function skipped(seen: SeenVersion, resource: Resource, id: string, version: number): HandOff {
  const note =
    seen.by === "link"
      ? `version ${version} of ${resource}/${id} was seen by the sync already (newest: ${seen.version})`
      : `version ${seen.version} of ${resource}/${id} was handed off already (this one: ${version})`;
  return { outcome: "skipped", note };
}
