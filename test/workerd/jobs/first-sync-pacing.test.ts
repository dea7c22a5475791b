/**
 * The first sync on Workers Free paces itself (worker/jobs/first-sync-pacing.ts): the worker keeps a per-UTC-day tally
 * of what its invocations used of the daily allowances, one upsert per invocation that did sync work; a feed still in
 * its first read stops for the day once the tally reaches PACING_SHARE of any allowance and goes on after 00:00 UTC,
 * while live work (webhooks, feeds already read to their end) keeps running. The tally starts near the share by a row
 * written here, as a day of earlier work would have left it; the fake clock passes midnight.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../shared/api/paths";
import { StatusResponseSchema } from "../../../shared/api/status";
import { nextUtcMidnight } from "../../../worker/budgets/daily-limits";
import { FREE_DAILY_ALLOWANCES, PACING_SHARE, usageDay } from "../../../worker/core/pacing";
import type { DailyUsageRow } from "../../../worker/store/daily-usage";
import { createApiWorld } from "../http/api/api-world";
import { createWorld, type World } from "./harness";
import { byKey, poProducts, shopProducts } from "./views";

async function usageOf(now: number): Promise<DailyUsageRow | null> {
  return env.DB.prepare("SELECT * FROM daily_usage WHERE day = ?").bind(usageDay(now)).first<DailyUsageRow>();
}

/** Today's tally as if earlier work had used `rowsWritten` of D1's rows-written allowance. */
async function usedToday(now: number, rowsWritten: number) {
  await env.DB.prepare("INSERT INTO daily_usage (day, d1_rows_written) VALUES (?, ?)")
    .bind(usageDay(now), rowsWritten)
    .run();
}

const SHARE_ROWS = FREE_DAILY_ALLOWANCES.d1RowsWritten * PACING_SHARE;

function seedProducts(world: World, n: number) {
  for (let i = 1; i <= n; i++) world.poweroffice.seed.product({ Code: `PO-P${i}`, Name: `Vare ${i}`, UnitPrice: i });
  for (let i = 1; i <= n; i++) world.shop.seed.product({ sku: `SHOP-P${i}`, name: `Butikk ${i}`, price: `${i}.00` });
}

const converged = (world: World) =>
  expect(byKey(shopProducts(world), (p) => p.sku)).toEqual(byKey(poProducts(world), (p) => p.sku));

describe("the day's tally", () => {
  it("is added to once per invocation that did sync work, and not at all by a quiet minute", async () => {
    const world = await createWorld();
    seedProducts(world, 2);
    world.clock.advance(61_000);
    const report = await world.runCron();
    expect(report.feeds.some((f) => f.outcome === "inline")).toBe(true);
    const afterCron = await usageOf(world.clock.now());
    // The cron run itself, and three operations for each message it sent.
    expect(afterCron?.requests).toBe(1);
    expect(afterCron?.queue_operations).toBe(3 * world.queue.sent.length);
    expect(afterCron?.d1_rows_written).toBeGreaterThan(0);

    const sentBefore = world.queue.sent.length;
    const pending = world.queue.pending.length;
    expect(pending).toBeGreaterThan(0);
    await world.consumeOnce(pending);
    const afterBatch = await usageOf(world.clock.now());
    // One batch: one more request, however many messages it held.
    expect(afterBatch?.requests).toBe(2);
    expect(afterBatch?.queue_operations).toBe(3 * world.queue.sent.length);
    expect(world.queue.sent.length).toBeGreaterThanOrEqual(sentBefore);

    for (let i = 0; i < 4; i++) await world.cycle();
    converged(world);
    const settled = await usageOf(world.clock.now());
    // The products' pages were the first sync's: their records are counted for its pace.
    expect(settled?.backfill_records).toBeGreaterThanOrEqual(4);
    const quiet = await world.cycle();
    expect(quiet.feeds.every((f) => f.outcome === "quiet")).toBe(true);
    expect(await usageOf(world.clock.now())).toEqual(settled);
  });

  it("is not kept on Workers Paid", async () => {
    const world = await createWorld({ bindings: () => ({ WORKERS_PLAN: "paid" }) });
    seedProducts(world, 2);
    await world.cycle();
    expect(await usageOf(world.clock.now())).toBeNull();
  });
});

