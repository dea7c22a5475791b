import { describe, expect, it } from "vitest";
import { SECRET, testShop } from "./test-client";

const address = { line1: "Bryggen 12", line2: null, postal_code: "5003", city: "Bergen", country: "NO" };

describe("PATCH: JSON merge patch", () => {
  it("sets given members, null clears nullable ones, left-out members stay; version and updated_at move", async () => {
    const { shop, api, clock } = testShop();
    const c = shop.seed.customer({ kind: "company", name: "Fjordbris AS", phone: "+47 55 00 00 00", website: "x.no" });
    clock.advance(1000);
    const reply = await api.patch(`/customers/${c.id}`, { phone: null, email: "post@fjordbris.no" });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ phone: null, email: "post@fjordbris.no", website: "x.no", version: 2 });
    expect(reply.json.updated_at).toBe("2026-11-26T12:00:01.000Z");
    expect(reply.json.created_at).toBe(c.created_at);
    expect(reply.headers.get("etag")).toBe('"2"');
    expect(shop.get("customers", c.id)).toEqual(reply.json);
  });

  it("external_ids merge key by key and null removes a key; billing_address is replaced whole", async () => {
    const { shop, api } = testShop();
    const c = shop.seed.customer({
      kind: "company",
      external_ids: { poweroffice_customer: "1", poweroffice_department: "9" },
      billing_address: address,
    });
    const reply = await api.patch(`/customers/${c.id}`, {
      external_ids: { poweroffice_customer: "2", poweroffice_department: null, other_system: "x" },
      billing_address: { ...address, line1: "Bryggen 14", city: "Bergen" },
    });
    expect(reply.json.external_ids).toEqual({ poweroffice_customer: "2", other_system: "x" });
    expect(reply.json.billing_address).toEqual({ ...address, line1: "Bryggen 14" });
    expect((await api.patch(`/customers/${c.id}`, { billing_address: null })).json.billing_address).toBeNull();
  });

  it("a no-op patch changes nothing: same version and updated_at, no webhook", async () => {
    const { shop, api, clock } = testShop({
      webhooks: { url: "https://w.test/h", secret: SECRET, mode: "manual" },
    });
    const c = shop.seed.customer({ kind: "company", name: "Acme AS", external_ids: { poweroffice_customer: "7" } });
    clock.advance(5000);
    const same = await api.patch(`/customers/${c.id}`, {
      name: "Acme AS",
      external_ids: { poweroffice_customer: "7", missing_key: null },
    });
    expect(same.status).toBe(200);
    expect(same.json).toEqual(c);
    expect((await api.patch(`/customers/${c.id}`, {})).json.version).toBe(1);
    expect(shop.webhooks.sent).toEqual([]);
  });

  it("keeps a person's name equal to 'first_name last_name'; a written name does not override it", async () => {
    const { api } = testShop();
    const created = await api.post("/customers", {
      kind: "person",
      first_name: "Ingrid",
      last_name: "Haugen",
      name: "X",
    });
    expect(created.json.name).toBe("Ingrid Haugen");
    const renamed = await api.patch(`/customers/${created.json.id}`, { last_name: "Haugen Berg" });
    expect(renamed.json.name).toBe("Ingrid Haugen Berg");
    const ignored = await api.patch(`/customers/${created.json.id}`, { name: "Someone Else" });
    expect(ignored.json).toMatchObject({ name: "Ingrid Haugen Berg", version: 2 });
  });

  it("422 when the result breaks a customer rule; 400 for unknown, read-only or null-for-required members", async () => {
    const { shop, api } = testShop();
    const person = shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Nordmann" });
    const noName = await api.patch(`/customers/${person.id}`, { first_name: null });
    expect(noName.status).toBe(422);
    expect(noName.json.error.details.fields).toEqual({ first_name: "a person needs first_name and last_name" });
    const toDepartment = await api.patch(`/customers/${person.id}`, { kind: "department" });
    expect(toDepartment.json.error.details.fields).toEqual({ department_code: "a department needs a department_code" });
    const bad = await api.patch(`/customers/${person.id}`, { name: null, id: "x", colour: "red" });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.fields).toEqual({
      name: "must be a string, got null",
      id: "'id' is read-only",
      colour: "unknown field 'colour'",
    });
    expect(shop.get("customers", person.id)?.version).toBe(1);
  });

  it("409 duplicate when a patch takes another product's sku", async () => {
    const { shop, api } = testShop();
    const a = shop.seed.product({ sku: "STOL-ERGO" });
    const b = shop.seed.product({ sku: "LAMPE-LED" });
    const clash = await api.patch(`/products/${b.id}`, { sku: " stol-ergo" });
    expect(clash.status).toBe(409);
    expect(clash.json.error).toMatchObject({ code: "duplicate", details: { field: "sku", existing_id: a.id } });
    expect((await api.patch(`/products/${a.id}`, { sku: "Stol-Ergo" })).json.sku).toBe("Stol-Ergo");
  });
});

describe("If-Match", () => {
  it("a stale version is 412 with the current object in error.details.current; nothing changes", async () => {
    const { shop, api } = testShop();
    const p = shop.seed.product({ sku: "A" });
    shop.edit("products", p.id, { name: "Changed in the shop" });
    const stale = await api.patch(`/products/${p.id}`, { price: "5.00" }, { ifMatch: 1 });
    expect(stale.status).toBe(412);
    expect(stale.json.error.code).toBe("version_mismatch");
    expect(stale.json.error.details.current).toEqual(shop.get("products", p.id));
    expect(stale.json.error.details.current.version).toBe(2);
    expect(shop.get("products", p.id)?.price).toBe("100.00");
  });

  it("accepts the current version as a number, an entity tag or *; rejects unreadable values", async () => {
    const { shop, api } = testShop();
    const p = shop.seed.product({ sku: "A" });
    expect((await api.patch(`/products/${p.id}`, { price: "1.00" }, { ifMatch: 1 })).json.version).toBe(2);
    expect((await api.patch(`/products/${p.id}`, { price: "2.00" }, { ifMatch: '"2"' })).json.version).toBe(3);
    expect((await api.patch(`/products/${p.id}`, { price: "3.00" }, { ifMatch: 'W/"3"' })).json.version).toBe(4);
    expect((await api.patch(`/products/${p.id}`, { price: "4.00" }, { ifMatch: "*" })).json.version).toBe(5);
    const unreadable = await api.patch(`/products/${p.id}`, { price: "5.00" }, { ifMatch: "v5" });
    expect(unreadable.status).toBe(400);
    expect(unreadable.json.error.details.fields["If-Match"]).toBeTruthy();
  });
});

describe("DELETE", () => {
  it("hard-deletes: 204, then 404, gone from the feed; a stale If-Match is 412", async () => {
    const { shop, api } = testShop();
    const order = shop.seed.order();
    expect((await api.delete(`/orders/${order.id}`, { ifMatch: 2 })).status).toBe(412);
    const deleted = await api.delete(`/orders/${order.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await api.get(`/orders/${order.id}`)).status).toBe(404);
    expect((await api.get("/orders")).json.data).toEqual([]);
    expect((await api.delete(`/orders/${order.id}`)).status).toBe(404);
  });
});
