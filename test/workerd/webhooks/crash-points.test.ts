/**
 * D1 and the queue cannot commit together. These tests stop intake at each point between the two (by failing the
 * queue send or the D1 statement there) and show that the event is neither lost nor handed off twice.
 */

import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../worker/http/app";
import { consumeSyncBatch } from "../../../worker/jobs/consumer";
import type { SyncMessage } from "../../../worker/messages/message";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";
import { consumeBatch, setupConsumer } from "./consumer-harness";
import {
  cronWorker,
  eventBody,
  failingD1,
  inboxRow,
  recordingQueue,
  signedRequest,
  testEnv,
  uniqueId,
} from "./helpers";

const isMarkQueued = (sql: string) => sql.includes("SET status = 'queued'");
const isInsert = (sql: string) => sql.includes("INSERT OR IGNORE INTO webhook_inbox");

/** Runs the worker's cron entry at `at` with `queue` as the sync queue. */
async function cron(at: number, queue: Queue<unknown>) {
  const controller = createScheduledController({ scheduledTime: new Date(at), cron: "* * * * *" });
  await cronWorker.scheduled(controller, testEnv({ SYNC_QUEUE: queue }));
}

/** A shop with one customer and the signed request announcing its change. */
async function customerChanged() {
  const consumer = setupConsumer();
  const customer = consumer.seed.customer({ kind: "company", name: "Krasj AS" });
  const id = uniqueId();
  const body = eventBody("customer.updated", { id: customer.id, version: customer.version });
  return { ...consumer, customer, id, request: () => signedRequest({ id, body }) };
}

const mine = (sent: SyncMessage[], id: string) => sent.filter((m) => m.kind === "webshop-event" && m.webhookId === id);

describe("crash point: inbox row inserted, queue send failed", () => {
  it("answers 503 and leaves the row 'received'; the shop's retry then enqueues it, and it is handed off once", async () => {
    const { id, request, consume, handOffs, customer } = await customerChanged();
    const recorder = recordingQueue();
    recorder.state.failSends = 1;
    const env1 = testEnv({ SYNC_QUEUE: recorder.queue });

    const failed = await app.request(await request(), undefined, env1);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("Retry-After")).toBe("30");
    expect(await failed.json()).toEqual({ error: { code: "queue_unavailable", message: expect.any(String) } });
    expect(await inboxRow(id)).toMatchObject({ status: "received", queued_at: null });
    expect(recorder.sent).toEqual([]);

    const retried = await app.request(await request(), undefined, env1);
    expect(retried.status).toBe(202);
    expect(recorder.sent).toHaveLength(1);
    expect((await inboxRow(id))?.status).toBe("queued");

    // A later repeat changes nothing.
    expect((await app.request(await request(), undefined, env1)).status).toBe(200);
    expect(recorder.sent).toHaveLength(1);

    await consume(recorder.sent.map((body) => ({ body })));
    expect(handOffs).toEqual([{ kind: "changed", resource: "customers", id: customer.id, version: 1 }]);
  });

  it("is enqueued by the cron sweep when the shop never retries, but not before it is a minute old", async () => {
    const { id, request, consume, handOffs } = await customerChanged();
    const failing = recordingQueue();
    failing.state.failSends = 1;
    const received = Date.now();
    expect((await app.request(await request(), undefined, testEnv({ SYNC_QUEUE: failing.queue }))).status).toBe(503);

    const sweep = recordingQueue();
    await cron(received + 55_000, sweep.queue);
    expect(mine(sweep.sent, id)).toEqual([]);
    expect((await inboxRow(id))?.status).toBe("received");

    await cron(received + 61_000, sweep.queue);
    expect(mine(sweep.sent, id)).toHaveLength(1);
    expect((await inboxRow(id))?.status).toBe("queued");

    await cron(received + 121_000, sweep.queue);
    expect(mine(sweep.sent, id)).toHaveLength(1);

    await consume(mine(sweep.sent, id).map((body) => ({ body })));
    expect(handOffs).toHaveLength(1);
  });

  it("keeps the row 'received' when the sweep's send fails too, and the cron run fails visibly", async () => {
    const { id, request } = await customerChanged();
    const failing = recordingQueue();
    failing.state.failSends = 2;
    expect((await app.request(await request(), undefined, testEnv({ SYNC_QUEUE: failing.queue }))).status).toBe(503);
    await expect(cron(Date.now() + 120_000, failing.queue)).rejects.toThrow(/Queue send failed/);
    expect((await inboxRow(id))?.status).toBe("received");
  });
});

