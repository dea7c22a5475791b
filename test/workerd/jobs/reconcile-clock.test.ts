/**
 * The hourly reconcile pass re-reads every link's records by id. It starts only once the first sync is done: during
 * it the links are still being made, and the pass would only spend reads and Queue messages on them.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";

const HOUR = 60 * 60_000;

describe("the hourly reconcile pass", () => {
  it("comes within an hour after the first sync is done, and not in the first sync's cron runs", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "AVSTEM-1", Name: "Avstemt" });
    world.shop.seed.product({ sku: "AVSTEM-2", name: "Avstemt 2" });
    for (let i = 0; i < 3; i++) await world.cycle();
    expect(world.cronReports.some((r) => r.reconcileQueued)).toBe(false);

    await world.cycle(HOUR);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(true);
    // One pass per dataflow (a message the consumer had no room for is sent again as it was).
    const passes = world.queue.sent.filter((m) => m.kind === "reconcile" && m.afterLinkId === null);
    expect([...new Set(passes.map((m) => (m.kind === "reconcile" ? m.dataflow : null)))]).toEqual([
      "customers",
      "departments",
      "products",
      "orders",
    ]);
  });

  it("waits while a feed is still in its first sync, however long that takes", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "AVSTEM-3", Name: "Venter" });
    // PowerOffice's customer list does not answer: that feed's first read cannot end.
    world.poweroffice.faults.add({ kind: "status", status: 503, method: "GET", path: "/Customers", times: 10_000 });
    for (let i = 0; i < 3; i++) await world.cycle(HOUR);
    expect(world.cronReports.some((r) => r.reconcileQueued)).toBe(false);
    expect(world.queue.sent.filter((m) => m.kind === "reconcile")).toEqual([]);

    world.poweroffice.faults.clear();
    for (let i = 0; i < 4; i++) await world.cycle();
    expect(world.cronReports.some((r) => r.reconcileQueued)).toBe(false);
    await world.cycle(HOUR);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(true);
  });
});
