/**
 * The cron lease: of two runs started together one does the work and the other exits at once; a crashed run's
 * lease is taken over once it expires. The poll leases keep a queued feed chain and the cron off one feed at once.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CRON_LEASE, CRON_LEASE_TTL_MS, pollLeaseName } from "../../../worker/jobs/cron";
import { createWorld } from "./harness";
import { leaseRow } from "./tables";
import { writes } from "./views";

describe("overlapping cron runs", () => {
  it("two runs started together: one takes the lease and does the work, the other exits", async () => {
    const world = await createWorld();
    for (let n = 1; n <= 5; n++) world.poweroffice.seed.product({ Code: `SAMTIDIG-${n}` });
    world.clock.advance(61_000);

    await Promise.all([world.runCron(), world.runCron()]);

    const [first, second] = world.cronReports;
    expect([first?.ran, second?.ran].sort()).toEqual([false, true]);
    const idle = [first, second].find((r) => !r?.ran)!;
    expect(idle.feeds).toEqual([]);
    expect(idle.subrequests).toBe(1);
    await world.settle();
    expect(world.shop.count("products")).toBe(5);
    expect(writes(world).webshop.filter((r) => r.method === "POST")).toHaveLength(5);
    expect(await leaseRow(CRON_LEASE)).toBeNull();
  });

  it("a crashed run's lease blocks the cron until it expires, then the next run takes it over", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "ETTER-KRASJ" });
    await env.DB.prepare("INSERT INTO leases (name, holder, expires_at) VALUES (?, 'cron-run:crashed', ?)")
      .bind(CRON_LEASE, world.clock.now() + CRON_LEASE_TTL_MS)
      .run();

    expect((await world.runCron()).ran).toBe(false);
    expect(world.shop.count("products")).toBe(0);

    world.clock.advance(CRON_LEASE_TTL_MS);
    const report = await world.runCron();
    await world.settle();
    expect(report.ran).toBe(true);
    expect(world.shop.count("products")).toBe(1);
  });

  it("a feed a queued chain is reading is skipped by the cron, and a chain that lost its lease stops", async () => {
    const world = await createWorld();
    await world.cycle();
    world.poweroffice.seed.product({ Code: "KJEDE-1" });
    const lease = pollLeaseName("products", "poweroffice");
    await env.DB.prepare("INSERT INTO leases (name, holder, expires_at) VALUES (?, 'chain:other', ?)")
      .bind(lease, world.clock.now() + 60_000)
      .run();

    const report = await world.runCron();
    expect(report.feeds.find((f) => f.dataflow === "products" && f.side === "poweroffice")?.outcome).toBe("busy");

    world.queue.pending.length = 0;
    await world.queue.queue.send({
      v: 1,
      kind: "poll",
      dataflow: "products",
      side: "poweroffice",
      holder: "chain:mine",
    });
    const { acked } = await world.consumeOnce();
    expect(acked).toHaveLength(1);
    expect(world.queue.pending).toEqual([]);
    expect((await leaseRow(lease))?.holder).toBe("chain:other");
  });
});
