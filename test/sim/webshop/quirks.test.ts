/** Each quirk breaks exactly the rule it names; the same scenario on a correct shop is shown passing beside it. */
import { describe, expect, it } from "vitest";
import type { ReferenceWebshopOptions } from "./index";
import { testShop } from "./test-client";

type Quirks = NonNullable<ReferenceWebshopOptions["quirks"]>;

describe("quirks", () => {
  it("ignoreIdempotencyKey: a retried POST creates a second record", async () => {
    for (const [quirks, expected] of [
      [{}, 1],
      [{ ignoreIdempotencyKey: true }, 2],
    ] as [Quirks, number][]) {
      const { shop, api } = testShop({ quirks });
      const body = { kind: "company", name: "Acme AS" };
      await api.post("/customers", body, { key: "same" });
      await api.post("/customers", body, { key: "same" });
      expect(shop.count("customers"), JSON.stringify(quirks)).toBe(expected);
    }
  });

  it("unstableCursors: editing during a walk makes the feed skip a change (and repeat a record)", async () => {
    async function walk(quirks: Quirks) {
      const { shop, api, clock } = testShop({ quirks });
      const ids = ["A", "B", "C", "D"].map((name) => shop.seed.customer({ kind: "company", name }).id);
      const seen: string[] = [];
      const first = await api.get("/customers?limit=2");
      seen.push(...first.json.data.map((c: { name: string; version: number }) => `${c.name}${c.version}`));
      // A (already read) moves to the end; C (not yet read) moves after it.
      clock.advance(10);
      shop.edit("customers", ids[0]!, { phone: "1" });
      shop.edit("customers", ids[2]!, { phone: "1" });
      let cursor = first.json.next_cursor;
      for (;;) {
        const page = await api.get(`/customers?limit=2&cursor=${cursor}`);
        seen.push(...page.json.data.map((c: { name: string; version: number }) => `${c.name}${c.version}`));
        cursor = page.json.next_cursor;
        if (!page.json.has_more) return seen;
      }
    }
    expect(await walk({})).toEqual(["A1", "B1", "D1", "A2", "C2"]);
    const broken = await walk({ unstableCursors: true });
    expect(broken).toEqual(["A1", "B1", "A2", "C2"]);
    expect(broken).not.toContain("D1");
  });

  it("ignoreIfMatch: a stale PATCH overwrites instead of answering 412", async () => {
    for (const [quirks, status] of [
      [{}, 412],
      [{ ignoreIfMatch: true }, 200],
    ] as [Quirks, number][]) {
      const { shop, api } = testShop({ quirks });
      const p = shop.seed.product({ sku: "A" });
      shop.edit("products", p.id, { price: "2.00" });
      const reply = await api.patch(`/products/${p.id}`, { price: "3.00" }, { ifMatch: 1 });
      expect(reply.status, JSON.stringify(quirks)).toBe(status);
    }
  });

  it("acceptUnknownFields: unknown query parameters and body fields are ignored instead of 400", async () => {
    const strict = testShop();
    expect((await strict.api.get("/customers?emial=x@y.no")).status).toBe(400);
    expect((await strict.api.post("/products", { sku: "A", name: "A", price: "1.00", colour: "red" })).status).toBe(
      400,
    );
    const { shop, api } = testShop({ quirks: { acceptUnknownFields: true } });
    shop.seed.customer({ kind: "person", email: "x@y.no" });
    shop.seed.customer({ kind: "person", email: "z@y.no" });
    // The typo silently means "everything", exactly what the contract's rule prevents.
    expect((await api.get("/customers?emial=x@y.no")).json.data).toHaveLength(2);
    const created = await api.post("/products", {
      sku: "A",
      name: "A",
      price: "1.00",
      colour: "red",
      external_ids: { poweroffice_product: "9" },
    });
    expect(created.status).toBe(201);
    expect(created.json.colour).toBeUndefined();
    const order = await api.post("/orders", {
      customer_id: shop.list("customers")[0]!.id,
      lines: [{ sku: "A", quantity: 1, unit_price: "1.00", colour: "red" }],
    });
    expect(order.status).toBe(201);
    expect((await api.patch(`/products/${created.json.id}`, { size: "XL", name: "B" })).json.name).toBe("B");
  });
});
