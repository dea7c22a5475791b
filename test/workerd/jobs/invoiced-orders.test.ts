/**
 * An order sent as an invoice in PowerOffice leaves /SalesOrders without a trace in the orders feed. Every cron run
 * lists the open orders' ids (one cheap read) and re-reads the linked orders no longer among them, so the shop order
 * becomes invoiced within two runs, not only at the hourly reconcile; a quiet run sends no queue message for it.
 */
import { describe, expect, it } from "vitest";
import { createWorld, type World } from "./harness";
import { linkRows } from "./tables";

/** One order born in the shop and one born in PowerOffice, both linked after a few cycles. */
async function twoLinkedOrders(world: World) {
  const { shop, poweroffice: po } = world;
  await world.cycle(); // the first full read of PowerOffice's customers opens shop→PowerOffice customer creates
  const buyer = shop.seed.customer({ kind: "company", name: "Fakturert AS", organization_number: "923456783" });
  const chair = shop.seed.product({ sku: "FAKT-STOL", name: "Stol", price: "1490.00" });
  const shopOrder = shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: chair.id, quantity: 2 }] });
  const customer = po.seed.customer({ IsPerson: true, FirstName: "Per", LastName: "Post", EmailAddress: "per@ex.no" });
  const product = po.seed.product({ Code: "FAKT-LAMPE", Name: "Lampe", UnitPrice: 390 });
  const poBorn = po.seed.salesOrder({ CustomerId: customer.Id, SalesOrderStatus: "Draft" }, [
    { ProductId: product.Id, Quantity: 1 },
  ]);
  for (let i = 0; i < 3; i++) await world.cycle();
  const links = await linkRows("orders");
  expect(links.map((l) => l.state)).toEqual(["linked", "linked"]);
  const fromShop = links.find((l) => l.webshop_id === shopOrder.id)!;
  const fromPo = links.find((l) => l.poweroffice_id === poBorn.Id)!;
  return { fromShop, fromPo };
}

describe("orders invoiced in PowerOffice", () => {
  it("become invoiced in the shop within two cron runs, their links archived", { timeout: 30_000 }, async () => {
    const world = await createWorld();
    const { fromShop, fromPo } = await twoLinkedOrders(world);
    world.poweroffice.invoiceOrder(fromShop.poweroffice_id!);
    world.poweroffice.invoiceOrder(fromPo.poweroffice_id!);

    for (let i = 0; i < 2; i++) await world.cycle();

    expect(world.shop.get("orders", fromShop.webshop_id!)?.status).toBe("invoiced");
    expect(world.shop.get("orders", fromPo.webshop_id!)?.status).toBe("invoiced");
    expect((await linkRows("orders")).map((l) => l.state)).toEqual(["archived", "archived"]);
    // Not the hourly reconcile: none came in this first hour.
    expect(world.cronReports.some((r) => r.reconcileQueued)).toBe(false);
    expect(world.queue.sent.filter((m) => m.kind === "reconcile")).toHaveLength(0);
  });

  it("a batch invoiced at once is read partly inline, the rest through one queue message, within 50 subrequests", {
    timeout: 60_000,
  }, async () => {
    const world = await createWorld();
    const { shop, poweroffice: po } = world;
    await world.cycle();
    const buyer = shop.seed.customer({ kind: "company", name: "Mange AS", organization_number: "923456783" });
    const chair = shop.seed.product({ sku: "MANGE-STOL", name: "Stol", price: "10.00" });
    for (let i = 0; i < 5; i++) shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: chair.id }] });
    for (let i = 0; i < 3; i++) await world.cycle();
    expect((await linkRows("orders")).map((l) => l.state)).toEqual(Array(5).fill("linked"));
    const runsBefore = world.cronReports.length;
    for (const order of po.list("salesOrders")) po.invoiceOrder(order.Id);

    const sentBefore = world.queue.sent.length;
    for (let i = 0; i < 2; i++) await world.cycle();

    expect(shop.list("orders").map((o) => o.status)).toEqual(Array(5).fill("invoiced"));
    const runs = world.cronReports.slice(runsBefore);
    expect(Math.max(...runs.map((r) => r.subrequests))).toBeLessThanOrEqual(47);
    // The first run reads what fits itself and hands the rest to one `gone-orders` message; the next finds none.
    const first = runs[0]!.goneOrders as { missing: number; checked: number; queued: number };
    expect(first.missing).toBe(5);
    expect(first.queued).toBe(5 - first.checked);
    expect(runs[1]?.goneOrders).toMatchObject({ missing: 0 });
    expect(world.queue.sent.slice(sentBefore).filter((m) => m.kind === "gone-orders")).toHaveLength(1);
    expect(runs.every((r) => r.errors.length === 0)).toBe(true);
  });

  it("a `gone-orders` message without ids makes the whole look (a cron run whose feeds left it no room)", {
    timeout: 30_000,
  }, async () => {
    const world = await createWorld();
    const { fromShop } = await twoLinkedOrders(world);
    world.poweroffice.invoiceOrder(fromShop.poweroffice_id!);

    await world.queue.queue.send({ v: 1, kind: "gone-orders", ids: [] });
    await world.drainQueue();

    expect(world.shop.get("orders", fromShop.webshop_id!)?.status).toBe("invoiced");
    expect((await linkRows("orders")).map((l) => l.state).sort()).toEqual(["archived", "linked"]);
  });

  it("costs a quiet run one read of the open orders' ids, and no queue message", { timeout: 30_000 }, async () => {
    const world = await createWorld();
    await twoLinkedOrders(world);
    const before = world.poweroffice.requests.length;
    const sentBefore = world.queue.sent.length;

    const quiet = await world.cycle();

    const listings = world.poweroffice.requests
      .slice(before)
      .filter((r) => r.method === "GET" && /\/SalesOrders$/.test(r.path));
    const idsOnly = listings.filter((r) => new URLSearchParams(r.query).get("Fields") === "Id");
    expect(idsOnly).toHaveLength(1);
    expect(world.queue.sent.length).toBe(sentBefore);
    expect(quiet.feeds.map((f) => f.outcome)).toEqual(Array(8).fill("quiet"));
    expect(world.shop.list("orders").map((o) => o.status)).toEqual(["pending", "pending"]);
  });
});
