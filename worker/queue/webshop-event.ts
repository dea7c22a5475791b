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
