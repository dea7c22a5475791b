import { afterEach, describe, expect, it, vi } from "vitest";
import type { ReferenceWebshopOptions } from "./index";
import { SECRET, testShop } from "./test-client";

type Webhooks = NonNullable<ReferenceWebshopOptions["webhooks"]>;

/** A receiver that answers the given statuses in turn (then 204); "throw" is a network failure. */
function receiver(answers: (number | "throw")[] = []) {
  const got: { id: string; type: string; version: number; timestamp: string }[] = [];
  const deliver = async (request: Request) => {
    const answer = answers.shift() ?? 204;
    if (answer === "throw") throw new TypeError("fetch failed");
    const body = JSON.parse(await request.text());
    got.push({
      id: request.headers.get("webhook-id")!,
      type: body.type,
      version: body.data.version,
      timestamp: request.headers.get("webhook-timestamp")!,
    });
    return new Response(null, { status: answer });
  };
  return { got, deliver };
}

function shopWith(webhooks: Partial<Webhooks>) {
  return testShop({ webhooks: { url: "https://worker.test/webhooks/webshop", secret: SECRET, ...webhooks } });
}

afterEach(() => {
  vi.useRealTimers();
});

/** Fake timers for the backoff, but real setImmediate: WebCrypto signing settles outside the microtask queue. */
function fakeTimers() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
}

