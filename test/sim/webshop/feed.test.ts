import { describe, expect, it } from "vitest";
import { readAll, testShop } from "./test-client";

describe("the change feed", () => {
  it("lists every record in (updated_at, id) order, archived and cancelled ones included", async () => {
    const { shop, api, clock } = testShop();
    const a = shop.seed.customer({ kind: "company", name: "A AS" });
    clock.advance(10);
    const b = shop.seed.customer({ kind: "company", name: "B AS", active: false });
    clock.advance(10);
    shop.edit("customers", a.id, { phone: "+47 22 00 00 00" });
    const order = shop.seed.order({ customer_id: a.id, status: "cancelled" });
    const page = await api.get("/customers");
    expect(page.json.data.map((c: { id: string }) => c.id)).toEqual([b.id, a.id]);
    expect(page.json.has_more).toBe(false);
    expect((await api.get("/orders")).json.data.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it("breaks updated_at ties by id, and a cursor between tied records continues exactly", async () => {
    const { shop, api } = testShop();
    const at = "2026-11-26T12:00:00.000Z";
    const ids = ["prd_000003", "prd_000001", "prd_000002"].map(
      (id, i) => shop.seed.product({ id, sku: `SKU-${i}`, updated_at: at }).id,
    );
    const first = await api.get("/products?limit=2");
    expect(first.json.data.map((p: { id: string }) => p.id)).toEqual(["prd_000001", "prd_000002"]);
    expect(first.json.has_more).toBe(true);
    const second = await api.get(`/products?limit=2&cursor=${first.json.next_cursor}`);
    expect(second.json.data.map((p: { id: string }) => p.id)).toEqual(["prd_000003"]);
    expect(second.json.has_more).toBe(false);
    expect(ids).toHaveLength(3);
    // A new product gets a later timestamp and a fresh id past the seeded ones.
    const created = await api.post("/products", { sku: "NEW", name: "Ny", price: "1.00" });
    expect(created.json.id).toBe("prd_000004");
    expect(created.json.updated_at > at).toBe(true);
  });

  it("gives every change a later timestamp than all before it, even with a frozen clock", async () => {
    const { shop, api } = testShop();
    const times: string[] = [];
    const created = await api.post("/customers", { kind: "company", name: "Frosset AS" });
    times.push(created.json.updated_at);
    for (let i = 0; i < 5; i++) {
      times.push((await api.patch(`/customers/${created.json.id}`, { phone: String(i) })).json.updated_at);
    }
    const other = await api.post("/products", { sku: "X", name: "X", price: "1.00" });
    times.push(other.json.updated_at);
    expect([...times].sort()).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    expect(times[0]).toBe("2026-11-26T12:00:00.000Z");
    expect(times.at(-1)).toBe("2026-11-26T12:00:00.006Z");
    expect(shop.get("customers", created.json.id)?.created_at).toBe(times[0]);
  });

  it("next_cursor is never null: an empty feed answers a cursor that later sees the first record", async () => {
    const { shop, api } = testShop();
    const empty = await api.get("/orders");
    expect(empty.json).toEqual({ data: [], next_cursor: expect.any(String), has_more: false });
    const again = await api.get(`/orders?cursor=${empty.json.next_cursor}`);
    expect(again.json.data).toEqual([]);
    const order = shop.seed.order();
    const later = await api.get(`/orders?cursor=${again.json.next_cursor}`);
    expect(later.json.data.map((o: { id: string }) => o.id)).toEqual([order.id]);
  });

  it("an object changed again appears again; one not changed does not", async () => {
    const { shop, api, clock } = testShop();
    const a = shop.seed.customer({ kind: "company", name: "A AS" });
    const b = shop.seed.customer({ kind: "company", name: "B AS" });
    const { cursor } = await readAll(api, "customers");
    clock.advance(1000);
    shop.edit("customers", a.id, { name: "A2 AS" });
    const { seen } = await readAll(api, "customers", cursor);
    expect(seen.map((c) => [c.id, c.version])).toEqual([[a.id, 2]]);
    expect(b.version).toBe(1);
  });

  it.each([
    ["a frozen clock", 0],
    ["a clock that moves", 1],
  ])("is exact while records change during the walk, with %s: each change is seen exactly once", async (_, tick) => {
    const { shop, api, clock } = testShop();
    const ids = Array.from({ length: 12 }, (_, i) => shop.seed.customer({ kind: "company", name: `Firma ${i} AS` }).id);
    const versions = new Map<string, number[]>();
    let cursor: string | undefined;
    // Walk page by page; between pages edit records already read, not yet read, and the one just read.
    for (let round = 0; round < 40; round++) {
      const query = new URLSearchParams({ limit: "3", ...(cursor ? { cursor } : {}) });
      const page = await api.get(`/customers?${query}`);
      for (const c of page.json.data as { id: string; version: number }[]) {
        versions.set(c.id, [...(versions.get(c.id) ?? []), c.version]);
      }
      cursor = page.json.next_cursor;
      if (round < 10) {
        for (const k of [round % 12, (round * 7 + 3) % 12, (round * 5 + 1) % 12]) {
          clock.advance(tick * (k % 2));
          shop.edit("customers", ids[k]!, { phone: `${round}-${k}` });
        }
      } else if (!page.json.has_more) break;
    }
    for (const id of ids) {
      const current = shop.get("customers", id)!;
      const seen = versions.get(id)!;
      // Every version a reader saw is unique and the last one seen is the current one: nothing missed or repeated.
      expect(new Set(seen).size, id).toBe(seen.length);
      expect(seen.at(-1), id).toBe(current.version);
    }
  });

  it("updated_after starts the feed after a time (exclusive)", async () => {
    const { shop, api, clock } = testShop();
    shop.seed.product({ sku: "A", updated_at: "2026-11-26T12:00:00.000Z" });
    const b = shop.seed.product({ sku: "B", updated_at: "2026-11-26T12:00:01.000Z" });
    const c = shop.seed.product({ sku: "C", updated_at: "2026-11-26T12:00:02.000Z" });
    const page = await api.get("/products?updated_after=2026-11-26T12:00:00.000Z");
    expect(page.json.data.map((p: { id: string }) => p.id)).toEqual([b.id, c.id]);
    const none = await api.get("/products?updated_after=2026-11-26T12:00:02.000Z");
    expect(none.json.data).toEqual([]);
    clock.set(Date.parse("2026-11-26T12:00:05.000Z"));
    const changed = shop.edit("products", b.id, { name: "B2" });
    const after = await api.get(`/products?cursor=${none.json.next_cursor}`);
    expect(after.json.data).toEqual([changed]);
  });

  it("limit is 1..500, default 100; bad limits, cursors and combinations are 400", async () => {
    const { shop, api } = testShop();
    for (let i = 0; i < 101; i++) shop.seed.product({ sku: `P${i}` });
    const first = await api.get("/products");
    expect(first.json.data).toHaveLength(100);
    expect(first.json.has_more).toBe(true);
    expect((await api.get("/products?limit=500")).json.data).toHaveLength(101);
    expect((await api.get("/products?limit=1")).json.data).toHaveLength(1);
    for (const limit of ["0", "501", "abc", "2.5", ""]) {
      const reply = await api.get(`/products?limit=${limit}`);
      expect(reply.status, limit).toBe(400);
      expect(reply.json.error.details.fields.limit).toMatch(/from 1 to 500/);
    }
    const customersCursor = (await api.get("/customers")).json.next_cursor;
    for (const query of [
      "cursor=garbage",
      `cursor=${customersCursor}`,
      "updated_after=2026-11-26",
      "updated_after=2026-11-26T12:00:00+01:00",
      `cursor=${first.json.next_cursor}&updated_after=2026-11-26T12:00:00.000Z`,
      "limit=2&limit=3",
    ]) {
      expect((await api.get(`/products?${query}`)).status, query).toBe(400);
    }
  });
});
