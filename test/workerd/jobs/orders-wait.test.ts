/**
 * In a first sync the orders feeds wait until the customers, departments and products they refer to have ended their
 * first sync on both sides: then every order of the backlog finds its references linked, so none reads a customer or
 * product by id and none waits for a `retry` message. The chain that ends the last of those first syncs starts the
 * orders at once.
 */
import { describe, expect, it } from "vitest";
import { createWorld, type World } from "./harness";
import { linkRows } from "./tables";

/** Half of each kind in each system, every order referring to its own system's customer and products. */
function seedBoth(world: World) {
  const { shop, poweroffice: po } = world;
  const shopProducts = [1, 2, 3].map((n) =>
    shop.seed.product({ sku: `NB-${n}`, name: `Nettvare ${n}`, price: "10.00" }),
  );
  const buyer = shop.seed.customer({ kind: "person", first_name: "Nett", last_name: "Kjøper", email: "nett@ex.no" });
  for (const [i, product] of shopProducts.entries()) {
    shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: product.id, quantity: i + 1 }] });
  }
  const poProducts = [1, 2].map((n) => po.seed.product({ Code: `PO-${n}`, Name: `Lagervare ${n}`, UnitPrice: 20 }));
  const customer = po.seed.customer({ IsPerson: true, FirstName: "Post", LastName: "Kunde", EmailAddress: "po@ex.no" });
  for (const product of poProducts) {
    po.seed.salesOrder({ CustomerId: customer.Id, SalesOrderStatus: "Draft" }, [
      { ProductId: product.Id, Quantity: 2 },
    ]);
  }
}

const byId = /^GET \/(v2\/(Customers|Products)\/\d+|api\/(customers|products)\/[^/?]+)$/;

describe("orders in a first sync", () => {
  it("wait for what they refer to: no customer or product read by id, no retry message, every order linked once", async () => {
    const world = await createWorld();
    seedBoth(world);

    world.clock.advance(61_000);
    const first = await world.runCron();
    expect(first.feeds.filter((f) => f.dataflow === "orders").map((f) => f.outcome)).toEqual(["waiting", "waiting"]);
    await world.settle();
    for (let i = 0; i < 3; i++) await world.cycle();

    const calls = [
      ...world.poweroffice.requests.map((r) => `${r.method} ${r.path}`),
      ...world.shop.requests.map((r) => `${r.method} ${r.path}`),
    ];
    expect(calls.filter((call) => byId.test(call))).toEqual([]);
    expect(world.queue.sent.filter((m) => m.kind === "retry" || m.kind === "reconcile")).toEqual([]);
    const orders = await linkRows("orders");
    expect(orders).toHaveLength(5);
    expect(orders.every((l) => l.state === "linked" && l.poweroffice_id && l.webshop_id)).toBe(true);
    expect(world.poweroffice.list("salesOrders")).toHaveLength(5);
    expect(world.shop.list("orders")).toHaveLength(5);
  });

  it("are started by the run that ends the last first sync they wait for, not left to the next cron run", async () => {
    const world = await createWorld();
    seedBoth(world);

    world.clock.advance(61_000);
    await world.runCron();
    // No cron run after the first one: the queue alone takes the sync to its end, orders included.
    await world.settle();
    expect(await linkRows("orders")).toHaveLength(5);
    // Two chains, one per side (a chain's next page is a message of the same holder).
    const chains = world.queue.sent.flatMap((m) => (m.kind === "poll" && m.dataflow === "orders" ? [m.holder] : []));
    expect(new Set(chains).size).toBe(2);
  });
});
