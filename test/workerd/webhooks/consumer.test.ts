import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import worker from "../../../worker/index";
import { consumeSyncBatch, MAX_ATTEMPTS } from "../../../worker/jobs/consumer";
import { buildConsumerDeps } from "../../../worker/jobs/consumer-deps";
import { d1DeadLetters } from "../../../worker/messages/dead-letters";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";
import { createPowerOfficeSim } from "../../sim/poweroffice";
import { markFirstSyncDone } from "../first-sync-done";
import { simFetch } from "../sim-fetch";
import {
  consumeBatch,
  NO_WAIT,
  QUEUE_NAME,
  queuedEvent,
  SHOP_HOST,
  type SyncMessage,
  setupConsumer,
} from "./consumer-harness";
import { deadLettersFor, failingD1, inboxRow, recordingQueue, testEnv, uniqueId } from "./helpers";

const shopGets = (shop: { requests: Array<{ method: string; path: string }> }) =>
  shop.requests.filter((r) => r.method === "GET").map((r) => r.path);

describe("queue consumer: reading the shop's current record", () => {
  it("hands off the record as the shop has it now, not the (stale) version the event named", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Fjordbygg AS" });
    shop.edit("customers", customer.id, { phone: "+47 55 12 34 56" });
    shop.edit("customers", customer.id, { website: "https://fjordbygg.no" });
    const message = await queuedEvent("customers", customer.id, 1);

    const result = await consume([{ body: message }]);

    expect(shopGets(shop)).toEqual([`/api/customers/${customer.id}`]);
    expect(handOffs).toEqual([{ kind: "changed", resource: "customers", id: customer.id, version: 3 }]);
    expect(result.explicitAcks).toEqual(result.ids);
    expect(result.retried).toEqual([]);
    expect(await inboxRow(message.webhookId)).toMatchObject({
      status: "processed",
      outcome: "changed",
      handled_version: 3,
      processed_at: expect.any(String),
    });
  });

  it("hands off a deletion when the shop answers 404", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const product = seed.product({ sku: "KAFFE-1" });
    shop.remove("products", product.id);
    const message = await queuedEvent("products", product.id, 2, "product.deleted");

    const result = await consume([{ body: message }]);

    expect(handOffs).toEqual([{ kind: "deleted", resource: "products", id: product.id }]);
    expect(result.explicitAcks).toEqual(result.ids);
    expect(await inboxRow(message.webhookId)).toMatchObject({ status: "processed", outcome: "deleted" });
  });

  it("hands each record to the sync engine when no other sink is given (the default sink)", async () => {
    const { shop, seed } = setupConsumer();
    const poweroffice = createPowerOfficeSim({ rateLimitPerSecond: 0 });
    const deps = buildConsumerDeps(env, {
      fetch: simFetch({ [SHOP_HOST]: shop, "poweroffice.sim": poweroffice }),
      sleep: NO_WAIT,
    });
    const sku = uniqueId("SKU").toUpperCase();
    const product = seed.product({ sku, name: "Kaffe fra webhook", price: "89.00" });
    const message = await queuedEvent("products", product.id, 1);
    await markFirstSyncDone();

    const result = await consumeBatch([{ body: message }], (batch) => consumeSyncBatch(batch, deps));

    expect(result.explicitAcks).toEqual(result.ids);
    // Settled: the product's link has seen the event's version (and the one read), so the row is deleted, not kept
    // 'processed' for a week. The same event recorded again meets intake's guard and writes nothing.
    expect(await inboxRow(message.webhookId)).toBeNull();
    const again = await d1WebhookInbox(env.DB).record(
      message.webhookId,
      { type: "product.updated", resource: "products", id: product.id, version: 1 },
      new Date().toISOString(),
    );
    expect(again).toMatchObject({ inserted: false, status: "seen" });
    expect(await inboxRow(message.webhookId)).toBeNull();
    expect(poweroffice.list("products")).toEqual([
      expect.objectContaining({ Code: sku, Name: "Kaffe fra webhook", UnitPrice: 89 }),
    ]);
    const link = await env.DB.prepare("SELECT state, webshop_id FROM links WHERE webshop_id = ?")
      .bind(product.id)
      .first();
    expect(link).toEqual({ state: "linked", webshop_id: product.id });
  });
});

