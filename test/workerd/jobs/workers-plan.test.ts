/** WORKERS_PLAN sizes every invocation's budget, and with it the pages the triggers take (docs/sync-engine.md, Limits). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { NEXT_RECORD_COST, pageSizeFor, RECORD_COST, roomFor } from "../../../worker/budgets/plan-budget";
import { buildDeps } from "../../../worker/wiring/build-deps";

describe("WORKERS_PLAN", () => {
  it("free (the default): 50 subrequests, so a whole page is read and a few of its records synced per invocation", () => {
    const { budget } = buildDeps(env);
    expect({ limit: budget.limit, hardLimit: budget.hardLimit }).toEqual({ limit: 45, hardLimit: 50 });
    // A page is read whole when one record fits; the records that do not fit are kept for the next invocation.
    expect(pageSizeFor(budget, "customers", 0)).toBe(25);
    expect(pageSizeFor(budget, "orders", 0)).toBe(0);
    // The first record of a page at its worst (the run's settings, the page's links), then more while they fit.
    for (let i = 0; i < RECORD_COST.customers; i++) budget.spend("test");
    const room = roomFor(budget, 0);
    let more = 0;
    while (room("customers", "record")) {
      more++;
      for (let i = 0; i < NEXT_RECORD_COST.customers; i++) budget.spend("test");
    }
    expect(more).toBe(6);
    // An order bringing a new customer along needs the customer's whole cost and the order's rest: not any more.
    expect(room("customers", "dependency")).toBe(false);
  });

  it("paid: D1's 1,000 queries per invocation, so pages are full (25 records)", () => {
    const { budget } = buildDeps({ ...env, WORKERS_PLAN: "paid" });
    expect({ limit: budget.limit, hardLimit: budget.hardLimit }).toEqual({ limit: 900, hardLimit: 1000 });
    expect(pageSizeFor(budget, "customers", 0)).toBe(25);
    expect(pageSizeFor(budget, "orders", 0)).toBe(25);
    expect(roomFor(budget, 0)("orders", "record")).toBe(true);
  });

  it("a malformed plan falls back to the free budget (and /health names the variable)", () => {
    const { budget, sync } = buildDeps({ ...env, WORKERS_PLAN: "gold" });
    expect(budget.hardLimit).toBe(50);
    expect(sync.ok).toBe(false);
  });
});
