import { describe, expect, it } from "vitest";
import { recorder, setup, value } from "./harness";

const ids = (records: { id: string }[]) => records.map((r) => r.id).sort();

describe("looking records up", () => {
  it("finds by external id key:value, exactly and only that key", async () => {
    const spy = recorder();
    const { client, shop } = setup({ wrap: spy.wrap });
    const ours = shop.seed.customer({ kind: "company", name: "A", external_ids: { poweroffice_customer: "1234" } });
    shop.seed.customer({ kind: "company", name: "B", external_ids: { poweroffice_department: "1234" } });
    shop.seed.customer({ kind: "company", name: "C", external_ids: { poweroffice_customer: "12345" } });
    const found = value(await client.findByExternalId("customers", "poweroffice_customer", "1234"));
    expect(ids(found)).toEqual([ours.id]);
    expect(new URL(spy.seen[0]!.url).searchParams.get("external_id")).toBe("poweroffice_customer:1234");
    expect(value(await client.findByExternalId("customers", "poweroffice_customer", "999"))).toEqual([]);
  });

  it("finds by each match field as the contract compares it; the caller sees 0, 1 or 2+ matches", async () => {
    const { client, shop } = setup();
    const kari = shop.seed.customer({ kind: "person", first_name: "Kari", last_name: "N", email: "Kari@Example.no" });
    const twin = shop.seed.customer({ kind: "person", first_name: "Kari", last_name: "M", email: "kari@example.no" });
    const acme = shop.seed.customer({ kind: "company", name: "Acme", organization_number: "923 609 016" });
    const dept = shop.seed.customer({ kind: "department", name: "Oslo", department_code: "OSL" });
    const product = shop.seed.product({ sku: "Widget-1" });
    const order = shop.seed.order({ order_number: "1001" });

    expect(ids(value(await client.findBy("customers", "email", "  KARI@example.no ")))).toEqual(ids([kari, twin]));
    expect(ids(value(await client.findBy("customers", "organization_number", "923609016")))).toEqual([acme.id]);
    expect(ids(value(await client.findBy("customers", "department_code", "OSL")))).toEqual([dept.id]);
    expect(ids(value(await client.findBy("products", "sku", "widget-1")))).toEqual([product.id]);
    expect(ids(value(await client.findBy("orders", "order_number", "1001")))).toEqual([order.id]);
    expect(value(await client.findBy("orders", "order_number", "1002"))).toEqual([]);
  });

  it("refuses an unknown key, an unknown field or an empty value before sending anything", async () => {
    const { client, shop } = setup();
    // @ts-expect-error not an external id key
    const key = await client.findByExternalId("customers", "shopify_customer", "1");
    // @ts-expect-error not a match field of products
    const field = await client.findBy("products", "email", "a@b.no");
    const empty = await client.findBy("customers", "email", "  ");
    for (const result of [key, field, empty])
      expect(result).toMatchObject({ ok: false, error: { kind: "invalid-input" } });
    expect(shop.requests).toEqual([]);
  });

  it("refuses the answer of a shop that ignored the filter, rather than hand back unrelated records", async () => {
    const { client, shop } = setup({
      wrap: (fetch) => (request) => {
        const url = new URL(request.url);
        url.search = ""; // the shop "loses" the filter: everything comes back
        return fetch(new Request(url, request));
      },
    });
    shop.seed.customer({ kind: "company", name: "Unrelated", external_ids: { poweroffice_customer: "1" } });
    const result = await client.findByExternalId("customers", "poweroffice_customer", "2");
    expect(result).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "lookup-filter-ignored" } });
  });

  it("follows the pages of a lookup, sending the filter with each page", async () => {
    const spy = recorder();
    const { client, shop } = setup({
      wrap: (fetch) => (request) => {
        const url = new URL(request.url);
        url.searchParams.set("limit", "2"); // as if the shop's page size were 2
        return spy.wrap(fetch)(new Request(url, request));
      },
    });
    for (let i = 0; i < 3; i++) shop.seed.product({ sku: `S-${i}`, external_ids: { poweroffice_product: "same" } });
    expect(value(await client.findByExternalId("products", "poweroffice_product", "same"))).toHaveLength(3);
    const queries = spy.seen.map((r) => new URL(r.url).searchParams);
    expect(queries.map((q) => q.get("external_id"))).toEqual(["poweroffice_product:same", "poweroffice_product:same"]);
    expect(queries[1]?.get("cursor")).toBeTruthy();
  });

  it("refuses a lookup whose cursor stalls, rather than stop early and hide a second match", async () => {
    let first: Record<string, unknown> | undefined;
    const { client, shop } = setup({
      wrap: (fetch) => async (request) => {
        if (first) return Response.json({ ...first, next_cursor: "c0", has_more: true });
        first = (await (await fetch(request)).json()) as Record<string, unknown>;
        return Response.json({ ...first, next_cursor: "c0", has_more: true });
      },
    });
    shop.seed.product({ sku: "S-1", external_ids: { poweroffice_product: "same" } });
    const result = await client.findByExternalId("products", "poweroffice_product", "same");
    expect(result).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "cursor-stalled" } });
  });
});