describe("queue consumer: one read of the shop per event", () => {
  it("reads the record once and hands the engine what it read: a product, a customer, then their deletions", async () => {
    const { shop, seed } = setupConsumer();
    const poweroffice = createPowerOfficeSim({ rateLimitPerSecond: 0 });
    const deps = () =>
      buildConsumerDeps(env, {
        fetch: simFetch({ [SHOP_HOST]: shop, "poweroffice.sim": poweroffice }),
        sleep: NO_WAIT,
      });
    const run = async (message: SyncMessage) => {
      const from = shop.requests.length;
      const result = await consumeBatch([{ body: message }], (batch) => consumeSyncBatch(batch, deps()));
      expect(result.explicitAcks).toEqual(result.ids);
      return shop.requests.slice(from);
    };
    const readsOf = (requests: Array<{ method: string; path: string }>, path: string) =>
      requests.filter((r) => r.method === "GET" && r.path === path);

    const product = seed.product({ sku: uniqueId("SKU").toUpperCase(), name: "Kaffe, lest én gang", price: "59.00" });
    const customer = seed.customer({ kind: "company", name: `Lest Én Gang AS ${uniqueId()}` });
    const productPath = `/api/products/${product.id}`;
    await markFirstSyncDone();
    const customerPath = `/api/customers/${customer.id}`;

    expect(readsOf(await run(await queuedEvent("products", product.id, 1)), productPath)).toHaveLength(1);
    expect(readsOf(await run(await queuedEvent("customers", customer.id, 1)), customerPath)).toHaveLength(1);
    expect(poweroffice.list("products").some((p) => p.Name === "Kaffe, lest én gang")).toBe(true);

    shop.remove("products", product.id);
    shop.remove("customers", customer.id);
    const productGone = await queuedEvent("products", product.id, 2, "product.deleted");
    const customerGone = await queuedEvent("customers", customer.id, 2, "customer.deleted");
    expect(readsOf(await run(productGone), productPath)).toHaveLength(1);
    expect(readsOf(await run(customerGone), customerPath)).toHaveLength(1);
    expect(await inboxRow(productGone.webhookId)).toMatchObject({ status: "processed", outcome: "deleted" });
    expect(await inboxRow(customerGone.webhookId)).toMatchObject({ status: "processed", outcome: "deleted" });
  });
});

describe("queue consumer: duplicates and order", () => {
  it("hands off once when the same message is in a batch twice", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Acme AS" });
    const message = await queuedEvent("customers", customer.id, 1);

    const result = await consume([{ body: message }, { body: message }]);

    expect(handOffs).toHaveLength(1);
    expect(result.explicitAcks).toEqual(result.ids);
    expect(shopGets(shop)).toHaveLength(1);
  });

  it("does nothing, not even a read, for a message whose event is already processed (a later double send)", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Acme AS" });
    const message = await queuedEvent("customers", customer.id, 1);
    await consume([{ body: message }]);
    const again = await consume([{ body: message }]);
    expect(handOffs).toHaveLength(1);
    expect(again.explicitAcks).toEqual(again.ids);
    expect(shopGets(shop)).toHaveLength(1);
  });

  it("never hands off a version twice, nor an older one after a newer, whatever order events come in", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const product = seed.product({ sku: "TE-1" });
    const v2 = shop.edit("products", product.id, { name: "Te, grønn" });
    const e2 = await queuedEvent("products", product.id, v2.version);
    const v3 = shop.edit("products", product.id, { price: "49.00" });
    const e3 = await queuedEvent("products", product.id, v3.version);

    await consume([{ body: e3 }]);
    await consume([{ body: e2 }]);

    expect(handOffs).toEqual([{ kind: "changed", resource: "products", id: product.id, version: 3 }]);
    expect(await inboxRow(e2.webhookId)).toMatchObject({
      status: "processed",
      outcome: "skipped",
      note: expect.stringMatching(/version 3 of products\/.* was handed off already/),
    });
  });

  it("hands off each version once when events are processed as changes happen", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const product = seed.product({ sku: "TE-2" });
    for (const name of ["Te 2", "Te 3", "Te 4"]) {
      const changed = shop.edit("products", product.id, { name });
      const event = await queuedEvent("products", product.id, changed.version);
      await consume([{ body: event }, { body: event }]);
    }
    expect(handOffs.map((h) => (h.kind === "changed" ? h.version : null))).toEqual([2, 3, 4]);
  });

  it("hands a deletion off once for two delete events of one record", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Borte AS" });
    shop.remove("customers", customer.id);
    const first = await queuedEvent("customers", customer.id, 1, "customer.deleted");
    const second = await queuedEvent("customers", customer.id, 1, "customer.deleted");
    await consume([{ body: first }, { body: second }]);
    expect(handOffs).toEqual([{ kind: "deleted", resource: "customers", id: customer.id }]);
  });

  it("processes a message whose inbox row was already pruned (e.g. a dead letter replayed weeks later)", async () => {
    const { seed, consume, handOffs } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Gammel AS" });
    const result = await consume([
      {
        body: {
          v: 1,
          kind: "webshop-event",
          webhookId: uniqueId(),
          resource: "customers",
          id: customer.id,
          version: 1,
        },
      },
    ]);
    expect(handOffs).toHaveLength(1);
    expect(result.explicitAcks).toEqual(result.ids);
  });
});

