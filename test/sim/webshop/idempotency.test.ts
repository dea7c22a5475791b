import { describe, expect, it } from "vitest";
import { SECRET, testShop } from "./test-client";

const acme = { kind: "company", name: "Acme AS", organization_number: "952601814" };

describe("idempotent POST", () => {
  it("requires an Idempotency-Key of 1–255 characters", async () => {
    const { shop, api } = testShop();
    const missing = await api.post("/customers", acme, { key: null });
    expect(missing.status).toBe(400);
    expect(missing.json.error.details.fields["Idempotency-Key"]).toMatch(/is required/);
    expect((await api.post("/customers", acme, { key: "" })).status).toBe(400);
    expect((await api.post("/customers", acme, { key: "k".repeat(256) })).status).toBe(400);
    expect((await api.post("/customers", acme, { key: "k".repeat(255) })).status).toBe(201);
    expect(shop.count("customers")).toBe(1);
  });

  it("same key, same body: the stored answer again, nothing created, no second webhook", async () => {
    const { shop, api } = testShop({ webhooks: { url: "https://w.test/h", secret: SECRET, mode: "manual" } });
    const first = await api.post("/customers", acme, { key: "create-acme" });
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    // The same data with its keys in another order is the same request.
    const reordered = { organization_number: "952601814", name: "Acme AS", kind: "company" };
    const second = await api.post("/customers", reordered, { key: "create-acme" });
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.headers.get("location")).toBe(first.headers.get("location"));
    expect(shop.count("customers")).toBe(1);
    expect(shop.webhooks.sent.map((w) => w.type)).toEqual(["customer.created"]);
  });

  it("same key, different body: 409 idempotency_mismatch", async () => {
    const { shop, api } = testShop();
    await api.post("/customers", acme, { key: "k1" });
    const other = await api.post("/customers", { ...acme, name: "Acme Norge AS" }, { key: "k1" });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe("idempotency_mismatch");
    expect(shop.count("customers")).toBe(1);
  });

  it("a 4xx answer is stored too: replayed for the same body, mismatch for a corrected one", async () => {
    const { shop, api } = testShop();
    const invalid = await api.post("/products", { sku: "A", name: "A", price: "1" }, { key: "p1" });
    expect(invalid.status).toBe(400);
    const again = await api.post("/products", { sku: "A", name: "A", price: "1" }, { key: "p1" });
    expect(again.status).toBe(400);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await api.post("/products", { sku: "A", name: "A", price: "1.00" }, { key: "p1" })).status).toBe(409);
    expect((await api.post("/products", { sku: "A", name: "A", price: "1.00" }, { key: "p2" })).status).toBe(201);
    expect(shop.count("products")).toBe(1);
  });

  it("keys are scoped to the resource; answers expire after 24 hours", async () => {
    const { shop, api, clock } = testShop();
    expect((await api.post("/customers", acme, { key: "same" })).status).toBe(201);
    expect((await api.post("/products", { sku: "A", name: "A", price: "1.00" }, { key: "same" })).status).toBe(201);
    clock.advance(24 * 60 * 60 * 1000 - 1);
    expect((await api.post("/customers", acme, { key: "same" })).headers.get("idempotent-replayed")).toBe("true");
    clock.advance(1);
    const anew = await api.post("/customers", acme, { key: "same" });
    expect(anew.headers.get("idempotent-replayed")).toBeNull();
    expect(shop.count("customers")).toBe(2);
  });

  it("a retry after a connection lost after commit gets the first answer", async () => {
    const { shop, api } = testShop();
    shop.faults.add({ method: "POST", path: "/customers", kind: "drop-after-commit" });
    await expect(api.post("/customers", acme, { key: "retry-me" })).rejects.toThrow("Network connection lost.");
    const retry = await api.post("/customers", acme, { key: "retry-me" });
    expect(retry.status).toBe(201);
    expect(retry.json.id).toBe(shop.list("customers")[0]!.id);
    expect(shop.count("customers")).toBe(1);
  });

  it("two concurrent requests with one key create one record; the second waits and gets the first's answer", async () => {
    const { shop, api } = testShop();
    const [a, b] = await Promise.all([
      api.post("/customers", acme, { key: "race" }),
      api.post("/customers", acme, { key: "race" }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.id).toBe(b.json.id);
    expect([a, b].filter((r) => r.headers.get("idempotent-replayed") === "true")).toHaveLength(1);
    expect(shop.count("customers")).toBe(1);
    // Two bodies under one key at once: whichever claims the key first creates (which one is not promised); the
    // other is refused as a mismatch, and only the winner's record exists.
    const [c, d] = await Promise.all([
      api.post("/customers", acme, { key: "race-2" }),
      api.post("/customers", { ...acme, name: "Other AS" }, { key: "race-2" }),
    ]);
    const winner = c.status === 201 ? c : d;
    const loser = winner === c ? d : c;
    expect([winner.status, loser.status]).toEqual([201, 409]);
    expect(loser.json.error.code).toBe("idempotency_mismatch");
    expect(shop.count("customers")).toBe(2);
    expect(shop.get("customers", winner.json.id)?.name).toBe(winner === c ? "Acme AS" : "Other AS");
  });
});
