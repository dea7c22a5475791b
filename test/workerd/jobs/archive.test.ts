/**
 * Lifecycle: nothing is hard-deleted. Archiving on either side archives on the other; a record deleted in the shop
 * archives its PowerOffice partner; an order invoiced in PowerOffice becomes `invoiced` in the shop.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";
import { linkRows } from "./tables";
import { writes } from "./views";

async function linked() {
  const world = await createWorld();
  const product = world.poweroffice.seed.product({ Code: "LAMPE-1", Name: "Lampe" });
  const customer = world.poweroffice.seed.customer({ IsPerson: true, EmailAddress: "arkiv@example.no" });
  for (let i = 0; i < 3; i++) await world.cycle();
  const shopProduct = world.shop.list("products").find((p) => p.sku === "LAMPE-1")!;
  const shopCustomer = world.shop.list("customers").find((c) => c.email === "arkiv@example.no")!;
  return { world, product, customer, shopProduct, shopCustomer };
}

describe("archive both ways", () => {
  it("archived in PowerOffice → inactive in the shop", async () => {
    const { world, product, customer, shopProduct, shopCustomer } = await linked();
    world.poweroffice.edit("products", product.Id, { IsArchived: true });
    world.poweroffice.edit("customers", customer.Id, { IsArchived: true });
    await world.cycle();
    expect(world.shop.get("products", shopProduct.id)?.active).toBe(false);
    expect(world.shop.get("customers", shopCustomer.id)?.active).toBe(false);
    expect(writes(world).webshop.filter((r) => r.method === "DELETE")).toEqual([]);
  });

  it("inactive in the shop → archived in PowerOffice, through the webhook", async () => {
    const { world, product, shopProduct } = await linked();
    world.shop.edit("products", shopProduct.id, { active: false });
    await world.settle();
    expect(world.poweroffice.get("products", product.Id)?.IsArchived).toBe(true);
  });

  it("deleted in the shop → archived in PowerOffice and the link archived; nothing is deleted there", async () => {
    const { world, customer, shopCustomer } = await linked();
    world.shop.remove("customers", shopCustomer.id);
    await world.settle();
    expect(world.poweroffice.get("customers", customer.Id)?.IsArchived).toBe(true);
    expect(writes(world).poweroffice.filter((r) => r.method === "DELETE")).toEqual([]);
    const link = (await linkRows("customers")).find((l) => l.webshop_id === shopCustomer.id);
    expect(link?.state).toBe("archived");
  });

  it("edited in PowerOffice after it was deleted in the shop (its webhook not synced yet): archived, not an error", async () => {
    const { world, customer, shopCustomer } = await linked();
    world.shop.remove("customers", shopCustomer.id);
    world.poweroffice.edit("customers", customer.Id, { PhoneNumber: "+47 400 00 000" });
    world.clock.advance(61_000);
    // The cron's read of PowerOffice's change, before the shop's webhook of the deletion is delivered: the write to the
    // shop record finds it gone (404), so the records are read again and the deletion is seen as such.
    await world.runCron();
    expect(world.poweroffice.get("customers", customer.Id)).toMatchObject({
      IsArchived: true,
      PhoneNumber: "+47 400 00 000",
    });
    const link = (await linkRows("customers")).find((l) => l.poweroffice_id === String(customer.Id));
    expect(link).toMatchObject({ state: "archived", error_code: null });
  });

  it("invoiced in PowerOffice (gone from /SalesOrders) → `invoiced` in the shop", async () => {
    const world = await createWorld();
    const buyer = world.shop.seed.customer({ kind: "person", email: "kjoper@example.no" });
    const product = world.shop.seed.product({ sku: "FAKTURA-1" });
    const order = world.shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: product.id }] });
    for (let i = 0; i < 4; i++) await world.cycle();
    const [poOrder] = world.poweroffice.list("salesOrders");
    expect(poOrder).toBeDefined();

    world.poweroffice.invoiceOrder(poOrder!.Id as string);
    // The order feed cannot show an order that left it: the cron's look for invoiced orders finds it.
    world.clock.advance(61 * 60_000);
    await world.cycle();

    expect(world.shop.get("orders", order.id)?.status).toBe("invoiced");
    expect((await linkRows("orders"))[0]?.state).toBe("archived");
  });

  it("cancelled in the shop → the PowerOffice order is left as is and flagged for attention, not deleted", async () => {
    const world = await createWorld();
    const buyer = world.shop.seed.customer({ kind: "person", email: "angrer@example.no" });
    const product = world.shop.seed.product({ sku: "ANGRE-1" });
    const order = world.shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: product.id }] });
    for (let i = 0; i < 4; i++) await world.cycle();
    expect(world.poweroffice.count("salesOrders")).toBe(1);

    world.shop.edit("orders", order.id, { status: "cancelled" });
    await world.settle();

    expect(world.poweroffice.count("salesOrders")).toBe(1);
    expect(writes(world).poweroffice.filter((r) => r.method === "DELETE")).toEqual([]);
    const [link] = await linkRows("orders");
    expect(link?.last_error).toMatch(/cancelled/i);
  });
});
