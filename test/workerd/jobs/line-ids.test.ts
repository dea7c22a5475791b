/**
 * A line added in the shop to a linked order is created in PowerOffice as a line of its own (POST …/Lines); the new
 * PowerOffice line's id goes back to the shop line (`external_ids.poweroffice_sales_order_line`) in the same run, as
 * a created record's id does, not with some later, unrelated write.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";

describe("order lines created in PowerOffice", () => {
  it("get their PowerOffice line id written back to the shop line in the same run", { timeout: 30_000 }, async () => {
    const world = await createWorld();
    const { shop, poweroffice: po } = world;
    await world.cycle(); // the first full read of PowerOffice's customers opens shop→PowerOffice customer creates
    const buyer = shop.seed.customer({ kind: "company", name: "Linje AS", organization_number: "923456783" });
    const chair = shop.seed.product({ sku: "LINJE-STOL", name: "Stol", price: "100.00" });
    const lamp = shop.seed.product({ sku: "LINJE-LAMPE", name: "Lampe", price: "50.00" });
    const order = shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: chair.id, quantity: 1 }] });
    for (let i = 0; i < 2; i++) await world.cycle();
    const [poOrder] = po.list("salesOrders");
    expect(poOrder?.SalesOrderLines).toHaveLength(1);

    world.clock.advance(60_000);
    const first = shop.get("orders", order.id)!.lines[0]!;
    shop.edit("orders", order.id, {
      lines: [
        { id: first.id, product_id: chair.id, quantity: 1, unit_price: first.unit_price },
        { product_id: lamp.id, quantity: 2, unit_price: "50.00" },
      ],
    });
    const postsBefore = po.requests.filter((r) => r.method === "POST").length;
    await world.settle(); // the webhook of the edit, and whatever it leads to; no cron run in between

    const poLines = po.get("salesOrders", poOrder!.Id)!.SalesOrderLines!;
    expect(poLines.map((l) => l.Quantity)).toEqual([1, 2]);
    const shopLines = shop.get("orders", order.id)!.lines;
    expect(shopLines.map((l) => l.external_ids.poweroffice_sales_order_line)).toEqual(poLines.map((l) => l.Id));
    expect(po.requests.filter((r) => r.method === "POST").length - postsBefore).toBe(1);

    // Nothing left to do: the next runs write nothing anywhere and create no second line.
    const shopWrites = shop.requests.filter((r) => r.method !== "GET").length;
    for (let i = 0; i < 2; i++) await world.cycle();
    expect(po.get("salesOrders", poOrder!.Id)!.SalesOrderLines).toHaveLength(2);
    expect(shop.requests.filter((r) => r.method !== "GET").length).toBe(shopWrites);
  });
});
