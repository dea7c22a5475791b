/**
 * Runs the queue consumer inside workerd against the reference webshop (through simFetch) with a sink that records
 * every hand-off, and builds queue messages and inbox rows the way intake would.
 */

import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { Resource } from "../../../shared/webshop";
import { consumeSyncBatch } from "../../../worker/jobs/consumer";
import { buildConsumerDeps } from "../../../worker/jobs/consumer-deps";
import { type SyncMessage, type WebshopEventMessage, webshopEventMessage } from "../../../worker/messages/message";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";
import type { WebshopEventDeps } from "../../../worker/webhooks/process-event";
import { createReferenceWebshop, type ReferenceWebshopOptions } from "../../sim/webshop";
import { simFetch } from "../sim-fetch";
import { uniqueId } from "./helpers";

export const QUEUE_NAME = "poweroffice-sync-work";
export const SHOP_HOST = "webshop.sim";
/** The connector's own retry waits return at once: time does not matter to these tests, only what was tried. */
export const NO_WAIT = async (_ms: number) => {};

export type HandOffRecord =
  | { kind: "changed"; resource: Resource; id: string; version: number }
  | { kind: "deleted"; resource: Resource; id: string };

export function recordingSink() {
  const handOffs: HandOffRecord[] = [];
  const state = { failNext: 0 };
  /** Takes the engine's place: what the consumer hands over, the record it read or null for a deletion. */
  const sink: WebshopEventDeps["sync"] = async (resource, id, record) => {
    if (!record) {
      handOffs.push({ kind: "deleted", resource, id });
      return;
    }
    if (state.failNext > 0) {
      state.failNext -= 1;
      throw new Error("the sync core failed (injected)");
    }
    handOffs.push({ kind: "changed", resource, id: record.id, version: Number(record.marker) });
  };
  return { sink, handOffs, state };
}

export interface Delivery {
  body: unknown;
  /** Default 1. */
  attempts?: number;
  /** Default unique. */
  id?: string;
}

export function setupConsumer(shopOptions: ReferenceWebshopOptions = {}, sinkOverride?: WebshopEventDeps["sync"]) {
  const shop = createReferenceWebshop(shopOptions);
  const recorder = recordingSink();
  // As in production, each batch (an invocation) gets its own dependencies, and with them its own budget.
  const build = () =>
    buildConsumerDeps(env, {
      fetch: simFetch({ [SHOP_HOST]: shop }),
      sync: sinkOverride ?? recorder.sink,
      sleep: NO_WAIT,
    });
  const deps = build();
  /**
   * Every test's shop starts its ids at 000001 while D1 is shared by the tests of a file: seeded records get unique
   * ids, so no test sees another's hand-offs.
   */
  const seed = {
    customer: (p: Parameters<typeof shop.seed.customer>[0]) => shop.seed.customer({ id: uniqueId("cus"), ...p }),
    product: (p: Parameters<typeof shop.seed.product>[0]) => shop.seed.product({ id: uniqueId("prd"), ...p }),
    order: (p: Parameters<typeof shop.seed.order>[0] = {}) => shop.seed.order({ id: uniqueId("ord"), ...p }),
  };
  const consume = (deliveries: Delivery[]) => consumeBatch(deliveries, (batch) => consumeSyncBatch(batch, build()));
  return { shop, seed, deps, consume, handOffs: recorder.handOffs, sinkState: recorder.state };
}

/**
 * One batch through `run`; returns which messages were acked and which retried, with the delay each asked for
 * (getQueueResult does not report delays, so the messages' retry() is observed on the way).
 */
export async function consumeBatch(deliveries: Delivery[], run: (batch: MessageBatch<unknown>) => Promise<void>) {
  const messages = deliveries.map((d) => ({
    id: d.id ?? uniqueId("qmsg"),
    timestamp: new Date(),
    attempts: d.attempts ?? 1,
    body: d.body,
  }));
  const batch = createMessageBatch<unknown>(QUEUE_NAME, messages);
  const delays: Record<string, number | undefined> = {};
  const observed: MessageBatch<unknown> = {
    queue: batch.queue,
    metadata: batch.metadata,
    ackAll: () => batch.ackAll(),
    retryAll: (options) => batch.retryAll(options),
    messages: batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (options?: QueueRetryOptions) => {
        delays[m.id] = options?.delaySeconds;
        m.retry(options);
      },
    })),
  };
  await run(observed);
  // Typed by hand: the Workers runtime types (worker-configuration.d.ts) do not declare FetcherQueueResult.
  const result: { explicitAcks: string[]; retryMessages: Array<{ msgId: string }> } = await getQueueResult(
    batch,
    createExecutionContext(),
  );
  return {
    ids: messages.map((m) => m.id),
    explicitAcks: result.explicitAcks,
    retried: result.retryMessages.map((r) => ({ id: r.msgId, delaySeconds: delays[r.msgId] })),
  };
}

/** An inbox row in state 'queued' and its queue message, as intake leaves them. */
export async function queuedEvent(
  resource: Resource,
  id: string,
  version: number,
  type = `${resource.slice(0, -1)}.updated`,
): Promise<WebshopEventMessage> {
  const webhookId = uniqueId();
  const inbox = d1WebhookInbox(env.DB);
  const at = new Date().toISOString();
  await inbox.record(webhookId, { type: type as never, resource, id, version }, at);
  await inbox.markQueued([webhookId], at);
  return webshopEventMessage(webhookId, { resource, id, version, type });
}

export type { SyncMessage };
