import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_DELAYS_MS } from "../../../webshop-kit/src/webhooks";
import { NEW_SECRET, receiver, senderFor, T0, testShop, URL } from "./webhook-harness";

describe("webhook retries", () => {
  it("a failed attempt is retried after the backoff delays, with the same webhook-id and a new timestamp each time", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now, answers: [500, "throw", 503] });
    const sender = senderFor(shop, endpoint, { retryDelaysMs: [1_000, 5_000, 30_000] });
    const event = shop.change("customers", "cus_1", "updated");

    expect(await sender.deliverPending()).toEqual({ delivered: 0, retried: 1, failed: 0, remaining: 0 });
    expect(shop.outbox.list()[0]).toMatchObject({
      state: "pending",
      attempts: 1,
      nextAttemptAt: T0 + 1_000,
      lastError: `${URL} answered 500: refused with 500`,
    });
    shop.clock.advance(999);
    expect(await sender.deliverPending()).toEqual({ delivered: 0, retried: 0, failed: 0, remaining: 0 });
    expect(endpoint.requests).toHaveLength(1);

    shop.clock.advance(1);
    expect(await sender.deliverPending()).toMatchObject({ retried: 1 });
    expect(shop.outbox.list()[0]).toMatchObject({
      attempts: 2,
      nextAttemptAt: T0 + 1_000 + 5_000,
      lastError: `${URL} could not be reached: fetch failed (connect ECONNREFUSED)`,
    });
    shop.clock.advance(4_999);
    await sender.deliverPending();
    expect(endpoint.requests).toHaveLength(2);
    shop.clock.advance(1);
    await sender.deliverPending();
    expect(shop.outbox.list()[0]).toMatchObject({ attempts: 3, nextAttemptAt: T0 + 36_000 });

    shop.clock.advance(30_000);
    expect(await sender.deliverPending()).toEqual({ delivered: 1, retried: 0, failed: 0, remaining: 0 });
    expect(shop.outbox.list()[0]).toMatchObject({
      state: "delivered",
      attempts: 4,
      nextAttemptAt: null,
      lastError: null,
    });
    const ids = endpoint.requests.map((r) => r.headers.get("webhook-id"));
    expect(ids).toEqual([event.eventId, event.eventId, event.eventId, event.eventId]);
    const stamps = endpoint.requests.map((r) => Number(r.headers.get("webhook-timestamp")));
    expect(stamps).toEqual([T0, T0 + 1_000, T0 + 6_000, T0 + 36_000].map((ms) => Math.floor(ms / 1000)));
  });

  it("by default the contract's schedule: 1 s, 5 s, 30 s, 2 min, 10 min, then given up (six attempts)", async () => {
    expect(DEFAULT_RETRY_DELAYS_MS).toEqual([1_000, 5_000, 30_000, 120_000, 600_000]);
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now, answers: Array(10).fill(502) });
    const sender = senderFor(shop, endpoint);
    shop.change("products", "prd_1", "updated");
    const attemptsAt: number[] = [];
    for (let minute = 0; minute < 30 && shop.outbox.pending() > 0; minute++) {
      for (let second = 0; second < 60; second++) {
        const before = endpoint.requests.length;
        await sender.deliverPending();
        if (endpoint.requests.length > before) attemptsAt.push(shop.clock.now() - T0);
        shop.clock.advance(1_000);
      }
    }
    expect(attemptsAt).toEqual([0, 1_000, 6_000, 36_000, 156_000, 756_000]);
    expect(shop.outbox.list()[0]).toMatchObject({
      state: "failed",
      attempts: 6,
      nextAttemptAt: null,
      lastError: `${URL} answered 502: refused with 502; given up after 6 attempts`,
    });
  });

  it("gives up after the last delay: failed, counted once, never tried again", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now, answers: [500, 500, 500, 500] });
    const sender = senderFor(shop, endpoint, { retryDelaysMs: [10, 20] });
    shop.change("orders", "ord_1", "created");
    const reports = [];
    for (let run = 0; run < 5; run++) {
      reports.push(await sender.deliverPending());
      shop.clock.advance(100);
    }
    expect(reports.map((r) => [r.retried, r.failed])).toEqual([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ]);
    expect(endpoint.requests).toHaveLength(3);
    expect(shop.outbox.list()[0]).toMatchObject({ state: "failed", attempts: 3 });
  });

  it("410 Gone: the event fails at once without retries and the run stops; the others wait for the next run", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now, answers: [410] });
    const sender = senderFor(shop, endpoint);
    shop.change("customers", "cus_1", "created");
    shop.change("customers", "cus_2", "created");
    shop.change("customers", "cus_3", "created");

    expect(await sender.deliverPending()).toEqual({ delivered: 0, retried: 0, failed: 1, remaining: 2 });
    expect(endpoint.requests).toHaveLength(1);
    expect(shop.outbox.list()[0]).toMatchObject({
      state: "failed",
      attempts: 1,
      nextAttemptAt: null,
      lastError: `${URL} answered 410: refused with 410 (410 Gone: the endpoint takes no more events); not retried`,
    });
    expect(await sender.deliverPending()).toEqual({ delivered: 2, retried: 0, failed: 0, remaining: 0 });
  });

  it("no answer within the timeout is a failed attempt, retried later", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now, answers: ["hang"] });
    const sender = senderFor(shop, endpoint, { timeoutMs: 50 });
    shop.change("customers", "cus_1", "created");
    expect(await sender.deliverPending()).toMatchObject({ retried: 1 });
    expect(shop.outbox.list()[0]!.lastError).toBe(`${URL} gave no answer within 0.05 s`);
    // The attempt is aborted too, so the runtime closes the connection rather than wait on.
    expect(endpoint.requests[0]!.signal.aborted).toBe(true);
    shop.clock.advance(1_000);
    expect(await sender.deliverPending()).toMatchObject({ delivered: 1 });
  });

  it("a long error answer is quoted only in part", async () => {
    const shop = testShop();
    const sender = senderFor(shop, { fetch: async () => new Response("x".repeat(100_000), { status: 500 }) });
    shop.change("customers", "cus_1", "created");
    await sender.deliverPending();
    expect(shop.outbox.list()[0]!.lastError).toBe(`${URL} answered 500: ${"x".repeat(300)}…`);
  });
});

