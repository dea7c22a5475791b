import { describe, expect, it } from "vitest";
import { corruptGets, setup } from "./harness";

describe("answers that do not match the contract's schemas", () => {
  it("names the resource, the id, the field and the value", async () => {
    const { client, shop } = setup({ wrap: corruptGets(/\/products\//, (p) => ({ ...p, price: 199.5 })) });
    const product = shop.seed.product({ sku: "SKU-1" });
    const result = await client.get("products", product.id);
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "unexpected-response", resource: "products", id: product.id, path: "price", value: 199.5 },
    });
    if (!result.ok) {
      expect(result.error.message).toMatch(
        new RegExp(
          `^The webshop's product ${product.id} has price 199.5: must be a decimal string with exactly two decimals`,
        ),
      );
    }
  });

  it("names the record inside a feed page, not its place in the list", async () => {
    const { client, shop } = setup({
      wrap: corruptGets(/\/customers$/, (page) => {
        const data = page.data as Array<Record<string, unknown>>;
        data[1]!.updated_at = "2026-11-26 12:00";
      }),
    });
    shop.seed.customer({ kind: "company", name: "A" });
    const second = shop.seed.customer({ kind: "company", name: "B" });
    const result = await client.changesPage("customers");
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "unexpected-response", id: second.id, path: "updated_at" },
    });
    if (!result.ok)
      expect(result.error.message).toMatch(`customer ${second.id} has updated_at "2026-11-26 12:00": must be`);
  });

  it("names a nested field and a missing one", async () => {
    const { client, shop } = setup({
      wrap: corruptGets(/\/orders\//, (o) => {
        (o.lines as Array<Record<string, unknown>>)[0]!.quantity = "2";
      }),
    });
    const order = shop.seed.order({ lines: [{ quantity: 2, unit_price: "10.00" }] });
    const result = await client.get("orders", order.id);
    expect(result).toMatchObject({ ok: false, error: { path: "lines.0.quantity", value: "2" } });

    const missing = setup({ wrap: corruptGets(/\/customers\//, (c) => void delete c.active) });
    const customer = missing.shop.seed.customer({ kind: "company", name: "A" });
    const lacking = await missing.client.get("customers", customer.id);
    expect(lacking).toMatchObject({ ok: false, error: { path: "active" } });
    if (!lacking.ok)
      expect(lacking.error.message).toMatch(`customer ${customer.id} has no active: the contract requires it`);
  });

  it("reports a body that is not JSON", async () => {
    const { client, shop } = setup({
      wrap: (fetch) => async (request) => {
        await fetch(request);
        return new Response("<html>Bad gateway</html>", { status: 200 });
      },
    });
    const product = shop.seed.product({ sku: "SKU-1" });
    expect(await client.get("products", product.id)).toMatchObject({
      ok: false,
      error: { kind: "unexpected-response", path: "(body)" },
    });
  });
});
