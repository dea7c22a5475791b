/**
 * "Push to PowerOffice" on a shop order whose PowerOffice sales order was invoiced (it left /SalesOrders): the push
 * reads PowerOffice even though the shop order did not change, applies the lifecycle (shop order invoiced, link
 * archived) and says so in its answer; a push of an order that already agrees says that nothing needed sending.
 */
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import { WebshopRecordStatusSchema } from "../../../../shared/api/records";
import { createApiWorld } from "./api-world";

async function linkedShopOrder() {
  const world = await createApiWorld();
  await world.cycle(); // the first full read of PowerOffice's customers opens shop→PowerOffice customer creates
  const buyer = world.shop.seed.customer({ kind: "company", name: "Push AS", organization_number: "923456783" });
  const chair = world.shop.seed.product({ sku: "PUSH-STOL", name: "Stol", price: "100.00" });
  const order = world.shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: chair.id, quantity: 1 }] });
  for (let i = 0; i < 2; i++) await world.cycle();
  const [poOrder] = world.poweroffice.list("salesOrders");
  expect(world.shop.get("orders", order.id)?.external_ids.poweroffice_sales_order).toBe(poOrder!.Id);
  return { world, order, poOrder: poOrder! };
}

describe("POST /api/push of an order invoiced in PowerOffice", () => {
  it("reads PowerOffice, marks the shop order invoiced, archives the link and says what it found", {
    timeout: 30_000,
  }, async () => {
    const { world, order, poOrder } = await linkedShopOrder();
    world.poweroffice.invoiceOrder(poOrder.Id);
    world.clock.advance(5_000);
    const before = world.poweroffice.requests.length;

    const answer = await world.ok(WebshopRecordStatusSchema, "POST", API_PATHS.push, {
      body: { resource: "orders", id: order.id },
      headers: { "Idempotency-Key": "push-invoiced-1" },
    });

    const asked = world.poweroffice.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(asked).toContainEqual(expect.stringMatching(new RegExp(`^GET .*/SalesOrders/${poOrder.Id}/Complete 404$`)));
    expect(world.shop.get("orders", order.id)?.status).toBe("invoiced");
    expect(answer.state).toBe("archived");
    expect(answer.record?.state).toBe("archived");
    expect(answer.message).toMatch(/no longer among its sales orders/);
    expect(answer.message).toMatch(/invoiced/);
  });

  it("says so when the order already agrees with PowerOffice", { timeout: 30_000 }, async () => {
    const { world, order } = await linkedShopOrder();
    const answer = await world.ok(WebshopRecordStatusSchema, "POST", API_PATHS.push, {
      body: { resource: "orders", id: order.id },
      headers: { "Idempotency-Key": "push-quiet-1" },
    });
    expect(answer.state).toBe("linked");
    expect(answer.message).toMatch(/already/i);
  });
});