describe("crash point: queue send done, marking the row 'queued' failed", () => {
  it("answers 202 (the event is on the queue); the sweep sends it again and the consumer hands it off once", async () => {
    const { id, request, consume, handOffs, shop } = await customerChanged();
    const recorder = recordingQueue();
    const broken = testEnv({ SYNC_QUEUE: recorder.queue, DB: failingD1(env.DB, isMarkQueued) });

    const res = await app.request(await request(), undefined, broken);
    expect(res.status).toBe(202);
    expect(recorder.sent).toHaveLength(1);
    expect((await inboxRow(id))?.status).toBe("received");

    // The shop repeats the delivery meanwhile (it may; D1 still fails the mark): the row is still 'received', so it
    // is sent once more; then the cron sweep finds the row stranded and sends it a third time.
    expect((await app.request(await request(), undefined, broken)).status).toBe(202);
    expect((await inboxRow(id))?.status).toBe("received");
    await cron(Date.now() + 120_000, recorder.queue);
    expect((await inboxRow(id))?.status).toBe("queued");
    expect(mine(recorder.sent, id)).toHaveLength(3);

    // Three deliveries of one event: the first is handed off, the others see the row processed.
    const deliveries = mine(recorder.sent, id);
    await consume([{ body: deliveries[0] }]);
    await consume(deliveries.slice(1).map((body) => ({ body })));
    expect(handOffs).toHaveLength(1);
    expect(shop.requests.filter((r) => r.method === "GET")).toHaveLength(1);
    expect((await inboxRow(id))?.status).toBe("processed");
  });

  it("does not move a row the consumer already processed back to 'queued' (the consumer won the race)", async () => {
    const { id, request, consume, handOffs } = await customerChanged();
    const recorder = recordingQueue();
    recorder.state.onSend = async (message) => {
      await consume([{ body: message }]);
    };
    expect((await app.request(await request(), undefined, testEnv({ SYNC_QUEUE: recorder.queue }))).status).toBe(202);
    expect(handOffs).toHaveLength(1);
    expect((await inboxRow(id))?.status).toBe("processed");
    await cron(Date.now() + 120_000, recordingQueue().queue);
    expect((await inboxRow(id))?.status).toBe("processed");
  });
});

describe("crash point: the inbox insert itself failed", () => {
  it("answers 500, sends nothing and records nothing, so the shop's retry starts afresh", async () => {
    const { id, request } = await customerChanged();
    const recorder = recordingQueue();
    const res = await app.request(
      await request(),
      undefined,
      testEnv({ SYNC_QUEUE: recorder.queue, DB: failingD1(env.DB, isInsert) }),
    );
    expect(res.status).toBe(500);
    expect(recorder.sent).toEqual([]);
    expect(await inboxRow(id)).toBeNull();
    expect((await app.request(await request(), undefined, testEnv({ SYNC_QUEUE: recorder.queue }))).status).toBe(202);
    expect(recorder.sent).toHaveLength(1);
  });
});

describe("crash point: the consumer handed off but could not mark the row processed", () => {
  it("retries the message, so nothing is lost; the sink then sees the same version again (at least once)", async () => {
    const { id, request, deps, consume, handOffs, customer } = await customerChanged();
    const recorder = recordingQueue();
    expect((await app.request(await request(), undefined, testEnv({ SYNC_QUEUE: recorder.queue }))).status).toBe(202);
    const isMarkProcessed = (sql: string) => sql.includes("SET status = 'processed'");
    const broken = { ...deps, inbox: d1WebhookInbox(failingD1(env.DB, isMarkProcessed)) };

    const first = await consumeBatch([{ body: recorder.sent[0] }], (batch) => consumeSyncBatch(batch, broken));
    expect(first.retried).toHaveLength(1);
    expect(await inboxRow(id)).toMatchObject({
      status: "queued",
      note: expect.stringMatching(/D1 (batch )?failed \(injected\)/),
    });

    const second = await consume([{ body: recorder.sent[0], attempts: 2 }]);
    expect(second.explicitAcks).toEqual(second.ids);
    expect((await inboxRow(id))?.status).toBe("processed");
    const handOff = { kind: "changed", resource: "customers", id: customer.id, version: 1 };
    expect(handOffs).toEqual([handOff, handOff]);
  });
});
