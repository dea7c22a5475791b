/** Promise 2's clock, and the reads: the feed in (updated_at, id) order after a position, and lookups. */
import { expect, it } from "vitest";
import type { StoredRecord, WebshopAdapter } from "../../webshop-kit/src/adapter";
import { created, customer, deleteWrite, iso, product, T0, updateWrite, written } from "./adapter-fixtures";

const ids = (records: StoredRecord[]) => records.map((r) => r.id);

export function feedContract(setup: () => Promise<WebshopAdapter>): void {
  it("the change clock is max(now, last + 1 ms) across the shop, deletes included", async () => {
    const adapter = await setup();
    const a = await created(adapter, "customers", "cus_a", customer("A"), T0);
    const b = await created(adapter, "products", "prd_b", product("B"), T0);
    const c = await created(adapter, "customers", "cus_c", customer("C"), T0 - 60_000);
    const gone = written(await adapter.write(deleteWrite(b, "products", product("B").keys, T0)));
    const d = written(await adapter.write(updateWrite(a, "customers", customer("A2"), T0 + 5_000))).record;
    const e = await created(adapter, "orders", "ord_e", { content: { external_ids: {} }, keys: {} }, T0 + 4_000);
    expect([a, b, c].map((r) => r.updated_at)).toEqual([iso(T0), iso(T0 + 1), iso(T0 + 2)]);
    expect(gone.event.at).toBe(iso(T0 + 3));
    expect([d.updated_at, e.updated_at, e.created_at]).toEqual([iso(T0 + 5_000), iso(T0 + 5_001), iso(T0 + 5_001)]);
  });

  it("the feed lists one resource in (updated_at, id) order after a position (exclusive), at most limit", async () => {
    const adapter = await setup();
    const a = await created(adapter, "customers", "cus_b", customer("A"), T0);
    const b = await created(adapter, "customers", "cus_a", customer("B"), T0 + 1_000);
    await created(adapter, "products", "prd_x", product("X"), T0 + 1_500);
    const c = await created(adapter, "customers", "cus_C", customer("C"), T0 + 2_000);
    expect(await adapter.feed("customers", null, 10)).toEqual([a, b, c]);
    expect(ids(await adapter.feed("customers", null, 2))).toEqual(["cus_b", "cus_a"]);
    expect(ids(await adapter.feed("customers", { updatedAt: a.updated_at, id: a.id }, 10))).toEqual(["cus_a", "cus_C"]);
    expect(ids(await adapter.feed("customers", { updatedAt: c.updated_at, id: c.id }, 10))).toEqual([]);
    expect(ids(await adapter.feed("products", null, 10))).toEqual(["prd_x"]);
  });

  it("a position with id null is after every record at that time", async () => {
    const adapter = await setup();
    await created(adapter, "customers", "cus_1", customer("A"), T0);
    await created(adapter, "customers", "cus_2", customer("B"), T0 + 500);
    await created(adapter, "customers", "cus_3", customer("C"), T0 + 1_000);
    const after = (updatedAt: string) => adapter.feed("customers", { updatedAt, id: null }, 10).then(ids);
    expect(await after(iso(T0))).toEqual(["cus_2", "cus_3"]);
    expect(await after(iso(T0 - 1))).toEqual(["cus_1", "cus_2", "cus_3"]);
    expect(await after(iso(T0 + 500))).toEqual(["cus_3"]);
    expect(await after(iso(T0 + 1_000))).toEqual([]);
  });

  it("an id breaks a tie at the same updated_at: records at that time with a greater id follow", async () => {
    const adapter = await setup();
    const a = await created(adapter, "customers", "cus_1", customer("A"), T0);
    // No two writes share a time, so the tie is asked for: a position at a's time with a smaller and a greater id.
    expect(ids(await adapter.feed("customers", { updatedAt: a.updated_at, id: "cus_0" }, 10))).toEqual(["cus_1"]);
    expect(ids(await adapter.feed("customers", { updatedAt: a.updated_at, id: "cus_2" }, 10))).toEqual([]);
  });

  it("an updated record moves to the end of the feed, and paging with limit sees each record once", async () => {
    const adapter = await setup();
    const first = await created(adapter, "customers", "cus_1", customer("A"), T0);
    for (let i = 2; i <= 5; i++) await created(adapter, "customers", `cus_${i}`, customer(`N${i}`), T0 + i);
    written(await adapter.write(updateWrite(first, "customers", customer("A2"), T0 + 100)));
    const seen: string[] = [];
    let after = null;
    for (let page = await adapter.feed("customers", null, 2); page.length > 0; ) {
      seen.push(...ids(page));
      const last = page.at(-1)!;
      after = { updatedAt: last.updated_at, id: last.id };
      page = await adapter.feed("customers", after, 2);
    }
    expect(seen).toEqual(["cus_2", "cus_3", "cus_4", "cus_5", "cus_1"]);
  });

  it("a match lookup narrows the feed to records whose normalised key equals the value, with after and limit", async () => {
    const adapter = await setup();
    const kari1 = await created(adapter, "customers", "cus_1", customer("Kari"), T0);
    await created(adapter, "customers", "cus_2", customer("Ola"), T0 + 1);
    const kari3 = await created(adapter, "customers", "cus_3", customer("Kari"), T0 + 2);
    const org = { ...customer("Firma"), keys: { email: null, organization_number: "987654321" } };
    await created(adapter, "customers", "cus_4", org, T0 + 3);
    const email = { kind: "match", field: "email", value: "kari@example.com" } as const;
    expect(await adapter.feed("customers", null, 10, email)).toEqual([kari1, kari3]);
    expect(ids(await adapter.feed("customers", null, 1, email))).toEqual(["cus_1"]);
    expect(ids(await adapter.feed("customers", { updatedAt: kari1.updated_at, id: kari1.id }, 10, email))).toEqual([
      "cus_3",
    ]);
    expect(ids(await adapter.feed("customers", null, 10, { ...email, value: "KARI@example.com" }))).toEqual([]);
    expect(
      ids(
        await adapter.feed("customers", null, 10, { kind: "match", field: "organization_number", value: "987654321" }),
      ),
    ).toEqual(["cus_4"]);
    expect(ids(await adapter.feed("products", null, 10, email))).toEqual([]);
  });

  it("a match lookup follows a record's keys as its writes change them", async () => {
    const adapter = await setup();
    const p = await created(adapter, "products", "prd_1", product("OLD-1"));
    written(await adapter.write(updateWrite(p, "products", product("NEW-1"), T0 + 1)));
    const sku = (value: string) => adapter.feed("products", null, 10, { kind: "match", field: "sku", value }).then(ids);
    expect(await sku("old-1")).toEqual([]);
    expect(await sku("new-1")).toEqual(["prd_1"]);
  });

  it("an external_id lookup matches one key:value pair of external_ids exactly, as the record's writes leave them", async () => {
    const adapter = await setup();
    const ext = (external_ids: Record<string, string>) => customer("X", { external_ids });
    const a = await created(adapter, "customers", "cus_1", ext({ poweroffice_customer: "10:42", legacy: "A" }), T0);
    await created(adapter, "customers", "cus_2", ext({ poweroffice_customer: "11" }), T0 + 1);
    await created(adapter, "customers", "cus_3", ext({ legacy: "10:42" }), T0 + 2);
    const lookup = (key: string, value: string) =>
      adapter.feed("customers", null, 10, { kind: "external_id", key, value }).then(ids);
    expect(await lookup("poweroffice_customer", "10:42")).toEqual(["cus_1"]);
    expect(await lookup("legacy", "a")).toEqual([]);
    expect(await lookup("legacy", "A")).toEqual(["cus_1"]);
    expect(await lookup("poweroffice_customer", "10")).toEqual([]);
    expect(await adapter.feed("products", null, 10, { kind: "external_id", key: "legacy", value: "A" })).toEqual([]);
    written(await adapter.write(updateWrite(a, "customers", ext({ poweroffice_customer: "12" }), T0 + 3)));
    expect(await lookup("poweroffice_customer", "10:42")).toEqual([]);
    expect(await lookup("legacy", "A")).toEqual([]);
    expect(await lookup("poweroffice_customer", "12")).toEqual(["cus_1"]);
    const after = (await adapter.feed("customers", null, 1))[0]!;
    expect(
      ids(
        await adapter.feed("customers", { updatedAt: after.updated_at, id: after.id }, 1, {
          kind: "external_id",
          key: "poweroffice_customer",
          value: "12",
        }),
      ),
    ).toEqual(["cus_1"]);
  });
}
