/**
 * The reconcile pass re-reads every link's records by id: hourly on Workers Paid, daily on Free. It starts only once
 * the first sync is done: during it the links are still being made, and the pass would only spend reads and Queue
 * messages on them.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { FREE_DAILY_ALLOWANCES, PACING_SHARE, usageDay } from "../../../worker/core/pacing";
import { RECONCILE_LINKS_SETTING, reconcileEveryMs } from "../../../worker/jobs/reconcile-clock";
import { createWorld } from "./harness";

/** The test worker runs as Workers Free (wrangler.toml's WORKERS_PLAN). */
const INTERVAL = reconcileEveryMs("free");

describe("the reconcile pass", () => {
  it("comes within its interval after the first sync is done, and not in the first sync's cron runs", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "AVSTEM-1", Name: "Avstemt" });
    world.shop.seed.product({ sku: "AVSTEM-2", name: "Avstemt 2" });
    for (let i = 0; i < 3; i++) await world.cycle();
    expect(world.cronReports.some((r) => r.reconcileQueued)).toBe(false);

    await world.cycle(INTERVAL);
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
    for (let i = 0; i < 3; i++) await world.cycle(INTERVAL);
    expect(world.cronReports.some((r) => r.reconcileQueued)).toBe(false);
    expect(world.queue.sent.filter((m) => m.kind === "reconcile")).toEqual([]);

    world.poweroffice.faults.clear();
    for (let i = 0; i < 4; i++) await world.cycle();
    expect(world.cronReports.some((r) => r.reconcileQueued)).toBe(false);
    await world.cycle(INTERVAL - 5 * 61_000);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(false);
    await world.cycle(INTERVAL);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(true);
  });

  it("on Workers Free stops at the day's pacing share, reading nothing, like a first sync", async () => {
    const world = await createWorld();
    for (let n = 1; n <= 4; n++) world.poweroffice.seed.product({ Code: `AVSTEM-P${n}`, Name: `Vare ${n}` });
    for (let i = 0; i < 3; i++) await world.cycle();
    const day = usageDay(world.clock.now() + INTERVAL);
    await env.DB.prepare("INSERT INTO daily_usage (day, d1_rows_written) VALUES (?, ?)")
      .bind(day, FREE_DAILY_ALLOWANCES.d1RowsWritten * PACING_SHARE + 1_000)
      .run();
    const reads = () => world.poweroffice.requests.filter((r) => /^\/v2\/Products\/\d+$/.test(r.path)).length;
    const before = reads();

    await world.cycle(INTERVAL);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(true);
    expect(reads()).toBe(before);
  });

  it("on Workers Paid comes hourly, but a pass over more links than an hour of one PowerOffice read a second waits longer", async () => {
    const world = await createWorld({ bindings: () => ({ WORKERS_PLAN: "paid" }) });
    for (let n = 1; n <= 3; n++) world.poweroffice.seed.product({ Code: `AVSTEM-H${n}`, Name: `Time ${n}` });
    for (let i = 0; i < 3; i++) await world.cycle();
    const hour = reconcileEveryMs("paid");
    expect(hour).toBe(60 * 60_000);
    await world.cycle(hour);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(true);
    // The pass just queued counted its links: 3, so the next one is an hour later.
    const stored = await env.DB.prepare("SELECT value FROM settings WHERE key = ?")
      .bind(RECONCILE_LINKS_SETTING)
      .first<{ value: string }>();
    expect(Number(stored?.value)).toBeGreaterThanOrEqual(3);
    await world.cycle(hour);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(true);

    // A shop of 7,200 links: at one read a second its pass takes two hours, and the next waits that long.
    await env.DB.prepare("UPDATE settings SET value = '7200' WHERE key = ?").bind(RECONCILE_LINKS_SETTING).run();
    expect(reconcileEveryMs("paid", 7_200)).toBe(2 * hour);
    await world.cycle(hour);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(false);
    await world.cycle(hour);
    expect(world.cronReports.at(-1)?.reconcileQueued).toBe(true);
  });
});
