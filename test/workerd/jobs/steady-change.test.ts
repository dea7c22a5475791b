import { describe, expect, it } from "vitest";
import { createWorld, type World } from "./harness";

async function linkedWorld() {
  const world = await createWorld();
  const product = world.poweroffice.seed.product({ Code: "KAFFE-1", Name: "Kaffe", UnitPrice: 89 });
  world.poweroffice.seed.product({ Code: "KAFFE-2", Name: "Kaffe 2", UnitPrice: 89 });
  world.poweroffice.seed.product({ Code: "KAFFE-3", Name: "Kaffe 3", UnitPrice: 89 });
  const customer = world.poweroffice.seed.customer({
    IsPerson: false,
    Name: "Brenneriet AS",
    OrganizationNumber: "912345674",
    EmailAddress: "post@brenneriet.no",
  });
  for (let i = 0; i < 3; i++) await world.cycle();
  const shopCustomer = world.shop.list("customers").find((c) => c.organization_number === "912345674")!;
  return { world, product, customer, shopCustomer };
}

function mark(world: World) {
  return { sent: world.queue.sent.length, po: world.poweroffice.requests.length, shop: world.shop.requests.length };
}
function report(world: World, from: ReturnType<typeof mark>, label: string) {
  console.log(label, JSON.stringify({
    sent: world.queue.sent.slice(from.sent),
    po: world.poweroffice.requests.slice(from.po).map((r: any) => `${r.method} ${r.path}`),
    shop: world.shop.requests.slice(from.shop).map((r: any) => `${r.method} ${r.path}`),
  }, null, 1));
}

describe("diag", () => {
  it("shop edit", async () => {
    const { world, shopCustomer } = await linkedWorld();
    world.clock.advance(5_000);
    const from = mark(world);
    world.shop.edit("customers", shopCustomer.id, { phone: "+47 912 34 567" });
    await world.settle();
    await world.cycle();
    await world.cycle();
    report(world, from, "SHOP EDIT");
    console.log(JSON.stringify(world.cronReports.slice(-2).map((r) => r.feeds)));
  });
  it("po edit", async () => {
    const { world, customer } = await linkedWorld();
    world.clock.advance(5_000);
    const from = mark(world);
    world.poweroffice.edit("customers", customer.Id, { PhoneNumber: "+47 987 65 432" });
    await world.cycle();
    await world.cycle();
    report(world, from, "PO EDIT");
  });
  it("new order", async () => {
    const { world, shopCustomer } = await linkedWorld();
    world.clock.advance(5_000);
    const products = world.shop.list("products");
    const from = mark(world);
    world.shop.seed.order; 
    const res = await world.shop.fetch(new Request("http://shop.local/api/orders", {
      method: "POST",
      headers: { Authorization: `Bearer ${world.env.WEBSHOP_API_TOKEN}`, "Content-Type": "application/json", "Idempotency-Key": "k1" },
      body: JSON.stringify({ customer_id: shopCustomer.id, lines: products.slice(0, 3).map((p, i) => ({ product_id: p.id, quantity: i + 1, unit_price: "100.00" })) }),
    }));
    expect(res.status).toBe(201);
    const from2 = mark(world);
    await world.settle();
    await world.cycle();
    await world.cycle();
    report(world, from2, "NEW ORDER");
  });
});
