/**
 * Edits each way on linked records: a PowerOffice edit reaches the shop at the next cron run (PowerOffice has no
 * webhooks); a shop edit reaches PowerOffice through its webhook and the queue alone, with no cron run.
 * At this level (workerd): both paths end to end through the worker's cron, webhook route and queue; merging and
 * echoes are test/node/engine/edits.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";

async function linkedWorld() {
  const world = await createWorld();
  const product = world.poweroffice.seed.product({ Code: "KAFFE-1", Name: "Kaffe", UnitPrice: 89 });
  const customer = world.poweroffice.seed.customer({
    IsPerson: false,
    Name: "Brenneriet AS",
    OrganizationNumber: "912345674",
    EmailAddress: "post@brenneriet.no",
  });
  for (let i = 0; i < 3; i++) await world.cycle();
  const shopProduct = world.shop.list("products").find((p) => p.sku === "KAFFE-1")!;
  const shopCustomer = world.shop.list("customers").find((c) => c.organization_number === "912345674")!;
  expect(shopProduct).toBeDefined();
  expect(shopCustomer).toBeDefined();
  return { world, product, customer, shopProduct, shopCustomer };
}

describe("edits each way", () => {
  it("an edit in PowerOffice reaches the shop at the next cron run", async () => {
    const { world, product, customer, shopProduct, shopCustomer } = await linkedWorld();
    world.clock.advance(5_000);
    world.poweroffice.edit("products", product.Id, { Name: "Kaffe, mørkbrent", UnitPrice: 99.5 });
    world.poweroffice.edit("customers", customer.Id, { PhoneNumber: "+47 22 33 44 55" });

    await world.cycle();

    expect(world.shop.get("products", shopProduct.id)).toMatchObject({ name: "Kaffe, mørkbrent", price: "99.50" });
    expect(world.shop.get("customers", shopCustomer.id)?.phone).toBe("+47 22 33 44 55");
  });

  it("an edit in the shop reaches PowerOffice through the webhook and the queue, without a cron run", async () => {
    const { world, product, customer, shopProduct, shopCustomer } = await linkedWorld();
    const cronRuns = world.cronReports.length;
    world.clock.advance(5_000);
    world.shop.edit("products", shopProduct.id, { name: "Kaffe, lys", price: "79.00" });
    world.shop.edit("customers", shopCustomer.id, { email: "Faktura@Brenneriet.no" });

    await world.settle();

    expect(world.cronReports).toHaveLength(cronRuns);
    expect(world.webhookAnswers.slice(-2)).toEqual([202, 202]);
    expect(world.poweroffice.get("products", product.Id)).toMatchObject({ Name: "Kaffe, lys", UnitPrice: 79 });
    // A case-only change of an e-mail is a change to sync (the match key is lower-cased, the value is not).
    expect(world.poweroffice.get("customers", customer.Id)?.EmailAddress).toBe("Faktura@Brenneriet.no");
  });
});
