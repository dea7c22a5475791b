/** WORKERS_PLAN sizes every invocation's budget, and with it the pages the triggers take (docs/sync-engine.md, Limits). */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { pageSizeFor } from "../../../worker/budgets/plan-budget";
import { buildDeps } from "../../../worker/wiring/build-deps";

describe("WORKERS_PLAN", () => {
  it("free (the default): 50 subrequests, so a page of customers is a few records", () => {
    const { budget } = buildDeps(env);
    expect({ limit: budget.limit, hardLimit: budget.hardLimit }).toEqual({ limit: 45, hardLimit: 50 });
    expect(pageSizeFor(budget, "customers", 0)).toBe(3);
    expect(pageSizeFor(budget, "orders", 0)).toBe(0);
  });

  it("paid: D1's 1,000 queries per invocation, so pages are full (25 records)", () => {
    const { budget } = buildDeps({ ...env, WORKERS_PLAN: "paid" });
    expect({ limit: budget.limit, hardLimit: budget.hardLimit }).toEqual({ limit: 900, hardLimit: 1000 });
    expect(pageSizeFor(budget, "customers", 0)).toBe(25);
    expect(pageSizeFor(budget, "orders", 0)).toBe(22);
  });

  it("a malformed plan falls back to the free budget (and /health names the variable)", () => {
    const { budget, sync } = buildDeps({ ...env, WORKERS_PLAN: "gold" });
    expect(budget.hardLimit).toBe(50);
    expect(sync.ok).toBe(false);
  });
});