describe("a first sync on Workers Free", () => {
  it("stops at the share of the day, says so in the status, and goes on after 00:00 UTC", async () => {
    const world = await createApiWorld();
    seedProducts(world, 30);
    await usedToday(world.clock.now(), SHARE_ROWS - 500);
    const reset = nextUtcMidnight(world.clock.now());

    for (let i = 0; i < 6; i++) await world.cycle();
    const today = await usageOf(world.clock.now());
    expect(today!.d1_rows_written).toBeGreaterThanOrEqual(SHARE_ROWS);
    // Stopped part-way, with nothing waiting on the queue for it.
    const shopCount = world.shop.list("products").length;
    const poCount = world.poweroffice.list("products").length;
    expect(shopCount + poCount).toBeLessThan(120);
    expect(world.queue.pending).toEqual([]);
    const report = await world.cycle();
    expect(report.feeds.some((f) => f.outcome === "paused")).toBe(true);
    expect(report.errors).toEqual([]);
    expect(world.shop.list("products").length).toBe(shopCount);
    expect(world.poweroffice.list("products").length).toBe(poCount);

    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    const products = status.dataflows.find((d) => d.dataflow === "products")!;
    expect(products.firstSync).toMatchObject({ pausedUntil: new Date(reset).toISOString() });
    expect(products.firstSync!.linked).toBeLessThan(60);

    world.clock.advance(reset - world.clock.now() + 1_000);
    for (let i = 0; i < 6; i++) await world.cycle();
    converged(world);
    expect(world.poweroffice.list("products")).toHaveLength(60);
    const after = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect(after.dataflows.find((d) => d.dataflow === "products")!.firstSync).toBeNull();
  });

  it("paces the pass that creates the records held for the first read, not only the first read", async () => {
    const world = await createWorld();
    seedProducts(world, 30);
    const setting = (key: string) => env.DB.prepare("SELECT 1 FROM settings WHERE key = ?").bind(key).first();
    // The engine's marks of each side's first read (docs/sync-engine.md, "Matching"): the page that sets the second
    // restarts both feeds for the pass that creates what both reads held.
    const bothRead = async () =>
      (await setting("first-read:products:poweroffice")) !== null &&
      (await setting("first-read:products:webshop")) !== null;
    // Step by step until both first reads are done: the pass that creates the held records is about to start.
    world.clock.advance(61_000);
    await world.runCron();
    for (let step = 0; step < 50 && !(await bothRead()); step++) await world.consumeOnce(1);
    expect(await bothRead()).toBe(true);
    expect(await setting("matched:products:webshop")).toBeNull();
    expect(await setting("matched:products:poweroffice")).toBeNull();
    const created = () => world.poweroffice.list("products").length + world.shop.list("products").length;
    const before = created();
    expect(before).toBeLessThan(120);

    // The day's share is reached now: that pass waits for the reset, like the first read.
    await env.DB.prepare("UPDATE daily_usage SET d1_rows_written = ? WHERE day = ?")
      .bind(SHARE_ROWS + 1, usageDay(world.clock.now()))
      .run();
    await world.settle();
    const report = await world.cycle();
    expect(report.feeds.filter((f) => f.dataflow === "products").map((f) => f.outcome)).toContain("paused");
    expect(created()).toBe(before);

    const reset = nextUtcMidnight(world.clock.now());
    world.clock.advance(reset - world.clock.now() + 1_000);
    for (let i = 0; i < 6; i++) await world.cycle();
    converged(world);
    expect(world.poweroffice.list("products")).toHaveLength(60);
    expect(await setting("matched:products:webshop")).not.toBeNull();
  });

  it("keeps live work running past the share: a shop edit's webhook and a PowerOffice edit still sync", async () => {
    const world = await createWorld();
    seedProducts(world, 2);
    for (let i = 0; i < 4; i++) await world.cycle();
    converged(world);
    await env.DB.prepare("UPDATE daily_usage SET d1_rows_written = ? WHERE day = ?")
      .bind(SHARE_ROWS + 5_000, usageDay(world.clock.now()))
      .run();

    const shopProduct = world.shop.list("products").find((p) => p.sku === "SHOP-P1")!;
    world.shop.edit("products", shopProduct.id, { name: "Endret i butikken" });
    const poProduct = world.poweroffice.list("products").find((p) => p.Code === "PO-P2")!;
    world.poweroffice.edit("products", poProduct.Id, { Name: "Endret i PowerOffice" });
    const report = await world.cycle();
    expect(report.feeds.some((f) => f.outcome === "paused")).toBe(false);
    expect(poProducts(world).find((p) => p.sku === "shop-p1")?.name).toBe("Endret i butikken");
    expect(shopProducts(world).find((p) => p.sku === "po-p2")?.name).toBe("Endret i PowerOffice");
  });
});
