/** Promise 1: one atomic compare-and-set write, version + 1, times from the change clock, its event in the outbox. */
import { expect, it } from "vitest";
import type { WebshopAdapter } from "../../webshop-kit/src/adapter";
import {
  allDue,
  created,
  createWrite,
  customer,
  deleteWrite,
  drainEvents,
  iso,
  order,
  product,
  T0,
  updateWrite,
  written,
} from "./adapter-fixtures";

/** What an adapter answers for a write that would take a unique value another record holds. */
const refusedAsDuplicate = (field: string, holder: string) => ({ ok: false, reason: "duplicate", field, holder });

export function writesContract(setup: () => Promise<WebshopAdapter>): void {
  it("get answers null for a record that does not exist", async () => {
    const adapter = await setup();
    expect(await adapter.get("customers", "cus_missing")).toBeNull();
  });

  it("a create stores version 1 with created_at = updated_at, and get returns exactly what the write returned", async () => {
    const adapter = await setup();
    const body = customer("Kari", { external_ids: { poweroffice_customer: "1042" }, address: { city: "Tromsø ÆØÅ" } });
    const { record, event } = written(await adapter.write(createWrite("customers", "cus_1", body)));
    expect(record).toEqual({
      id: "cus_1",
      version: 1,
      ...body.content,
      created_at: iso(T0),
      updated_at: iso(T0),
    });
    expect(await adapter.get("customers", "cus_1")).toEqual(record);
    expect(await adapter.get("products", "cus_1")).toBeNull();
    expect(event).toMatchObject({
      resource: "customers",
      kind: "created",
      recordId: "cus_1",
      version: 1,
      at: iso(T0),
      attempts: 0,
      state: "pending",
      lastError: null,
    });
    expect(event.eventId).toMatch(/^\S{8,}$/);
  });

  it("a create of an id that exists is refused with the current record, and changes nothing", async () => {
    const adapter = await setup();
    const first = await created(adapter, "customers", "cus_1", customer("Kari"));
    const again = await adapter.write(createWrite("customers", "cus_1", customer("Ola"), T0 + 10));
    expect(again).toEqual({ ok: false, reason: "version", current: first });
    expect(await adapter.get("customers", "cus_1")).toEqual(first);
    expect(await allDue(adapter)).toHaveLength(1);
  });

  it("an update at the current version replaces the content, moves version on by one and keeps created_at", async () => {
    const adapter = await setup();
    const first = await created(adapter, "customers", "cus_1", customer("Kari", { phone: "+47 1" }));
    const next = customer("Kari Nordmann");
    const { record, event } = written(await adapter.write(updateWrite(first, "customers", next, T0 + 5_000)));
    expect(record).toEqual({
      id: "cus_1",
      version: 2,
      ...next.content,
      created_at: iso(T0),
      updated_at: iso(T0 + 5_000),
    });
    expect(record).not.toHaveProperty("phone");
    expect(await adapter.get("customers", "cus_1")).toEqual(record);
    expect(event).toMatchObject({ kind: "updated", recordId: "cus_1", version: 2, at: iso(T0 + 5_000) });
  });

  it("an update at a stale version is refused with the record as it is now, and changes nothing", async () => {
    const adapter = await setup();
    const v1 = await created(adapter, "customers", "cus_1", customer("Kari"));
    const v2 = written(await adapter.write(updateWrite(v1, "customers", customer("Kari B"), T0 + 1))).record;
    const stale = await adapter.write(updateWrite(v1, "customers", customer("Someone else"), T0 + 2));
    expect(stale).toEqual({ ok: false, reason: "version", current: v2 });
    expect(await adapter.get("customers", "cus_1")).toEqual(v2);
    expect((await drainEvents(adapter)).map((e) => e.version)).toEqual([1, 2]);
  });

  it("an update of a record that does not exist is refused with current null", async () => {
    const adapter = await setup();
    const ghost = { id: "cus_ghost", version: 1, created_at: iso(T0), updated_at: iso(T0), external_ids: {} };
    expect(await adapter.write(updateWrite(ghost, "customers", customer("Ghost")))).toEqual({
      ok: false,
      reason: "version",
      current: null,
    });
    expect(await adapter.get("customers", "cus_ghost")).toBeNull();
    expect(await allDue(adapter)).toEqual([]);
  });

  it("a delete at the current version removes the record; like every write it moves version and time on", async () => {
    const adapter = await setup();
    const body = customer("Kari", { external_ids: { poweroffice_customer: "7" } });
    const v1 = await created(adapter, "customers", "cus_1", body);
    const result = written(await adapter.write(deleteWrite(v1, "customers", body.keys, T0 + 1_000)));
    expect(result.record).toEqual({ ...v1, version: 2, updated_at: iso(T0 + 1_000) });
    expect(result.event).toMatchObject({ kind: "deleted", recordId: "cus_1", version: 2, at: iso(T0 + 1_000) });
    expect(await adapter.get("customers", "cus_1")).toBeNull();
    expect(await adapter.feed("customers", null, 10)).toEqual([]);
    expect(
      await adapter.feed("customers", null, 10, { kind: "external_id", key: "poweroffice_customer", value: "7" }),
    ).toEqual([]);
    expect(
      await adapter.feed("customers", null, 10, { kind: "match", field: "email", value: "kari@example.com" }),
    ).toEqual([]);
    expect(await adapter.write(deleteWrite(v1, "customers", body.keys, T0 + 2_000))).toEqual({
      ok: false,
      reason: "version",
      current: null,
    });
    expect((await drainEvents(adapter)).map((e) => e.kind)).toEqual(["created", "deleted"]);
  });

  it("a delete at a stale version is refused with the current record and leaves it in place", async () => {
    const adapter = await setup();
    const body = customer("Kari");
    const v1 = await created(adapter, "customers", "cus_1", body);
    const v2 = written(await adapter.write(updateWrite(v1, "customers", customer("Kari B"), T0 + 1))).record;
    expect(await adapter.write(deleteWrite(v1, "customers", body.keys, T0 + 2))).toEqual({
      ok: false,
      reason: "version",
      current: v2,
    });
    expect(await adapter.get("customers", "cus_1")).toEqual(v2);
  });

  it("a product's sku is unique (as normalised): a create or update taking another's is refused naming the holder", async () => {
    const adapter = await setup();
    const a = await created(adapter, "products", "prd_a", product("SKU-1"));
    const b = await created(adapter, "products", "prd_b", product("SKU-2"));
    expect(await adapter.write(createWrite("products", "prd_c", product(" sku-1 "), T0 + 1))).toEqual(
      refusedAsDuplicate("sku", "prd_a"),
    );
    expect(await adapter.get("products", "prd_c")).toBeNull();
    expect(await adapter.write(updateWrite(b, "products", product("Sku-1"), T0 + 2))).toEqual(
      refusedAsDuplicate("sku", "prd_a"),
    );
    expect(await adapter.get("products", "prd_b")).toEqual(b);
    expect(await allDue(adapter)).toHaveLength(2);
    // A record keeping its own sku is no duplicate of itself.
    written(await adapter.write(updateWrite(a, "products", product("SKU-1", { name: "Renamed" }), T0 + 3)));
  });

  it("an order's order_number is unique; a freed one (its order deleted) can be taken again", async () => {
    const adapter = await setup();
    const first = await created(adapter, "orders", "ord_1", order("10001"));
    expect(await adapter.write(createWrite("orders", "ord_2", order("10001"), T0 + 1))).toEqual(
      refusedAsDuplicate("order_number", "ord_1"),
    );
    written(await adapter.write(deleteWrite(first, "orders", order("10001").keys, T0 + 2)));
    written(await adapter.write(createWrite("orders", "ord_2", order("10001"), T0 + 3)));
  });

  it("keys that are not unique (a customer's email) may be shared, and a sku is unique per resource only", async () => {
    const adapter = await setup();
    await created(adapter, "customers", "cus_1", customer("Kari"));
    written(await adapter.write(createWrite("customers", "cus_2", customer("Kari"), T0 + 1)));
    await created(adapter, "products", "prd_1", product("X-1"), T0 + 2);
    written(
      await adapter.write(
        createWrite("orders", "ord_1", { ...order("1"), keys: { order_number: "1", sku: "x-1" } }, T0 + 3),
      ),
    );
  });

  it("a stale version wins over a duplicate: the write is refused as a version mismatch", async () => {
    const adapter = await setup();
    await created(adapter, "products", "prd_a", product("A"));
    const b1 = await created(adapter, "products", "prd_b", product("B"), T0 + 1);
    const b2 = written(await adapter.write(updateWrite(b1, "products", product("B", { name: "b2" }), T0 + 2))).record;
    expect(await adapter.write(updateWrite(b1, "products", product("A"), T0 + 3))).toEqual({
      ok: false,
      reason: "version",
      current: b2,
    });
  });

  it("of many updates of one record at the same version at once exactly one commits; the rest see it as current", async () => {
    const adapter = await setup();
    const v1 = await created(adapter, "customers", "cus_1", customer("Kari"));
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => adapter.write(updateWrite(v1, "customers", customer(`Writer ${i}`), T0 + 1))),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const current = await adapter.get("customers", "cus_1");
    expect(current?.version).toBe(2);
    for (const refused of results.filter((r) => !r.ok))
      expect(refused).toEqual({ ok: false, reason: "version", current });
    expect((await drainEvents(adapter)).map((e) => e.version)).toEqual([1, 2]);
  });

  it("of many creates taking one sku at once exactly one commits; the rest are told who holds it", async () => {
    const adapter = await setup();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => adapter.write(createWrite("products", `prd_${i}`, product("RACE-1"), T0))),
    );
    const winners = results.filter((r) => r.ok);
    expect(winners).toHaveLength(1);
    const holder = winners[0]!.ok ? winners[0]!.record.id : "";
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused).toEqual(refusedAsDuplicate("sku", holder));
    }
    expect(await adapter.feed("products", null, 10)).toHaveLength(1);
  });
}
