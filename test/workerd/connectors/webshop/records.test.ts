import { describe, expect, it } from "vitest";
import { corruptGets, recorder, setup, value } from "./harness";

describe("reading one record", () => {
  it("returns the record, validated", async () => {
    const { client, shop } = setup();
    const product = shop.seed.product({ sku: "SKU-1", name: "Widget", price: "199.00" });
    const got = value(await client.get("products", product.id));
    expect(got).toEqual(product);
  });

  it("reports an unknown id as not-found: for the engine, deleted in the shop", async () => {
    const { client, shop } = setup();
    const customer = shop.seed.customer({ kind: "person", first_name: "Kari", last_name: "Nordmann" });
    shop.remove("customers", customer.id);
    const result = await client.get("customers", customer.id);
    expect(result).toMatchObject({ ok: false, error: { kind: "not-found", resource: "customers", id: customer.id } });
    if (!result.ok) expect(result.error.message).toMatch(/^The webshop has no customer .+ It may have been deleted/);
    expect(shop.requests).toHaveLength(1);
  });

  it("percent-encodes the id in the path", async () => {
    const spy = recorder();
    const { client } = setup({ wrap: spy.wrap });
    await client.get("orders", "a?b c");
    expect(new URL(spy.seen[0]!.url).pathname).toBe("/api/orders/a%3Fb%20c");
  });

  it('never sends an id that is ".", ".." or holds "/": it would address another path', async () => {
    const spy = recorder();
    const { client } = setup({ wrap: spy.wrap });
    for (const id of [".", "..", "a/b", "../customers"]) {
      expect(await client.get("orders", id)).toMatchObject({ ok: false, error: { kind: "invalid-input" } });
    }
    expect(spy.seen).toEqual([]);
  });

  it("refuses an answer that is another record than the one asked for", async () => {
    const { client, shop } = setup({ wrap: corruptGets(/\/products\//, (p) => ({ ...p, id: "someone-else" })) });
    const product = shop.seed.product({ sku: "SKU-1" });
    const result = await client.get("products", product.id);
    expect(result).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "wrong-record" } });
  });
});
