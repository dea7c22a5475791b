import { describe, expect, it } from "vitest";
import { createWebshopApi } from "../../../webshop-kit/src/api/create-api";
import { signatureHeader } from "../../../webshop-kit/src/webhooks/signing";
import { NEW_SECRET, OLD_SECRET, receiver, senderFor, T0, testShop, URL } from "./webhook-harness";

describe("webhook events", () => {
  it("each change is one signed Standard Webhooks request the worker's verifier accepts, with the contract's body", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const sender = senderFor(shop, endpoint);
    const created = shop.change("customers", "cus_1", "created", { kind: "person", email: "kari@example.no" });
    shop.clock.advance(1500);
    shop.change("products", "prd_1", "created", { sku: "KAFFE-500" });

    expect(await sender.deliverPending()).toEqual({ delivered: 2, retried: 0, failed: 0, remaining: 0 });

    const [customer, product] = endpoint.accepted;
    expect(customer!.id).toBe(created.eventId);
    expect(customer!.id).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(customer!.timestamp).toBe(String(Math.floor((T0 + 1500) / 1000)));
    expect(JSON.parse(customer!.body)).toEqual({
      type: "customer.created",
      timestamp: new Date(T0).toISOString(),
      data: {
        id: "cus_1",
        version: 1,
        kind: "person",
        email: "kari@example.no",
        external_ids: {},
        created_at: new Date(T0).toISOString(),
        updated_at: new Date(T0).toISOString(),
      },
    });
    expect(product!.event).toMatchObject({ type: "product.created", data: { id: "prd_1", version: 1 } });
    const request = endpoint.requests[0]!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(URL);
    expect(request.headers.get("content-type")).toBe("application/json");
    expect(shop.outbox.list().map((e) => [e.state, e.attempts, e.nextAttemptAt])).toEqual([
      ["delivered", 1, null],
      ["delivered", 1, null],
    ]);
  });

  it("data is {id, version} of the change once the record moved on or is gone; the type names the change", async () => {
    const shop = testShop();
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const sender = senderFor(shop, endpoint, { secrets: NEW_SECRET });
    shop.change("orders", "ord_1", "created", { status: "pending" });
    shop.change("orders", "ord_1", "updated", { status: "confirmed" });
    shop.change("orders", "ord_1", "deleted");

    await sender.deliverPending();

    expect(endpoint.accepted.map((r) => JSON.parse(r.body))).toEqual([
      { type: "order.created", timestamp: new Date(T0).toISOString(), data: { id: "ord_1", version: 1 } },
      // The change clock moves on by 1 ms per write made in the same millisecond.
      { type: "order.updated", timestamp: new Date(T0 + 1).toISOString(), data: { id: "ord_1", version: 2 } },
      { type: "order.deleted", timestamp: new Date(T0 + 2).toISOString(), data: { id: "ord_1", version: 3 } },
    ]);
  });
});

describe("webhook events of the kit's API", () => {
  it("a create and a patch through createWebshopApi go out with the record as the API answered it", async () => {
    const shop = testShop();
    const api = createWebshopApi({
      adapter: shop.adapter,
      tokens: "shop-token",
      basePath: "/api",
      now: shop.clock.now,
    });
    const call = async (method: string, path: string, body: unknown) => {
      const response = await api.fetch(
        new Request(`https://shop.test/api${path}`, {
          method,
          headers: {
            authorization: "Bearer shop-token",
            "content-type": "application/json",
            ...(method === "POST" ? { "idempotency-key": `create-${path}` } : {}),
          },
          body: JSON.stringify(body),
        }),
      );
      return response.json() as Promise<Record<string, unknown>>;
    };
    const endpoint = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const sender = senderFor(shop, endpoint);
    const created = await call("POST", "/products", { sku: "KAFFE-500", name: "Kaffe 500 g", price: "89.00" });
    expect(await sender.deliverPending()).toMatchObject({ delivered: 1 });
    shop.clock.advance(60_000);
    const patched = await call("PATCH", `/products/${created.id}`, { price: "99.00" });
    expect(await sender.deliverPending()).toMatchObject({ delivered: 1 });

    expect(endpoint.accepted.map((r) => JSON.parse(r.body))).toEqual([
      { type: "product.created", timestamp: created.updated_at, data: created },
      { type: "product.updated", timestamp: patched.updated_at, data: patched },
    ]);
  });
});

describe("webhook signatures", () => {
  it("sign the contract's example exactly (docs/webshop-api.md §9, the Standard Webhooks example secret)", async () => {
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const raw = Uint8Array.from(atob(secret.slice(6)), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const body = '{"type":"product.updated","timestamp":"2026-11-26T12:00:00.000Z","data":{"id":"p_311","version":7}}';
    expect(await signatureHeader([key], "msg_2Kx7QbRb4pW1n9Z3aYcVdEf", 1795694400, body)).toBe(
      "v1,Vj6yIvaLvidvB12F5ISfiWAjy8IYUlk7BnoMXEa5ENE=",
    );
  });

  it("during a rotation every request carries both signatures: a receiver knowing only the new or only the old secret accepts", async () => {
    const shop = testShop();
    const onlyNew = receiver({ secrets: [NEW_SECRET], now: shop.clock.now });
    const onlyOld = receiver({ secrets: [OLD_SECRET], now: shop.clock.now });
    const neither = receiver({ secrets: [`whsec_${btoa("x".repeat(24))}`], now: shop.clock.now });
    for (const endpoint of [onlyNew, onlyOld, neither]) {
      const sender = senderFor(shop, endpoint, { secrets: [NEW_SECRET, OLD_SECRET], retryDelaysMs: [] });
      shop.change("customers", `cus_${endpoint === onlyNew ? 1 : endpoint === onlyOld ? 2 : 3}`, "created");
      await sender.deliverPending();
    }
    expect(onlyNew.accepted).toHaveLength(1);
    expect(onlyOld.accepted).toHaveLength(1);
    expect(neither.accepted).toHaveLength(0);
    expect(onlyNew.accepted[0]!.signature).toMatch(/^v1,[A-Za-z0-9+/]{43}= v1,[A-Za-z0-9+/]{43}=$/);
    expect(shop.outbox.list()[2]).toMatchObject({
      state: "failed",
      lastError: expect.stringContaining(
        `${URL} answered 401: {"refused":"signature-mismatch"}; given up after 1 attempt`,
      ),
    });
  });

  it("a space-separated string is one or two secrets, like the worker's WEBSHOP_WEBHOOK_SECRET", async () => {
    const shop = testShop();
    const onlyOld = receiver({ secrets: [OLD_SECRET], now: shop.clock.now });
    const sender = senderFor(shop, onlyOld, { secrets: `${NEW_SECRET} ${OLD_SECRET}` });
    shop.change("products", "prd_1", "created");
    expect(await sender.deliverPending()).toMatchObject({ delivered: 1 });
  });
});
