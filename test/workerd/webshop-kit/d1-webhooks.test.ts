/**
 * The kit's webhooks on Cloudflare as a shop runs them: createWebshopApi and createWebhookSender on d1Adapter (real
 * local D1 inside workerd, Web Crypto of workerd), delivering to the WORKER's own intake (POST /webhooks/webshop),
 * which verifies every signature and records each event in its inbox.
 */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { d1Adapter } from "../../../webshop-kit/src/adapters/d1";
import { createWebhookSender, createWebshopApi, deliverInBackground } from "../../../webshop-kit/src/index";
import { app } from "../../../worker/http/app";
import { inboxRow, randomSecret, recordingQueue, SECRET, testEnv, WEBHOOK_URL } from "../webhooks/helpers";

beforeAll(async () => {
  await applyD1Migrations(env.KIT_DB, env.KIT_MIGRATIONS);
});

function shopOnD1(secrets: string[] = [SECRET]) {
  const adapter = d1Adapter(env.KIT_DB);
  const api = createWebshopApi({ adapter, tokens: "d1-token", basePath: "/api" });
  const queue = recordingQueue();
  const answers: { id: string; status: number }[] = [];
  const worker = async (request: Request) => {
    const response = await app.request(request, undefined, testEnv({ SYNC_QUEUE: queue.queue }));
    answers.push({ id: request.headers.get("webhook-id") ?? "", status: response.status });
    return response;
  };
  const sender = createWebhookSender({ adapter, url: WEBHOOK_URL, secrets, fetch: worker });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await api.fetch(
      new Request(`https://shop.example/api${path}`, {
        method,
        headers: {
          authorization: "Bearer d1-token",
          "content-type": "application/json",
          ...(method === "POST" ? { "idempotency-key": crypto.randomUUID() } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as { id: string; version: number };
  };
  return { adapter, sender, call, answers, queued: queue.sent };
}

/** Delivers until nothing is due: the outbox in KIT_DB is shared by this file's tests. */
async function deliverAll(sender: ReturnType<typeof createWebhookSender>) {
  const total = { delivered: 0, retried: 0, failed: 0 };
  for (let run = 0; run < 10; run++) {
    const report = await sender.deliverPending();
    total.delivered += report.delivered;
    total.retried += report.retried;
    total.failed += report.failed;
    if (report.delivered + report.retried + report.failed === 0) break;
  }
  return total;
}

describe("webhooks of the kit on D1, to the worker's intake", () => {
  it("a create, a patch and a delete reach the worker signed and in order; the worker records each once", async () => {
    const shop = shopOnD1();
    await deliverAll(shop.sender);
    shop.answers.length = 0;
    const product = await shop.call("POST", "/products", {
      sku: `D1-HOOK-${Date.now()}`,
      name: "Kaffe",
      price: "89.00",
    });
    await shop.call("PATCH", `/products/${product.id}`, { price: "99.00" });
    await shop.call("DELETE", `/products/${product.id}`);

    expect(await deliverAll(shop.sender)).toEqual({ delivered: 3, retried: 0, failed: 0 });

    expect(shop.answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const rows = await Promise.all(shop.answers.map((a) => inboxRow(a.id)));
    expect(rows.map((r) => [r?.event_type, r?.resource_id, r?.version])).toEqual([
      ["product.created", product.id, 1],
      ["product.updated", product.id, 2],
      ["product.deleted", product.id, 3],
    ]);
    const { results } = await env.KIT_DB.prepare(
      "SELECT state, attempts, next_attempt_at FROM webshop_kit_outbox WHERE record_id = ? ORDER BY seq",
    )
      .bind(product.id)
      .all();
    expect(results).toEqual(Array(3).fill({ state: "delivered", attempts: 1, next_attempt_at: null }));
  });

  it("two runs at once on D1 never deliver one event twice (claims are compare-and-set in D1)", async () => {
    const first = shopOnD1();
    await deliverAll(first.sender);
    first.answers.length = 0;
    for (let n = 0; n < 6; n++) await first.call("POST", "/customers", { kind: "company", name: `Samtidig ${n}` });
    const second = createWebhookSender({
      adapter: d1Adapter(env.KIT_DB),
      url: WEBHOOK_URL,
      secrets: [SECRET],
      fetch: async (request) => {
        first.answers.push({ id: request.headers.get("webhook-id") ?? "", status: 0 });
        return app.request(request, undefined, testEnv({ SYNC_QUEUE: recordingQueue().queue }));
      },
    });
    const [a, b] = await Promise.all([first.sender.deliverPending(), second.deliverPending()]);
    expect(a.delivered + b.delivered).toBe(6);
    const ids = first.answers.map((answer) => answer.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6);
  });

  it("deliverInBackground hands the run to ctx.waitUntil, as a Worker's fetch and scheduled handlers do", async () => {
    const shop = shopOnD1();
    await deliverAll(shop.sender);
    await shop.call("POST", "/customers", { kind: "company", name: "Bakgrunn AS" });
    const waited: Promise<unknown>[] = [];
    deliverInBackground({ waitUntil: (promise) => waited.push(promise) }, shop.sender);
    expect(await waited[0]).toMatchObject({ delivered: 1, failed: 0 });
  });
  // Last: it leaves its event waiting for a retry in the shared outbox.
  it("a worker that knows another secret refuses with 401: the event waits for its retry with the worker's reason", async () => {
    const shop = shopOnD1([randomSecret()]);
    await deliverAll(shopOnD1().sender);
    const customer = await shop.call("POST", "/customers", { kind: "company", name: `Feil Nøkkel ${Date.now()}` });
    expect(await shop.sender.deliverPending()).toMatchObject({ delivered: 0, retried: 1 });
    const row = await env.KIT_DB.prepare(
      "SELECT state, attempts, last_error FROM webshop_kit_outbox WHERE record_id = ?",
    )
      .bind(customer.id)
      .first<{ state: string; attempts: number; last_error: string }>();
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row!.last_error).toMatch(new RegExp(`^${WEBHOOK_URL} answered 401: .*signature`));
  });
});
