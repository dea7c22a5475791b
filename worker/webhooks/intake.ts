/**
 * Accepting one webshop webhook: verify over the raw bytes, parse, record in the inbox, then either take it into this
 * invocation after the answer (`inline`, worker/webhooks/inline.ts) or enqueue it and mark it queued. D1 and the
 * queue cannot commit together, so the inbox row is written first and works as an outbox. The insert also applies
 * the one guard (seen-version.ts): an event at or below the version the sync has seen (the echo of its own write)
 * writes no row at all and is never queued; so does the `created` echo of a create the sync is sending right now
 * (writer-in-flight.ts, CREATE_IN_FLIGHT_SQL).
 *
 *   INSERT OR IGNORE row ──new, seen─────▶ no row ──▶ 202 'already-synced', nothing else (a create's echo too)
 *          │           └──new, not seen──▶ 'received' ─▶ first sync not started? ─yes─▶ 202, kept (swept after the start)
 *          │                                               a run writing the record? ─yes─▶ 202, kept (the sweep settles it)
 *          │                                               inline? ─yes─▶ 202, synced after the answer (waitUntil)
 *          │                                               └─no─▶ queue.send ──ok──▶ mark 'queued' ──▶ 202
 *          │ there already                                          └─fails──▶ 503 (row stays 'received': shop retry or cron re-sends)
 *          ├─ 'received' ─▶ the same as new and not seen (processing is idempotent, a second run is harmless)
 *          └─ 'queued' | 'processed' | 'dead-lettered' ─▶ 200, nothing else
 * An authentic event of a type the worker does not know is answered 200 'ignored' before the inbox: nothing recorded.
 */
import { SEND_OPTIONS, type SyncQueueProducer, webshopEventMessage } from "../messages/message";
import type { InboxStatus, WebhookInbox } from "./inbox";
import { type EventParse, parseShopEvent, type ShopEvent } from "./parse-event";
import { MAX_WEBHOOK_BODY_BYTES, readLimitedBody } from "./read-body";
import { readSignedHeaders, type VerifyFailure, verifySignature } from "./standard-webhooks";
import type { Origin } from "./writer-in-flight";

/**
 * Whether this isolate knows that the go-live checklist's first verified webhook is recorded in D1. Until it does,
 * intake adds that record to the inbox's batch (no round trip of its own); from then on nothing, so a webhook in
 * steady state costs the same D1 work as without the checklist.
 */
export interface FirstWebhookMark {
  recorded: boolean;
}

export interface IntakeDeps {
  /** One `whsec_` secret, or two while rotating. */
  secrets: readonly string[];
  inbox: WebhookInbox;
  queue: SyncQueueProducer;
  /** Epoch milliseconds. */
  now: () => number;
  maxBodyBytes?: number;
  /** Without it, the first verified webhook is not recorded for the go-live checklist. */
  firstWebhook?: FirstWebhookMark;
  /**
   * Takes an event just recorded 'received' into this invocation, to be synced after the answer; false when it
   * cannot (then it is queued). `data` is the event's `data` as sent. Without it, every event is queued.
   */
  inline?: (webhookId: string, event: ShopEvent, data: Record<string, unknown>) => boolean;
  /**
   * True while the first sync has not started (docs/sync-engine.md, "Preview"): the event is kept 'received' in the
   * inbox, neither synced nor queued; the cron's sweep sends it on once syncing has started.
   */
  hold?: () => Promise<boolean>;
  /**
   * The PowerOffice record the event's record names as its partner, when `data` carries the whole record
   * (`external_ids`); with it, the insert's batch also asks whether a sync run is writing the record right now
   * (webhooks/writer-in-flight.ts). Without it, that is not asked.
   */
  originOf?: (event: ShopEvent, data: Record<string, unknown>) => Origin | null;
}

