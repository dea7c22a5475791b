/**
 * The Workers Free plan's 50 subrequests per invocation: a backfill too big for one run is split into queued feed
 * pages, and no invocation (cron run, queue batch, webhook request) counts more than 50 subrequests.
 */
import { describe, expect, it } from "vitest";
import { FREE_PLAN_SUBREQUESTS } from "../../../worker/triggers/budget";
import { createWorld } from "./harness";

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
