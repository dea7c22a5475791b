/**
 * One webshop event from the queue: read the record as the shop has it now (the webhook may be stale or out of
 * order), hand it (or its deletion) to the sync core unless that was done already, and mark the inbox row processed.
 */
import type { HandOff, WebhookInbox } from "../webhooks/inbox";
import type { WebshopChangeSink } from "./change-sink";
import type { WebshopEventMessage } from "./message";
import type { ShopRecordReader } from "./shop-reader";

export interface WebshopEventDeps {
  inbox: WebhookInbox;
  /**
   * The newest version of this shop record the sync has already seen (read from a feed, a webhook, or written there
   * itself), or null. An event at or below it carries nothing new: most often it is the echo of the sync's own write.
   */
  seenVersion?: (resource: WebshopEventMessage["resource"], id: string) => Promise<number | null>;
  reader: ShopRecordReader;
  sink: WebshopChangeSink;
  /** Epoch milliseconds. */
  now: () => number;
}

export type EventResult =
  | { kind: "done"; handOff: HandOff | "already-processed" }
  /** Expected and worth retrying (the shop did not answer well); the consumer retries with backoff. */
  | { kind: "failed"; message: string; retryAfterSeconds?: number };

/**
 * Safe to run twice for the same message, and for two events of one record in any order: the inbox remembers which
 * version (or deletion) of each record was handed off, and a version at or below it is not handed off again.
 * Throws on unexpected failures (D1, the sink); the consumer retries those too.
 */
export async function processWebshopEvent(message: WebshopEventMessage, deps: WebshopEventDeps): Promise<EventResult> {
  const { webhookId, resource, id } = message;
  const row = await deps.inbox.get(webhookId);
  if (row?.status === "processed") return { kind: "done", handOff: "already-processed" };

  // Not read again when the sync has seen this version or a newer one: no API call for the echo of its own write.
  // A deletion is always read: it may name the last version, which the sync has seen.
  const seen = deps.seenVersion && !message.deleted ? await deps.seenVersion(resource, id) : null;
  if (seen !== null && message.version <= seen) {
    const handOff = skipped(
      `version ${message.version} of ${resource}/${id} was seen by the sync already (newest: ${seen})`,
    );
    await deps.inbox.markProcessed(webhookId, handOff, new Date(deps.now()).toISOString());
    return { kind: "done", handOff };
  }

  const read = await deps.reader.get(resource, id);
  if (!read.ok) return { kind: "failed", message: read.message, retryAfterSeconds: read.retryAfterSeconds };

  const before = await deps.inbox.handedOff(resource, id);
  let handOff: HandOff;
  if (read.found) {
    const { version } = read.record;
    if (before.version !== null && version <= before.version) {
      handOff = skipped(`version ${version} of ${resource}/${id} was handed off already (newest: ${before.version})`);
    } else {
      await deps.sink.recordChanged(resource, read.record);
      handOff = { outcome: "changed", version };
    }
  } else if (before.deleted) {
    handOff = skipped(`the deletion of ${resource}/${id} was handed off already`);
  } else {
    await deps.sink.recordDeleted(resource, id);
    handOff = { outcome: "deleted" };
  }
  await deps.inbox.markProcessed(webhookId, handOff, new Date(deps.now()).toISOString());
  return { kind: "done", handOff };
}

const skipped = (note: string): HandOff => ({ outcome: "skipped", note });
