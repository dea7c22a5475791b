/**
 * The messages on the sync queue: small versioned JSON, validated on the way out of the queue. Only a reference
 * travels, never a record: the consumer reads the record itself, so a message cannot carry stale data.
 */
import * as v from "valibot";
import { Id, RESOURCES, Version } from "../../shared/webshop";
import { MAX_WEBHOOK_ID_LENGTH } from "../webhooks/standard-webhooks";

/** A change the webshop announced by webhook: re-read `resource/id` and hand it to the sync core. */
export const WebshopEventMessage = v.object({
  v: v.literal(1),
  kind: v.literal("webshop-event"),
  webhookId: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_WEBHOOK_ID_LENGTH)),
  resource: v.picklist(RESOURCES),
  id: Id,
  version: Version,
});
export type WebshopEventMessage = v.InferOutput<typeof WebshopEventMessage>;

/** Every kind of message the consumer knows; later kinds (e.g. backfill pages) join this variant. */
export const SyncMessage = v.variant("kind", [WebshopEventMessage]);
export type SyncMessage = v.InferOutput<typeof SyncMessage>;

/** What producers need from a queue binding; a Workers `Queue` fits, and tests pass recording fakes. */
export interface SyncQueueProducer {
  send(message: SyncMessage, options?: QueueSendOptions): Promise<unknown>;
  sendBatch(messages: Iterable<MessageSendRequest<SyncMessage>>, options?: QueueSendBatchOptions): Promise<unknown>;
}

/** JSON, not the default structured clone: readable in the dashboard and in dead letters, and replayable as is. */
export const SEND_OPTIONS = { contentType: "json" } as const satisfies QueueSendOptions;

export function webshopEventMessage(
  webhookId: string,
  event: { resource: WebshopEventMessage["resource"]; id: string; version: number },
): WebshopEventMessage {
  return { v: 1, kind: "webshop-event", webhookId, resource: event.resource, id: event.id, version: event.version };
}

export type MessageParse = { ok: true; message: SyncMessage } | { ok: false; reason: string; kind: string | null };

export function parseSyncMessage(body: unknown): MessageParse {
  const parsed = v.safeParse(SyncMessage, body);
  if (parsed.success) return { ok: true, message: parsed.output };
  const issues = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "(message)"}: ${issue.message}`).join("; ");
  const kind =
    typeof body === "object" && body !== null && typeof (body as { kind?: unknown }).kind === "string"
      ? (body as { kind: string }).kind
      : null;
  return { ok: false, reason: `The queue message is not one the consumer knows: ${issues}`, kind };
}