describe("webhook order", () => {
  it("events of one record go out in change order: a later one waits while an earlier one waits for its retry", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now, answers: [503] });
    const sender = senderFor(shop, endpoint);
    shop.change("customers", "cus_1", "created");
    shop.change("customers", "cus_2", "created");
    shop.change("customers", "cus_1", "updated");
    shop.change("customers", "cus_1", "updated");

    expect(await sender.deliverPending()).toEqual({ delivered: 1, retried: 1, failed: 0, remaining: 0 });
    expect(endpoint.accepted.map((r) => `${r.event.data.id} v${r.event.data.version}`)).toEqual(["cus_2 v1"]);
    shop.clock.advance(1_000);
    expect(await sender.deliverPending()).toEqual({ delivered: 3, retried: 0, failed: 0, remaining: 0 });
    expect(endpoint.accepted.map((r) => `${r.event.type} ${r.event.data.id} v${r.event.data.version}`)).toEqual([
      "customer.created cus_2 v1",
      "customer.created cus_1 v1",
      "customer.updated cus_1 v2",
      "customer.updated cus_1 v3",
    ]);
  });

  it("a record's later event goes out once the earlier one is given up", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now, answers: [500] });
    const sender = senderFor(shop, endpoint, { retryDelaysMs: [] });
    shop.change("products", "prd_1", "created");
    shop.change("products", "prd_1", "updated");
    expect(await sender.deliverPending()).toEqual({ delivered: 1, retried: 0, failed: 1, remaining: 0 });
    expect(endpoint.accepted.map((r) => r.event.type)).toEqual(["product.updated"]);
  });
});
