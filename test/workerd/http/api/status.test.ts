/**
 * GET /api/status after a real backfill through the engine (both simulators, cron and queue): counts per dataflow
 * and state as D1 holds them, backfill progress, feeds, last and next run, recent activity and what needs the admin.
 */
import { describe, expect, it } from "vitest";
import { PauseResultSchema } from "../../../../shared/api/actions";
import { API_PATHS } from "../../../../shared/api/paths";
import { StatusResponseSchema } from "../../../../shared/api/status";
import { DATAFLOWS, LINK_STATES } from "../../../../worker/core/types";
import { linkRows } from "../../jobs/tables";
import { createApiWorld } from "./api-world";

describe("GET /api/status", () => {
  it("before anything ran: every dataflow at zero, backfill not started", async () => {
    const world = await createApiWorld();
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect(status.conflictPolicy).toBe("newest-wins");
    for (const flow of status.dataflows) {
      expect(flow.total).toBe(0);
      expect(flow.backfill).toEqual({ done: 0, total: 0, complete: false });
      expect(flow.feeds.every((f) => !f.started)).toBe(true);
      expect(flow.lastRunAt).toBeNull();
      expect(flow.directions.map((d) => d.paused)).toEqual([false, false]);
    }
    expect(status.attention).toEqual({ errors: 0, conflicts: 0, ambiguous: 0, deadLetters: 0, queueDeadLetters: 0 });
    expect(status.recentActivity).toEqual([]);
    expect(status.dataflows[0]!.nextRunAt).toBe(
      new Date(Math.ceil((world.clock.now() + 1) / 60_000) * 60_000).toISOString(),
    );
  });

  it("after a backfill both ways: counts equal D1's links, backfill complete, activity newest first", async () => {
    const world = await createApiWorld();
    const po = world.poweroffice;
    for (let n = 1; n <= 5; n++) po.seed.product({ Code: `PO-${n}`, Name: `Vare ${n}`, UnitPrice: 100 + n });
    for (let n = 1; n <= 3; n++) po.seed.customer({ IsPerson: true, EmailAddress: `kunde${n}@example.no` });
    po.seed.department({ Code: "900", Name: "Lager", IsActive: true });
    for (let n = 1; n <= 2; n++) world.shop.seed.product({ sku: `SHOP-${n}`, name: `Butikkvare ${n}`, price: "10.00" });
    for (let i = 0; i < 4; i++) await world.cycle();

    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    const links = await linkRows();
    for (const dataflow of DATAFLOWS) {
      const flow = status.dataflows.find((d) => d.dataflow === dataflow)!;
      const mine = links.filter((l) => l.dataflow === dataflow);
      for (const state of LINK_STATES) expect(flow.counts[state]).toBe(mine.filter((l) => l.state === state).length);
      expect(flow.total).toBe(mine.length);
      expect(flow.feeds.every((f) => f.started)).toBe(true);
      expect(flow.backfill.complete).toBe(true);
      expect(flow.backlog).toBe(0);
    }
    const products = status.dataflows.find((d) => d.dataflow === "products")!;
    expect(products.counts.linked).toBe(7);
    expect(products.backfill).toEqual({ done: 7, total: 7, complete: true });
    expect(status.dataflows.find((d) => d.dataflow === "customers")!.counts.linked).toBe(3);
    expect(status.dataflows.find((d) => d.dataflow === "departments")!.counts.linked).toBe(1);
    expect(products.lastRunAt).not.toBeNull();
    expect(Date.parse(products.nextRunAt)).toBeGreaterThan(world.clock.now());
    expect(status.recentActivity.length).toBeGreaterThan(0);
    const times = status.recentActivity.map((a) => a.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(status.recentActivity.some((a) => a.action === "created" && a.dataflow === "products")).toBe(true);
  });

  it("shows a paused direction, when it was paused, and the backlog it holds back", async () => {
    const world = await createApiWorld();
    world.poweroffice.seed.product({ Code: "PO-P", Name: "Pause", UnitPrice: 10 });
    const paused = await world.ok(PauseResultSchema, "POST", API_PATHS.pause("products", "poweroffice-to-webshop"));
    expect(paused).toEqual({
      dataflow: "products",
      direction: "poweroffice-to-webshop",
      paused: true,
      pausedAt: new Date(world.clock.now()).toISOString(),
    });
    await world.cycle();
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status);
    const products = status.dataflows.find((d) => d.dataflow === "products")!;
    expect(products.directions).toEqual([
      { direction: "poweroffice-to-webshop", paused: true, pausedAt: paused.pausedAt },
      { direction: "webshop-to-poweroffice", paused: false, pausedAt: null },
    ]);
    expect(products.counts.pending).toBe(1);
    expect(products.backlog).toBe(1);
    expect(products.backfill.complete).toBe(false);
  });
});