/** Waits (on real setImmediate turns, not fake time) until the condition holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error("condition never held");
}

describe("webhook events", () => {
  it("one event per change, through the API and the admin, with the whole object; none for seeds or no-ops", async () => {
    const { got, deliver } = receiver();
    const { shop, api } = shopWith({ deliver, mode: "manual" });
    const seeded = shop.seed.customer({ kind: "company", name: "Seeded AS" });
    const created = await api.post("/customers", { kind: "person", first_name: "Ola", last_name: "Nordmann" });
    await api.patch(`/customers/${created.json.id}`, { phone: "1" });
    await api.patch(`/customers/${created.json.id}`, { phone: "1" });
    shop.edit("customers", seeded.id, { active: false });
    shop.remove("customers", seeded.id);
    await api.post("/orders", { customer_id: created.json.id });
    expect(shop.webhooks.pending()).toBe(5);
    await shop.webhooks.flush();
    // `sent` is in change order; delivery keeps each record's events in order, and a run takes the first pending
    // event of every record before their later ones (the kit's sender reads the due events in batches).
    expect(shop.webhooks.sent.map((w) => w.type)).toEqual([
      "customer.created",
      "customer.updated",
      "customer.updated",
      "customer.deleted",
      "order.created",
    ]);
    expect(got.map((e) => `${e.type} v${e.version}`)).toEqual([
      "customer.created v1",
      "customer.updated v2",
      "order.created v1",
      "customer.updated v2",
      "customer.deleted v3",
    ]);
    // A deletion moves the version on like every write; the record is gone, so data names it: {id, version}.
    const deleted = JSON.parse(shop.webhooks.sent[3]!.body);
    expect(deleted.data).toEqual({ id: seeded.id, version: 3 });
    const updated = JSON.parse(shop.webhooks.sent[1]!.body);
    expect(updated.timestamp).toBe(updated.data.updated_at);
    expect(shop.webhooks.sent.every((w) => w.state === "delivered" && w.attempts === 1 && w.status === 204)).toBe(true);
    expect(shop.webhooks.pending()).toBe(0);
  });

  it("immediate mode sends right after the change without holding up the API call", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const { shop, api } = shopWith({
      deliver: async (request) => {
        seen.push(request.headers.get("webhook-id")!);
        await gate;
        return new Response(null, { status: 200 });
      },
    });
    const reply = await api.post("/products", { sku: "A", name: "A", price: "1.00" });
    expect(reply.status).toBe(201);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(shop.webhooks.sent[0]!.state).toBe("queued");
    expect(shop.webhooks.pending()).toBe(1);
    release();
    await shop.webhooks.flush();
    expect(shop.webhooks.sent[0]!.state).toBe("delivered");
  });

  it("webhooks.now sets the webhook-timestamp clock apart from the shop's data clock", async () => {
    const { got, deliver } = receiver();
    const { shop } = shopWith({ deliver, mode: "manual", now: () => 1_700_000_000_500 });
    shop.remove("customers", shop.seed.customer({ kind: "company" }).id);
    await shop.webhooks.flush();
    expect(got[0]!.timestamp).toBe("1700000000");
  });
});

describe("webhook retries", () => {
  it("immediate mode retries a non-2xx answer or a network failure after the backoff delays, re-signed", async () => {
    fakeTimers();
    const { got, deliver } = receiver([500, "throw", 503]);
    const { shop, clock } = shopWith({ deliver, retryDelaysMs: [1000, 5000, 30000] });
    shop.edit("customers", shop.seed.customer({ kind: "company" }).id, { phone: "1" });
    const entry = shop.webhooks.sent[0]!;
    await until(() => entry.state === "retrying");
    expect(entry).toMatchObject({ attempts: 1, status: 500 });
    await vi.advanceTimersByTimeAsync(999);
    expect(entry.attempts).toBe(1);
    clock.advance(1000);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => entry.attempts === 2 && entry.state === "retrying");
    expect(entry.status).toBeNull();
    await vi.advanceTimersByTimeAsync(5000);
    await until(() => entry.attempts === 3 && entry.state === "retrying");
    expect(entry.status).toBe(503);
    expect(shop.webhooks.pending()).toBe(1);
    await vi.advanceTimersByTimeAsync(29_999);
    expect(entry.attempts).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => entry.state === "delivered");
    expect(entry).toMatchObject({ attempts: 4, status: 204 });
    expect(got.map((g) => g.id)).toEqual([entry.id, entry.id, entry.id]);
    expect(Number(got[2]!.timestamp)).toBeGreaterThan(Number(got[0]!.timestamp));
  });

  it("gives up after the last delay: the event is marked failed", async () => {
    const { deliver } = receiver([500, 500, 500, 500]);
    const { shop } = shopWith({ deliver, mode: "manual", retryDelaysMs: [10, 20] });
    shop.seed.product({ sku: "A" });
    shop.edit("products", shop.list("products")[0]!.id, { name: "B" });
    await shop.webhooks.flush();
    expect(shop.webhooks.sent[0]).toMatchObject({ attempts: 3, status: 500, state: "failed" });
    expect(shop.webhooks.pending()).toBe(0);
  });

  it("flush() delivers due retries at once in both modes, without waiting for the backoff", async () => {
    const first = receiver([500, 500]);
    const manual = shopWith({ deliver: first.deliver, mode: "manual" });
    manual.shop.remove("customers", manual.shop.seed.customer({ kind: "company" }).id);
    await manual.shop.webhooks.flush();
    expect(manual.shop.webhooks.sent[0]).toMatchObject({ attempts: 3, state: "delivered" });

    const second = receiver([502]);
    const immediate = shopWith({ deliver: second.deliver });
    immediate.shop.remove("customers", immediate.shop.seed.customer({ kind: "company" }).id);
    await vi.waitFor(() => expect(immediate.shop.webhooks.sent[0]!.state).toBe("retrying"));
    await immediate.shop.webhooks.flush();
    expect(immediate.shop.webhooks.sent[0]).toMatchObject({ attempts: 2, state: "delivered" });
  });
});

describe("webhook faults", () => {
  it("duplicate: each event is delivered twice with the same webhook-id", async () => {
    const { got, deliver } = receiver();
    const { shop } = shopWith({ deliver, mode: "manual" });
    shop.webhookFaults.set({ duplicate: true });
    shop.edit("customers", shop.seed.customer({ kind: "company" }).id, { phone: "1" });
    await shop.webhooks.flush();
    expect(got).toHaveLength(2);
    expect(got[0]!.id).toBe(got[1]!.id);
    expect(shop.webhooks.sent[0]!.attempts).toBe(2);
  });

  it("outOfOrder: newest first in a flush; in immediate mode an event waits for the next one", async () => {
    const manual = receiver();
    const m = shopWith({ deliver: manual.deliver, mode: "manual" });
    m.shop.webhookFaults.set({ outOfOrder: true });
    const c = m.shop.seed.customer({ kind: "company" });
    for (const phone of ["1", "2", "3"]) m.shop.edit("customers", c.id, { phone });
    await m.shop.webhooks.flush();
    expect(manual.got.map((e) => e.version)).toEqual([4, 3, 2]);

    const immediate = receiver();
    const i = shopWith({ deliver: immediate.deliver });
    i.shop.webhookFaults.set({ outOfOrder: true });
    const d = i.shop.seed.customer({ kind: "company" });
    i.shop.edit("customers", d.id, { phone: "1" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(immediate.got).toEqual([]);
    expect(i.shop.webhooks.pending()).toBe(1);
    i.shop.edit("customers", d.id, { phone: "2" });
    await vi.waitFor(() => expect(immediate.got.map((e) => e.version)).toEqual([3, 2]));
  });

  it("latencyMs delays each delivery", async () => {
    fakeTimers();
    const { got, deliver } = receiver();
    const { shop } = shopWith({ deliver });
    shop.webhookFaults.set({ latencyMs: 2000 });
    shop.edit("customers", shop.seed.customer({ kind: "company" }).id, { phone: "1" });
    await vi.advanceTimersByTimeAsync(1999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(got).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await until(() => got.length === 1);
  });

  it("dropNext: the next N events are lost (recorded as dropped), later ones go through; clear() resets", async () => {
    const { got, deliver } = receiver();
    const { shop } = shopWith({ deliver, mode: "manual" });
    shop.webhookFaults.set({ dropNext: 2 });
    const c = shop.seed.customer({ kind: "company" });
    for (const phone of ["1", "2", "3"]) shop.edit("customers", c.id, { phone });
    shop.webhookFaults.clear();
    shop.edit("customers", c.id, { phone: "4" });
    await shop.webhooks.flush();
    expect(shop.webhooks.sent.map((w) => w.state)).toEqual(["dropped", "dropped", "delivered", "delivered"]);
    expect(got.map((e) => e.version)).toEqual([4, 5]);
  });

  it("without a webhooks option nothing is sent and flush() resolves", async () => {
    const { shop } = testShop();
    shop.edit("customers", shop.seed.customer({ kind: "company" }).id, { phone: "1" });
    shop.webhookFaults.set({ duplicate: true });
    await shop.webhooks.flush();
    expect(shop.webhooks.sent).toEqual([]);
    expect(shop.webhooks.pending()).toBe(0);
  });
});
