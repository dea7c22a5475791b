/**
 * A quiet system makes zero writes: once both sides agree, three cron runs (with the webhooks and queue messages
 * they cause) send no POST, PATCH or DELETE to either system. Our own writes' echoes are recognised as such.
 * At this level (workerd): zero writes through cron, webhook intake and queue; the engine-level rule (store
 * writes counted too) is test/node/engine/quiet.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";
import { mark, writes } from "./views";

describe("a quiet system", () => {
  it("makes 0 writes over 3 cron runs after a two-way backfill", async () => {
    const world = await createWorld();
    const { poweroffice: po, shop } = world;
    for (let n = 1; n <= 3; n++) po.seed.product({ Code: `PO-${n}`, Name: `Fra PowerOffice ${n}` });
    po.seed.customer({ IsPerson: true, FirstName: "Per", LastName: "Post", EmailAddress: "per@example.no" });
    const shopProduct = shop.seed.product({ sku: "SHOP-1", name: "Fra butikken" });
    const buyer = shop.seed.customer({ kind: "company", name: "Butikkunde AS", organization_number: "998877665" });
    shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: shopProduct.id, quantity: 3 }] });
    for (let i = 0; i < 4; i++) await world.cycle();
    expect(po.count("salesOrders")).toBe(1);

    const before = mark(world);
    for (let i = 0; i < 3; i++) await world.cycle();

    const made = writes(world, before);
    expect(made.poweroffice).toEqual([]);
    expect(made.webshop).toEqual([]);
    expect(shop.webhooks.sent.slice(-1)[0]?.state ?? "delivered").toBe("delivered");
  });
});
