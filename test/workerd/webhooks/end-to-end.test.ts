/**
 * The reference webshop delivers real signed webhooks to the worker's app; the queue messages intake produced are
 * then consumed, reading from the same shop. Delivery faults (duplicates, newest first) must not change the outcome.
 */

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../../worker/http/app";
import { consumeSyncBatch } from "../../../worker/jobs/consumer";
import { buildConsumerDeps } from "../../../worker/jobs/consumer-deps";
import type { SyncMessage } from "../../../worker/messages/message";
import { createReferenceWebshop, type ReferenceWebshop } from "../../sim/webshop";
import { simFetch } from "../sim-fetch";
import { consumeBatch, NO_WAIT, recordingSink } from "./consumer-harness";
import { inboxRow, recordingQueue, SECRET, testEnv, uniqueId, WEBHOOK_URL } from "./helpers";

function connectedShop(mode: "manual" | "immediate") {
  const queue = recordingQueue();
  const workerEnv = testEnv({ SYNC_QUEUE: queue.queue });
  const answers: Array<{ id: string; status: number }> = [];
  const shop: ReferenceWebshop = createReferenceWebshop({
    webhooks: {
      url: WEBHOOK_URL,
      secret: SECRET,
      mode,
      deliver: async (request) => {
        const response = await app.request(request, undefined, workerEnv);
        answers.push({ id: request.headers.get("webhook-id") ?? "", status: response.status });
        return response;
      },
    },
  });
  const recorder = recordingSink();
  const deps = buildConsumerDeps(env, {
    fetch: simFetch({ "webshop.sim": shop }),
    sync: recorder.sink,
    sleep: NO_WAIT,
  });
  let drained = 0;
  /** Consumes every message queued since the last drain, in the order intake sent them. */
  async function drain() {
    const messages: SyncMessage[] = queue.sent.slice(drained);
    drained = queue.sent.length;
    const result = await consumeBatch(
      messages.map((body) => ({ body })),
      (batch) => consumeSyncBatch(batch, deps),
    );
    expect(result.explicitAcks).toEqual(result.ids);
  }
  const api = (method: string, path: string, body?: unknown) =>
    shop.fetch(
      new Request(`https://webshop.sim/api${path}`, {
        method,
        headers: {
          Authorization: "Bearer test-webshop-token",
          "Content-Type": "application/json",
          ...(method === "POST" ? { "Idempotency-Key": crypto.randomUUID() } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
  return { shop, api, answers, sent: queue.sent, handOffs: recorder.handOffs, drain };
}

describe("end to end: reference webshop → POST /webhooks/webshop → queue → consumer", () => {
  it("with duplicate and newest-first delivery, each record's newest state is handed off once", async () => {
    const { shop, api, answers, sent, handOffs, drain } = connectedShop("manual");
    const product = shop.seed.product({ id: uniqueId("prd"), sku: "E2E-1", name: "Kaffe" });
    const doomed = shop.seed.customer({ id: uniqueId("cus"), kind: "company", name: "Borte AS" });
    const created = (await (await api("POST", "/customers", { kind: "company", name: "Ny AS" })).json()) as {
      id: string;
    };
    expect((await api("PATCH", `/customers/${created.id}`, { phone: "+47 22 33 44 55" })).status).toBe(200);
    shop.edit("products", product.id, { name: "Kaffe, mørk" });
    shop.edit("products", product.id, { price: "129.00" });
    shop.remove("customers", doomed.id);
    shop.webhookFaults.set({ duplicate: true, outOfOrder: true });

    await shop.webhooks.flush();

    const events = shop.webhooks.sent;
    expect(events.map((e) => e.type)).toEqual([
      "customer.created",
      "customer.updated",
      "product.updated",
      "product.updated",
      "customer.deleted",
    ]);
    // Delivered newest first, each twice: accepted, then recognised as a duplicate.
    expect(answers.map((a) => a.id)).toEqual(events.flatMap((e) => [e.id, e.id]).reverse());
    for (const event of events) {
      expect(answers.filter((a) => a.id === event.id).map((a) => a.status)).toEqual([202, 200]);
      expect((await inboxRow(event.id))?.status).toBe("queued");
    }
    expect(sent.map((m) => m.webhookId)).toEqual(events.map((e) => e.id).reverse());

    await drain();

    expect(handOffs).toHaveLength(3);
    expect(handOffs).toEqual(
      expect.arrayContaining([
        { kind: "changed", resource: "customers", id: created.id, version: 2 },
        { kind: "changed", resource: "products", id: product.id, version: 3 },
        { kind: "deleted", resource: "customers", id: doomed.id },
      ]),
    );
    const outcomes = await Promise.all(events.map(async (e) => (await inboxRow(e.id))?.outcome));
    expect(outcomes.filter((o) => o === "skipped")).toHaveLength(2);
    expect(outcomes.every((o) => o !== null)).toBe(true);
  });

  it("with the faults on and changes consumed as they come, there is one hand-off per change", async () => {
    const { shop, handOffs, drain, answers } = connectedShop("immediate");
    const product = shop.seed.product({ id: uniqueId("prd"), sku: "E2E-2", name: "Te" });
    shop.webhookFaults.set({ duplicate: true, outOfOrder: true });
    for (const name of ["Te, grønn", "Te, svart", "Te, hvit"]) {
      shop.edit("products", product.id, { name });
      await shop.webhooks.flush();
      await drain();
    }
    expect(handOffs).toEqual(
      [2, 3, 4].map((version) => ({ kind: "changed", resource: "products", id: product.id, version })),
    );
    expect(answers.map((a) => a.status)).toEqual([202, 200, 202, 200, 202, 200]);
  });
});
