import { describe, expect, it } from "vitest";
import { deliverInBackground } from "../../../webshop-kit/src/webhooks";
import { NEW_SECRET, receiver, senderFor, T0, testShop } from "./webhook-harness";

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe("deliverPending runs", () => {
  it("makes at most `limit` attempts and counts what it left due", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const sender = senderFor(shop, endpoint);
    for (let n = 1; n <= 5; n++) shop.change("customers", `cus_${n}`, "created");
    expect(await sender.deliverPending({ limit: 2 })).toEqual({ delivered: 2, retried: 0, failed: 0, remaining: 3 });
    expect(await sender.deliverPending({ limit: 2 })).toEqual({ delivered: 2, retried: 0, failed: 0, remaining: 1 });
    expect(await sender.deliverPending({ limit: 2 })).toEqual({ delivered: 1, retried: 0, failed: 0, remaining: 0 });
  });

  it("starts no attempt once timeBudgetMs has passed", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const slow = async (request: Request) => {
      shop.clock.advance(400);
      return endpoint.fetch(request);
    };
    const sender = senderFor(shop, { fetch: slow });
    for (let n = 1; n <= 5; n++) shop.change("products", `prd_${n}`, "created");
    expect(await sender.deliverPending({ timeBudgetMs: 1_000 })).toEqual({
      delivered: 3,
      retried: 0,
      failed: 0,
      remaining: 2,
    });
  });

  it("a run keeps going through a record's events as each becomes due, in one call", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const sender = senderFor(shop, endpoint);
    for (let n = 0; n < 30; n++) shop.change("orders", "ord_1", "updated");
    expect(await sender.deliverPending()).toEqual({ delivered: 30, retried: 0, failed: 0, remaining: 0 });
    expect(endpoint.accepted.map((r) => r.event.data.version)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it("two runs at once never deliver one event twice, and a record's events still go out in order", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const slow = async (request: Request) => {
      await tick();
      return endpoint.fetch(request);
    };
    const sender = senderFor(shop, { fetch: slow });
    const other = senderFor(shop, { fetch: slow });
    for (let n = 1; n <= 12; n++) shop.change("customers", `cus_${n % 4}`, n <= 4 ? "created" : "updated");

    const [a, b] = await Promise.all([sender.deliverPending(), other.deliverPending()]);

    expect(a.delivered + b.delivered).toBe(12);
    expect(a.delivered).toBeGreaterThan(0);
    expect(b.delivered).toBeGreaterThan(0);
    const ids = endpoint.accepted.map((r) => r.id);
    expect(new Set(ids).size).toBe(12);
    expect(endpoint.requests).toHaveLength(12);
    for (let record = 0; record < 4; record++) {
      const versions = endpoint.accepted
        .filter((r) => r.event.data.id === `cus_${record}`)
        .map((r) => r.event.data.version);
      expect(versions).toEqual([1, 2, 3]);
    }
  });

  it("a run that dies mid-attempt leaves its claimed event to a later run once the lease ends, the attempt uncounted", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const broken = senderFor(shop, endpoint, {
      adapter: { ...shop.adapter, get: async () => Promise.reject(new Error("database connection lost")) },
      timeoutMs: 10_000,
    });
    const healthy = senderFor(shop, endpoint);
    shop.change("customers", "cus_1", "created");

    await expect(broken.deliverPending()).rejects.toThrow("database connection lost");
    expect(shop.outbox.list()[0]).toMatchObject({ state: "pending", attempts: 0, nextAttemptAt: T0 + 40_000 });
    shop.clock.advance(39_999);
    expect(await healthy.deliverPending()).toMatchObject({ delivered: 0 });
    shop.clock.advance(1);
    expect(await healthy.deliverPending()).toMatchObject({ delivered: 1 });
    expect(shop.outbox.list()[0]).toMatchObject({ state: "delivered", attempts: 1 });
  });

  it("on Workers, deliverInBackground hands the run to ctx.waitUntil and returns at once", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const sender = senderFor(shop, endpoint);
    shop.change("customers", "cus_1", "created");
    const waited: Promise<unknown>[] = [];
    deliverInBackground({ waitUntil: (promise) => waited.push(promise) }, sender, { limit: 5 });
    expect(waited).toHaveLength(1);
    expect(endpoint.accepted).toHaveLength(0);
    expect(await waited[0]).toEqual({ delivered: 1, retried: 0, failed: 0, remaining: 0 });
  });
});