describe("queue consumer: failures are retried with growing delays, then dead-lettered", () => {
  it("retries a shop 5xx with growing delays and dead-letters it after MAX_ATTEMPTS; a replay then succeeds", async () => {
    const { shop, seed, consume, handOffs, deps } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Nede AS" });
    shop.faults.add({ kind: "status", status: 503, path: /\/customers\//, times: Number.POSITIVE_INFINITY });
    const message = await queuedEvent("customers", customer.id, 1);
    const queueMessageId = uniqueId("qmsg");

    const delays: number[] = [];
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) {
      const result = await consume([{ body: message, attempts, id: queueMessageId }]);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retried).toHaveLength(1);
      delays.push(result.retried[0]?.delaySeconds ?? 0);
      expect(await inboxRow(message.webhookId)).toMatchObject({
        status: "queued",
        note: expect.stringContaining(`attempt ${attempts} failed`),
      });
    }
    expect(delays).toEqual([30, 120, 480, 1920]);
    expect(await deadLettersFor([queueMessageId])).toEqual([]);

    const last = await consume([{ body: message, attempts: MAX_ATTEMPTS, id: queueMessageId }]);
    expect(last.explicitAcks).toEqual([queueMessageId]);
    expect(last.retried).toEqual([]);
    const [letter] = await deadLettersFor([queueMessageId]);
    expect(letter).toMatchObject({
      kind: "webshop-event",
      attempts: MAX_ATTEMPTS,
      reason: expect.stringMatching(/^Gave up after 5 attempts: The webshop failed with HTTP 503 on GET \/customers\//),
      replayed_at: null,
    });
    expect(JSON.parse(letter!.body)).toEqual(message);
    expect((await inboxRow(message.webhookId))?.status).toBe("dead-lettered");
    expect(handOffs).toEqual([]);

    // The shop is back; an admin replays the dead letter: the same message goes on the queue once.
    shop.faults.clear();
    const recorder = recordingQueue();
    const replayed = await deps.deadLetters.replay(letter!.id, recorder.queue, new Date().toISOString());
    expect(replayed.ok).toBe(true);
    expect(recorder.sent).toEqual([message]);
    const twice = await d1DeadLetters(env.DB).replay(letter!.id, recorder.queue, new Date().toISOString());
    expect(twice).toMatchObject({ ok: false, reason: "already-replayed" });
    expect(recorder.sent).toHaveLength(1);
    await consume([{ body: recorder.sent[0] }]);
    expect(handOffs).toEqual([{ kind: "changed", resource: "customers", id: customer.id, version: 1 }]);
    expect((await inboxRow(message.webhookId))?.status).toBe("processed");
  });

  it("waits at least as long as a 429's Retry-After", async () => {
    const { shop, seed, consume } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Travel AS" });
    shop.faults.add({ kind: "status", status: 429, retryAfterSeconds: 600, path: /\/customers\// });
    const result = await consume([{ body: await queuedEvent("customers", customer.id, 1) }]);
    expect(result.retried).toEqual([{ id: result.ids[0], delaySeconds: 600 }]);
  });

  it("retries a lost connection and a record that breaks the contract", async () => {
    const { shop, seed, consume, handOffs } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Ustabil AS" });
    shop.faults.add({ kind: "drop-before-commit", path: /\/customers\//, times: Number.POSITIVE_INFINITY });
    const message = await queuedEvent("customers", customer.id, 1);
    const lost = await consume([{ body: message }]);
    expect(lost.retried).toHaveLength(1);
    expect((await inboxRow(message.webhookId))?.note).toMatch(/did not answer GET .*Network connection lost/);

    const broken = setupConsumer();
    const brokenCustomer = broken.seed.customer({ kind: "company", name: "Rar AS" });
    const deps = buildConsumerDeps(env, {
      fetch: async () => Response.json({ ...brokenCustomer, version: "two" }),
      sync: broken.deps.sync,
      sleep: NO_WAIT,
    });
    const event = await queuedEvent("customers", brokenCustomer.id, 1);
    const result = await consumeBatch([{ body: event }], (batch) => consumeSyncBatch(batch, deps));
    expect(result.retried).toHaveLength(1);
    expect((await inboxRow(event.webhookId))?.note).toMatch(/The webshop's customer .*version/);
    expect(broken.handOffs).toEqual([]);
    expect(handOffs).toEqual([]);
  });

  it("retries when the sync core fails, and hands off once when it recovers", async () => {
    const { seed, consume, handOffs, sinkState } = setupConsumer();
    const customer = seed.customer({ kind: "company", name: "Snart AS" });
    const message = await queuedEvent("customers", customer.id, 1);
    sinkState.failNext = 1;
    const failed = await consume([{ body: message }]);
    expect(failed.retried).toHaveLength(1);
    expect((await inboxRow(message.webhookId))?.note).toMatch(/Unexpected error: the sync core failed/);
    const retried = await consume([{ body: message, attempts: 2 }]);
    expect(retried.explicitAcks).toEqual(retried.ids);
    expect(handOffs).toHaveLength(1);
  });
});

describe("queue consumer: messages it cannot read are dead-lettered at once", () => {
  it("dead-letters each with its reason and acks it, without retrying or calling the shop", async () => {
    const { shop, consume, handOffs } = setupConsumer();
    const bodies = [
      { v: 2, kind: "webshop-event", webhookId: "w", resource: "customers", id: "c", version: 1 },
      { v: 1, kind: "poweroffice-page", page: 3 },
      { v: 1, kind: "webshop-event", webhookId: "w", resource: "invoices", id: "c", version: 1 },
      "not an object",
    ];
    const result = await consume(bodies.map((body) => ({ body })));
    expect(result.explicitAcks).toEqual(result.ids);
    expect(result.retried).toEqual([]);
    const letters = await deadLettersFor(result.ids);
    expect(letters.map((l) => [l.kind, l.attempts])).toEqual([
      ["webshop-event", 1],
      ["poweroffice-page", 1],
      ["webshop-event", 1],
      [null, 1],
    ]);
    expect(letters[0]?.reason).toMatch(/not one the consumer knows: v: Invalid type: Expected 1 but received 2/);
    expect(letters[1]?.reason).toMatch(
      /kind: Invalid type: Expected \("webshop-event" \| "poll" \| "retry" \| "push" \| "reconcile" \| "gone-orders"\) but received "poweroffice-page"/,
    );
    expect(letters[2]?.reason).toMatch(/resource: Invalid type/);
    expect(JSON.parse(letters[3]!.body)).toBe("not an object");
    expect(shop.requests).toEqual([]);
    expect(handOffs).toEqual([]);
  });

  it("retries instead of acking when even the dead letter cannot be stored", async () => {
    const deps = buildConsumerDeps(testEnv({ DB: failingD1(env.DB, (sql) => sql.includes("INTO dead_letters")) }));
    const result = await consumeBatch([{ body: { kind: "nonsense" } }], (batch) => consumeSyncBatch(batch, deps));
    expect(result.explicitAcks).toEqual([]);
    expect(result.retried).toEqual([{ id: result.ids[0], delaySeconds: 30 }]);
    expect(await deadLettersFor(result.ids)).toEqual([]);
  });

  it("replays only a letter that exists, was not replayed, and holds a message the consumer can read", async () => {
    const store = d1DeadLetters(env.DB);
    const recorder = recordingQueue();
    const at = new Date().toISOString();
    expect(await store.replay(987654321, recorder.queue, at)).toMatchObject({ ok: false, reason: "not-found" });
    const unreadable = await store.add(
      { queueMessageId: uniqueId("qmsg"), kind: null, body: { hello: 1 }, reason: "test", attempts: 1 },
      at,
    );
    expect(await store.replay(unreadable, recorder.queue, at)).toMatchObject({ ok: false, reason: "not-replayable" });
    expect(recorder.sent).toEqual([]);
    expect((await store.list()).some((letter) => letter.id === unreadable)).toBe(true);
  });

  it("gets messages from the real queue binding through the worker's queue entry", async () => {
    const kind = uniqueId("probe");
    await env.SYNC_QUEUE.send({ v: 1, kind }, { contentType: "json" });
    const letter = async () =>
      (await env.DB.prepare("SELECT kind, reason FROM dead_letters WHERE kind = ?").bind(kind).first()) ?? undefined;
    await vi.waitFor(async () => expect(await letter()).toBeDefined(), { timeout: 5_000, interval: 50 });
    expect(await letter()).toEqual({ kind, reason: expect.stringContaining("not one the consumer knows") });
  });

  it("does so through the worker's queue entry too", async () => {
    const messageId = uniqueId("qmsg");
    const batch = createMessageBatch<unknown>(QUEUE_NAME, [
      { id: messageId, timestamp: new Date(), attempts: 1, body: { hello: "world" } },
    ]);
    await worker.queue(batch, env);
    const result: { explicitAcks: string[] } = await getQueueResult(batch, createExecutionContext());
    expect(result.explicitAcks).toEqual([messageId]);
    expect(await deadLettersFor([messageId])).toEqual([
      expect.objectContaining({ kind: null, reason: expect.stringContaining("kind: Invalid type") }),
    ]);
  });
});
