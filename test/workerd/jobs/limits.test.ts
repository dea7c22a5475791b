/**
 * The Workers Free plan's 50 subrequests per invocation: a backfill too big for one run is split into queued feed
 * pages, and no invocation (cron run, queue batch, webhook request) counts more than 50 subrequests.
 */
import { describe, expect, it } from "vitest";
import { FREE_PLAN_SUBREQUESTS } from "../../../worker/budgets/budget";
import { createWorld, type World } from "./harness";
import { deadLetterRows } from "./tables";

/** A shop order whose customer and `n` products PowerOffice has never seen, announced by its webhook only. */
function newOrder(world: World, n: number) {
  const buyer = world.shop.seed.customer({ kind: "company", name: "Storkunde AS", organization_number: "934567892" });
  const products = Array.from({ length: n }, (_, i) => world.shop.seed.product({ sku: `ORDRE-${i + 1}` }));
  const order = world.shop.seed.order({ customer_id: buyer.id, lines: products.map((p) => ({ product_id: p.id })) });
  return world.shop.edit("orders", order.id, { customer_reference: "Bestilling" });
}

describe("limits", () => {
  it("splits a large backfill into queued pages, each invocation within 50 subrequests", {
    timeout: 60_000,
  }, async () => {
    const world = await createWorld();
    for (let n = 1; n <= 60; n++) world.poweroffice.seed.product({ Code: `MANGE-${n}`, Name: `Vare ${n}` });
    for (let n = 1; n <= 3; n++) world.shop.seed.product({ sku: `BUTIKK-${n}`, name: `Butikkvare ${n}` });

    const first = await world.runCron();
    const polls = world.queue.sent.filter((m) => m.kind === "poll");
    expect(polls.length).toBeGreaterThan(0);
    expect(first.subrequests).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
    await world.settle();
    for (let i = 0; i < 3; i++) await world.cycle();

    expect(world.shop.count("products")).toBe(63);
    expect(world.poweroffice.count("products")).toBe(63);
    const used = world.budgets.map((b) => b.used());
    console.log(`subrequests per invocation: max ${Math.max(...used)}, ${used.length} invocations`);
    expect(Math.max(...used)).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
  });

  it("an order bringing a new customer and two new products fits one invocation", async () => {
    const world = await createWorld({ measureOnly: true });
    await world.cycle();
    const order = newOrder(world, 2);
    const before = world.budgets.length;
    await world.settle();
    expect(world.poweroffice.list("salesOrders").map((o) => o.SalesOrderLines?.length)).toEqual([2]);
    expect(order.lines).toHaveLength(2);
    const used = world.budgets.slice(before).map((b) => b.used());
    expect(Math.max(...used)).toBeLessThanOrEqual(FREE_PLAN_SUBREQUESTS);
  });

  it("a larger order runs out of one invocation's budget and finishes over the next ones, nothing twice", async () => {
    const world = await createWorld();
    await world.cycle();
    newOrder(world, 5);
    await world.settle();
    for (let i = 0; i < 2; i++) await world.cycle(31 * 60_000);
    expect(world.poweroffice.count("products")).toBe(5);
    expect(world.poweroffice.count("customers")).toBe(1);
    expect(world.poweroffice.list("salesOrders").map((o) => o.SalesOrderLines?.length)).toEqual([5]);
    expect(await deadLetterRows()).toEqual([]);
  });

  it("a quiet cron run costs few subrequests", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "EN" });
    for (let i = 0; i < 3; i++) await world.cycle();
    const quiet = await world.cycle();
    console.log(`quiet cron run: ${quiet.subrequests} subrequests`, JSON.stringify(world.budgets.at(-1)?.byKind()));
    expect(quiet.feeds.map((f) => f.outcome)).toEqual(Array(8).fill("quiet"));
    expect(quiet.subrequests).toBeLessThanOrEqual(40);
  });
});
