/**
 * Backfill each way: one system full, the other empty; cron cycles (with the queue continuing long feeds) copy every
 * record across, each once, linked, and carrying the other side's id.
 * At this level (workerd): the whole worker, cron runs and queue messages on real D1 and KV; the rules
 * themselves are test/node/engine/backfill.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";
import { linkRows } from "./tables";
import { byKey, duplicateKeys, poCustomers, poProducts, shopCustomers, shopProducts } from "./views";

const CYCLES = 4;

describe("backfill", () => {
  it("copies PowerOffice's customers, departments and products into an empty shop, once each", async () => {
    const world = await createWorld();
    const po = world.poweroffice;
    for (let n = 1; n <= 12; n++) po.seed.product({ Code: `VARE-${n}`, Name: `Vare ${n}`, UnitPrice: 100 + n });
    for (let n = 1; n <= 6; n++) po.seed.customer({ IsPerson: n % 2 === 0, EmailAddress: `kunde${n}@example.no` });
    po.seed.department({ Code: "900", Name: "Lager", IsActive: true });

    for (let i = 0; i < CYCLES; i++) await world.cycle();

    expect(byKey(shopProducts(world), (p) => p.sku)).toEqual(byKey(poProducts(world), (p) => p.sku));
    expect(byKey(shopCustomers(world), (c) => c.key)).toEqual(byKey(poCustomers(world), (c) => c.key));
    const departments = world.shop.list("customers").filter((c) => c.kind === "department");
    expect(departments).toEqual([expect.objectContaining({ department_code: "900", name: "Lager", active: true })]);
    for (const product of world.shop.list("products")) {
      const partner = po.list("products").find((p) => p.Code === product.sku);
      expect(product.external_ids.poweroffice_product).toBe(String(partner?.Id));
    }
    const links = await linkRows();
    expect(links).toHaveLength(12 + 6 + 1);
    expect(links.every((l) => l.state === "linked" && l.poweroffice_id && l.webshop_id)).toBe(true);
    expect(world.budgets.every((b) => b.used() <= b.hardLimit)).toBe(true);
  });

  it("copies the shop's customers, products and orders into an empty PowerOffice, once each", async () => {
    const world = await createWorld();
    const shop = world.shop;
    const products = Array.from({ length: 8 }, (_, i) =>
      shop.seed.product({ sku: `SHOP-${i + 1}`, name: `Varen ${i + 1}`, price: `${200 + i}.00` }),
    );
    const buyer = shop.seed.customer({ kind: "company", name: "Kjøper AS", organization_number: "952 601 814" });
    for (let n = 1; n <= 4; n++) shop.seed.customer({ kind: "person", email: `person${n}@example.no` });
    shop.seed.order({
      customer_id: buyer.id,
      order_number: "10001",
      lines: [
        { product_id: products[0]!.id, quantity: 2 },
        { product_id: products[1]!.id, quantity: 1 },
      ],
    });

    for (let i = 0; i < CYCLES; i++) await world.cycle();

    expect(byKey(poProducts(world), (p) => p.sku)).toEqual(byKey(shopProducts(world), (p) => p.sku));
    expect(byKey(poCustomers(world), (c) => c.key)).toEqual(byKey(shopCustomers(world), (c) => c.key));
    expect(duplicateKeys(poCustomers(world), (c) => c.key)).toEqual([]);
    const poCustomer = world.poweroffice.list("customers").find((c) => c.OrganizationNumber === "952601814");
    expect(poCustomer?.ExternalImportReference).toBe(`ws-c-${buyer.id}`);
    const [order] = world.poweroffice.list("salesOrders");
    expect(world.poweroffice.count("salesOrders")).toBe(1);
    expect(order?.CustomerId).toBe(poCustomer?.Id);
    expect(order?.SalesOrderLines?.map((l) => [l.ProductCode, l.Quantity])).toEqual([
      ["SHOP-1", 2],
      ["SHOP-2", 1],
    ]);
    const links = await linkRows();
    expect(links.filter((l) => l.state !== "linked")).toEqual([]);
  });
});
