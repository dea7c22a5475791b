import { describe, expect, it } from "vitest";
import { testShop } from "./test-client";

const ids = (reply: { json: { data: { id: string }[] } }) => reply.json.data.map((r) => r.id);

describe("lookups", () => {
  it("external_id=<key>:<value> matches exactly one key's value, which may contain colons", async () => {
    const { shop, api } = testShop();
    const a = shop.seed.customer({ kind: "company", external_ids: { poweroffice_customer: "1234567" } });
    shop.seed.customer({ kind: "department", external_ids: { poweroffice_department: "1234567" } });
    const c = shop.seed.customer({ kind: "company", external_ids: { poweroffice_customer: "a:b" } });
    expect(ids(await api.get("/customers?external_id=poweroffice_customer:1234567"))).toEqual([a.id]);
    expect(ids(await api.get("/customers?external_id=poweroffice_customer:a:b"))).toEqual([c.id]);
    expect(ids(await api.get("/customers?external_id=poweroffice_customer:12345678"))).toEqual([]);
    expect(ids(await api.get("/customers?external_id=constructor:x"))).toEqual([]);
    for (const bad of ["poweroffice_customer", "poweroffice_customer:", ":1", "PowerOffice:1"]) {
      const reply = await api.get(`/customers?external_id=${encodeURIComponent(bad)}`);
      expect(reply.status, bad).toBe(400);
      expect(reply.json.error.details.fields.external_id).toBeTruthy();
    }
  });

  it("email: trimmed and case-insensitive on both sides; not unique, so every match is returned", async () => {
    const { shop, api } = testShop();
    const a = shop.seed.customer({ kind: "person", email: " Ola.Nordmann@Epost.no " });
    const b = shop.seed.customer({ kind: "person", email: "ola.nordmann@epost.no" });
    shop.seed.customer({ kind: "person", email: "kari@epost.no" });
    expect(ids(await api.get(`/customers?email=${encodeURIComponent("  OLA.nordmann@epost.NO")}`))).toEqual([
      a.id,
      b.id,
    ]);
    expect((await api.get("/customers?email=")).status).toBe(400);
  });

  it("organization_number: digits only on both sides", async () => {
    const { shop, api } = testShop();
    const a = shop.seed.customer({ kind: "company", organization_number: "NO 952 601 814 MVA" });
    shop.seed.customer({ kind: "company", organization_number: "959083010" });
    expect(ids(await api.get("/customers?organization_number=952601814"))).toEqual([a.id]);
    expect(ids(await api.get(`/customers?organization_number=${encodeURIComponent("952 601 814")}`))).toEqual([a.id]);
    expect((await api.get("/customers?organization_number=abc")).json.error.details.fields).toEqual({
      organization_number: "must contain digits",
    });
  });

  it("department_code and order_number: exact", async () => {
    const { shop, api } = testShop();
    const dep = shop.seed.customer({ kind: "department", name: "Nettbutikk", department_code: "900A" });
    expect(ids(await api.get("/customers?department_code=900A"))).toEqual([dep.id]);
    expect(ids(await api.get("/customers?department_code=900a"))).toEqual([]);
    const order = shop.seed.order({ order_number: "SO-17" });
    shop.seed.order({ order_number: "SO-170" });
    expect(ids(await api.get("/orders?order_number=SO-17"))).toEqual([order.id]);
    expect(ids(await api.get("/orders?order_number=so-17"))).toEqual([]);
  });

  it("sku: trimmed and case-insensitive", async () => {
    const { shop, api } = testShop();
    const chair = shop.seed.product({ sku: "STOL-ERGO" });
    shop.seed.product({ sku: "STOL-ERGO-2" });
    expect(ids(await api.get("/products?sku=%20stol-ergo%20"))).toEqual([chair.id]);
  });

  it("filters combine (AND) and page through the feed with cursor and limit", async () => {
    const { shop, api } = testShop();
    const hits = [1, 2, 3].map((n) =>
      shop.seed.customer({ kind: "person", email: "felles@epost.no", external_ids: { poweroffice_customer: `${n}` } }),
    );
    shop.seed.customer({ kind: "person", email: "annen@epost.no" });
    const first = await api.get("/customers?email=felles@epost.no&limit=2");
    expect(ids(first)).toEqual([hits[0]!.id, hits[1]!.id]);
    expect(first.json.has_more).toBe(true);
    const second = await api.get(`/customers?email=felles@epost.no&limit=2&cursor=${first.json.next_cursor}`);
    expect(ids(second)).toEqual([hits[2]!.id]);
    expect(second.json.has_more).toBe(false);
    const both = await api.get("/customers?email=felles@epost.no&external_id=poweroffice_customer:2");
    expect(ids(both)).toEqual([hits[1]!.id]);
  });

  it("unknown parameters, and match fields of another resource, are 400 naming them", async () => {
    const { api } = testShop();
    const typo = await api.get("/customers?emial=a@b.no");
    expect(typo.status).toBe(400);
    expect(typo.json.error.details.fields.emial).toMatch(/^unknown query parameter 'emial'; known: cursor, limit/);
    expect((await api.get("/customers?sku=A")).status).toBe(400);
    expect((await api.get("/products?email=a@b.no")).status).toBe(400);
    expect((await api.get("/orders?customer_id=x")).status).toBe(400);
    expect((await api.get("/products?sku=A&sku=B")).json.error.details.fields.sku).toBe("is given more than once");
  });
});