export type IntakeOutcome =
  /** New (or recorded earlier but not known to be enqueued): now on the queue, or `inline` in this invocation. */
  | { kind: "accepted"; webhookId: string; resent: boolean; inline: boolean; held?: boolean; leftToWriter?: boolean }
  /** New, and a version the sync has seen already (the echo of its own write): no row written, not queued. */
  | { kind: "already-synced"; webhookId: string; note: string }
  /** Already on the queue or handled: nothing done. */
  | { kind: "duplicate"; webhookId: string; status: Exclude<InboxStatus, "received"> }
  | { kind: "not-authentic"; failure: VerifyFailure }
  | { kind: "too-large"; limit: number; declared?: number }
  /** Authentic, of a type this worker does not know: answered 2xx so the shop stops retrying; nothing recorded. */
  | { kind: "ignored"; webhookId: string; type: string }
  | { kind: "malformed"; parse: Extract<EventParse, { ok: false; reason: "not-json" | "not-an-event" }> }
  /** Recorded as 'received' but the queue refused it: the shop should retry (and the cron sweep will re-send). */
  | { kind: "queue-unavailable"; webhookId: string; cause: string };

export async function acceptWebhook(request: Request, deps: IntakeDeps): Promise<IntakeOutcome> {
  const headers = readSignedHeaders(request.headers, deps.now());
  if (!headers.ok) return { kind: "not-authentic", failure: headers.failure };
  const body = await readLimitedBody(request, deps.maxBodyBytes ?? MAX_WEBHOOK_BODY_BYTES);
  if (!body.ok) return { kind: "too-large", limit: body.limit, declared: body.declared };
  const { signed } = headers;
  if (!(await verifySignature(deps.secrets, signed, body.bytes))) {
    return { kind: "not-authentic", failure: { reason: "signature-mismatch", tried: signed.signatures.length } };
  }
  const parsed = parseShopEvent(body.bytes);
  if (!parsed.ok) {
    // Not recorded in the inbox: there is nothing to process, and a retry of it is just as cheap to ignore again.
    if (parsed.reason === "unknown-type") return { kind: "ignored", webhookId: signed.id, type: parsed.type };
    return { kind: "malformed", parse: parsed };
  }

  const webhookId = signed.id;
  const at = new Date(deps.now()).toISOString();
  const mark = deps.firstWebhook;
  const firstReceived = mark && !mark.recorded ? { at, webhookId, type: parsed.event.type } : undefined;
  const writer = deps.originOf ? { origin: deps.originOf(parsed.event, parsed.data), nowMs: deps.now() } : undefined;
  const recorded = await deps.inbox.record(webhookId, parsed.event, at, firstReceived, writer);
  if (mark) mark.recorded = true;
  if (recorded.status === "seen") return { kind: "already-synced", webhookId, note: recorded.note };
  if (!recorded.inserted && recorded.status !== "received") {
    return { kind: "duplicate", webhookId, status: recorded.status };
  }
  if (await deps.hold?.())
    return { kind: "accepted", webhookId, resent: !recorded.inserted, inline: false, held: true };
  // Most likely the echo of that run's write: the sweep settles it once the run has committed (no call, no message).
  if (recorded.inserted && recorded.writing) {
    return { kind: "accepted", webhookId, resent: false, inline: false, leftToWriter: true };
  }
  if (deps.inline?.(webhookId, parsed.event, parsed.data)) {
    return { kind: "accepted", webhookId, resent: !recorded.inserted, inline: true };
  }
  try {
    await deps.queue.send(webshopEventMessage(webhookId, parsed.event), SEND_OPTIONS);
  } catch (error) {
    return { kind: "queue-unavailable", webhookId, cause: error instanceof Error ? error.message : String(error) };
  }
  try {
    await deps.inbox.markQueued([webhookId], at);
  } catch (error) {
    // The event is durably on the queue, which is what the shop waits for. The row stays 'received', so the cron
    // sweep sends it once more; the consumer's checks make that second message a no-op.
    console.warn(`webhook ${webhookId} is queued but could not be marked so (the sweep will re-send it):`, error);
  }
  return { kind: "accepted", webhookId, resent: !recorded.inserted, inline: false };
}
