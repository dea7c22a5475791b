/**
 * The platform's dead-letter queue: a message that crashes the consumer on every delivery (out of memory, the CPU
 * limit, an error outside its own handling) is retried by the queue max_retries times, then moved to
 * poweroffice-sync-dead; the same worker consumes that queue and records the message in D1 as a dead letter, listed
 * and replayable through /api like the consumer's own.
 */
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { DeadLetterReplayResultSchema, DeadLettersListResponseSchema } from "../../../shared/api/dead-letters";
import { API_PATHS } from "../../../shared/api/paths";
import { createWorker } from "../../../worker/index";
import { type SyncMessage, webshopEventMessage } from "../../../worker/messages/message";
import { type ApiWorld, createApiWorld } from "../http/api/api-world";
import { inboxRow } from "../webhooks/helpers";

/** wrangler.toml: max_retries = 5 on poweroffice-sync-work, so the queue delivers a message 6 times. */
const DELIVERIES = 6;

/** The same worker, but every invocation of it dies before the consumer's own handling can catch anything. */
function crashingWorker(world: ApiWorld) {
  return createWorker({
    now: world.clock.now,
    log: (line) => world.logs.push(line),
    budget: () => {
      throw new Error("Worker exceeded memory limit (simulated)");
    },
  });
}

/** What the platform does: deliver, see the invocation fail, deliver again, then move the message to the DLQ. */
async function crashOnEveryDelivery(world: ApiWorld, body: SyncMessage, id: string) {
  const crashing = crashingWorker(world);
  for (let attempts = 1; attempts <= DELIVERIES; attempts++) {
    const batch = createMessageBatch<unknown>("poweroffice-sync-work", [
      { id, timestamp: new Date(world.clock.now()), attempts, body },
    ]);
    const ctx = createExecutionContext();
    await expect(crashing.queue(batch, world.env, ctx)).rejects.toThrow(/memory limit/);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
  }
}

async function deliverToDeadLetterQueue(world: ApiWorld, queue: string, body: unknown, id: string) {
  const batch = createMessageBatch<unknown>(queue, [{ id, timestamp: new Date(world.clock.now()), attempts: 1, body }]);
  const ctx = createExecutionContext();
  await world.worker.queue(batch, world.env, ctx);
  return getQueueResult(batch, ctx);
}

describe("the platform dead-letter queue", () => {
  it("records a message that crashed the consumer on every delivery; an admin replays it once", async () => {
    const world = await createApiWorld();
    const customer = world.shop.seed.customer({ kind: "company", name: "Krasj AS" });
    const message = webshopEventMessage("msg_crash_1", {
      resource: "customers",
      id: customer.id,
      version: 1,
      type: "customer.updated",
    });
    await crashOnEveryDelivery(world, message, "qcrash1");

    const result = await deliverToDeadLetterQueue(world, "poweroffice-sync-dead", message, "qcrash1");
    expect(result.explicitAcks).toEqual(["qcrash1"]);

    const list = await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters, { token: "read" });
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ kind: "webshop-event", attempts: DELIVERIES, replayable: true });
    expect(list.data[0]!.reason).toMatch(
      /^The queue gave up on this message after 6 deliveries that each crashed the worker .*does not pass the last error on.*qcrash1/,
    );

    const sentBefore = world.queue.sent.length;
    const replayed = await world.ok(DeadLetterReplayResultSchema, "POST", API_PATHS.replayDeadLetter(list.data[0]!.id));
    expect(replayed.deadLetter.replayedAt).not.toBeNull();
    expect(world.queue.sent.slice(sentBefore)).toEqual([message]);
    await world.refused("dead_letter_replayed", "POST", API_PATHS.replayDeadLetter(list.data[0]!.id));
    expect(world.queue.sent.slice(sentBefore)).toEqual([message]);

    // The replayed message now goes through the healthy worker: the customer is synced.
    await world.drainQueue();
    expect((await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters)).data).toEqual([]);
  });

  it("marks the webhook's inbox row dead-lettered, and serves an environment's own DLQ name too", async () => {
    const world = await createApiWorld();
    const message = webshopEventMessage("msg_crash_2", {
      resource: "products",
      id: "p-1",
      version: 3,
      type: "product.updated",
    });
    await world.env.DB.prepare(
      "INSERT INTO webhook_inbox (webhook_id, received_at, event_type, resource, resource_id, version, status) VALUES (?, ?, ?, ?, ?, ?, 'queued')",
    )
      .bind("msg_crash_2", new Date(world.clock.now()).toISOString(), "product.updated", "products", "p-1", 3)
      .run();
    const result = await deliverToDeadLetterQueue(world, "poweroffice-sync-dead-staging", message, "qcrash2");
    expect(result.explicitAcks).toEqual(["qcrash2"]);
    const list = await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters);
    expect(list.data.map((d) => d.kind)).toEqual(["webshop-event"]);
    expect((await inboxRow("msg_crash_2"))?.status).toBe("dead-lettered");
  });

  it("keeps a message it cannot read, as the consumer does, never replayable", async () => {
    const world = await createApiWorld();
    const result = await deliverToDeadLetterQueue(world, "poweroffice-sync-dead", { something: "else" }, "qcrash3");
    expect(result.explicitAcks).toEqual(["qcrash3"]);
    const list = await world.ok(DeadLettersListResponseSchema, "GET", API_PATHS.deadLetters);
    expect(list.data[0]).toMatchObject({ kind: null, replayable: false });
  });

  it("logs one JSON line for the dead-letter batch, naming the message and the webhook it came from", async () => {
    const world = await createApiWorld();
    const message = webshopEventMessage("msg_crash_4", {
      resource: "products",
      id: "p-4",
      version: 1,
      type: "product.updated",
    });
    await deliverToDeadLetterQueue(world, "poweroffice-sync-dead", message, "qcrash4");
    const line = world.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.kind === "queue");
    expect(line).toMatchObject({
      kind: "queue",
      action: "batch poweroffice-sync-dead",
      outcome: "ok",
      counts: { messages: 1, deadLettered: 1 },
      messages: [{ id: "qcrash4", kind: "webshop-event", from: "webhook msg_crash_4", outcome: "dead-lettered" }],
    });
    expect(line!.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
