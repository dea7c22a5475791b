/**
 * The messages on the sync queue: small versioned JSON, validated on the way out of the queue. Only a reference
 * travels, never a record: the consumer reads the record itself, so a message cannot carry stale data.
 */
import * as v from "valibot";
import { Id, MAX_WEBHOOK_ID_LENGTH, RESOURCES, Version } from "../../shared/webshop";
import { DATAFLOWS, SIDES } from "../core/types";

/** A change the webshop announced by webhook: re-read `resource/id` and hand it to the sync core. */
export const WebshopEventMessage = v.object({
  v: v.literal(1),
  kind: v.literal("webshop-event"),
  webhookId: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_WEBHOOK_ID_LENGTH)),
  resource: v.picklist(RESOURCES),
  id: Id,
  version: Version,
  /** A `*.deleted` event: never skipped for its version (a deletion may name the record's last version). */
  deleted: v.optional(v.boolean()),
});
export type WebshopEventMessage = v.InferOutput<typeof WebshopEventMessage>;

const Holder = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const LinkId = v.pipe(v.number(), v.integer(), v.minValue(1));

/**
 * Continue one change feed: one page under the lease `poll:<dataflow>:<side>`, held by `holder` for the whole chain
 * of pages (the cron run that started it), then the next `poll` if the feed is not done.
 */
export const PollMessage = v.object({
  v: v.literal(1),
  kind: v.literal("poll"),
  dataflow: v.picklist(DATAFLOWS),
  side: v.picklist(SIDES),
  holder: Holder,
});
export type PollMessage = v.InferOutput<typeof PollMessage>;

/**
 * Try one link again whose retry is due (the cron finds them; the link says what failed). `dataflow` is the link's,
 * for the consumer's cost estimate before it reads the link; optional, as the link is the authority.
 */
export const RetryMessage = v.object({
  v: v.literal(1),
  kind: v.literal("retry"),
  linkId: LinkId,
  dataflow: v.optional(v.picklist(DATAFLOWS)),
});
export type RetryMessage = v.InferOutput<typeof RetryMessage>;

/** The admin asked to sync one shop record now; the key names the request in logs and lets the API dedup it. */
export const PushMessage = v.object({
  v: v.literal(1),
  kind: v.literal("push"),
  resource: v.picklist(RESOURCES),
  id: Id,
  idempotencyKey: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
});
export type PushMessage = v.InferOutput<typeof PushMessage>;

/** One slice of the reconcile pass over a dataflow's links after `afterLinkId`, then the next slice. */
export const ReconcileMessage = v.object({
  v: v.literal(1),
  kind: v.literal("reconcile"),
  dataflow: v.picklist(DATAFLOWS),
  afterLinkId: v.nullable(LinkId),
});
export type ReconcileMessage = v.InferOutput<typeof ReconcileMessage>;

/** Most PowerOffice order ids one `gone-orders` message carries. */
export const GONE_ORDERS_PER_MESSAGE = 50;

/**
 * Linked orders PowerOffice no longer lists among its open sales orders, more than the cron could read itself: read
 * each again (one gone makes its shop order invoiced), as many as fit, then the rest in the next message. Without
 * ids: the whole look (list the open orders, compare, read), for a cron run whose feeds left it no room.
 */
export const GoneOrdersMessage = v.object({
  v: v.literal(1),
  kind: v.literal("gone-orders"),
  ids: v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(100))), v.maxLength(GONE_ORDERS_PER_MESSAGE)),
});
export type GoneOrdersMessage = v.InferOutput<typeof GoneOrdersMessage>;

/** Every kind of message the consumer knows. A new shape of a kind gets a new `v`; old ones stay readable. */
export const SyncMessage = v.variant("kind", [
  WebshopEventMessage,
  PollMessage,
  RetryMessage,
  PushMessage,
  ReconcileMessage,
  GoneOrdersMessage,
]);
export type SyncMessage = v.InferOutput<typeof SyncMessage>;
export type SyncWorkMessage = PollMessage | RetryMessage | PushMessage | ReconcileMessage | GoneOrdersMessage;

/** What producers need from a queue binding; a Workers `Queue` fits, and tests pass recording fakes. */
export interface SyncQueueProducer {
  send(message: SyncMessage, options?: QueueSendOptions): Promise<unknown>;
  sendBatch(messages: Iterable<MessageSendRequest<SyncMessage>>, options?: QueueSendBatchOptions): Promise<unknown>;
}

/** JSON, not the default structured clone: readable in the dashboard and in dead letters, and replayable as is. */
export const SEND_OPTIONS = { contentType: "json" } as const satisfies QueueSendOptions;

export function webshopEventMessage(
  webhookId: string,
  event: { resource: WebshopEventMessage["resource"]; id: string; version: number; type: string },
): WebshopEventMessage {
  const message: WebshopEventMessage = {
    v: 1,
    kind: "webshop-event",
    webhookId,
    resource: event.resource,
    id: event.id,
    version: event.version,
  };
  return event.type.endsWith(".deleted") ? { ...message, deleted: true } : message;
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
