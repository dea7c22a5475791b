/**
 * A large order within one invocation's budget: its customer and products are looked up as links in a few queries,
 * not one per line, both when the engine syncs it and when the record detail shows it, so it works on the Free plan.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import { RecordResponseSchema } from "../../../../shared/api/records";
import { createBudget } from "../../../../worker/budgets/budget";
import { linkRows } from "../../jobs/tables";
import { createApiWorld, worldApi } from "./api-world";
import { testToken } from "./tokens";

describe("GET /api/records/:id on the Free plan", () => {
  it("an order of 60 lines of 60 distinct products syncs, and its detail answers, on the Free plan", {
    timeout: 300_000,
  }, async () => {
    const world = await createApiWorld();
    const po = world.poweroffice;
    const products = Array.from({ length: 60 }, (_, i) =>
      po.seed.product({ Code: `LINJE-${i + 1}`, Name: `Linjevare ${i + 1}`, UnitPrice: 10 + i }),
    );
    const customer = po.seed.customer({
      IsPerson: true,
      FirstName: "Stor",
      LastName: "Ordre",
      EmailAddress: "stor.ordre@example.no",
    });
    for (let i = 0; i < 3; i++) await world.cycle();
    expect(world.shop.count("products")).toBe(60);
    po.seed.salesOrder(
      { CustomerId: customer.Id, SalesOrderStatus: "Draft" },
      products.map((p) => ({ ProductId: p.Id, Quantity: 1 })),
    );
    for (let i = 0; i < 2; i++) await world.cycle(31 * 60_000);
    const [orderLink] = await linkRows("orders");
    expect(orderLink?.state).toBe("linked");

    const parsed = await world.ok(RecordResponseSchema, "GET", API_PATHS.record(orderLink!.id), { token: "read" });
    expect(parsed.record.values.source).toEqual({ poweroffice: "live", webshop: "live" });
    const lines = parsed.record.properties.find((p) => p.property === "lines");
    const productRefs = (value: unknown) =>
      (value as Array<{ product_id: unknown }>).map((l) => String(l.product_id)).filter((id) => id.startsWith("link:"));
    expect(productRefs(lines?.poweroffice)).toHaveLength(60);
    expect(productRefs(lines?.webshop)).toHaveLength(60);

    // An invocation whose planned budget is used up before the lookups: the side is shown from its snapshot, with a
    // note, instead of the request failing.
    const spent = worldApi(world, { budget: () => ({ ...createBudget(), remaining: () => 0 }) });
    const app = new Hono<{ Bindings: Env }>().route("/api", spent);
    const token = await testToken("read", world.clock.now());
    const response = await app.request(
      `https://worker.test${API_PATHS.record(orderLink!.id)}`,
      { headers: { Authorization: `Bearer ${token}` } },
      world.env,
    );
    expect(response.status).toBe(200);
    const fallback = v.parse(RecordResponseSchema, await response.json());
    expect(fallback.record.values.source).toEqual({ poweroffice: "snapshot", webshop: "snapshot" });
    expect(fallback.record.values.problems).toEqual([
      expect.stringMatching(/^PowerOffice was read, but the links of the records it refers to could not be looked up/),
      expect.stringMatching(/^The webshop was read, but the links of the records it refers to could not be looked up/),
    ]);
  });
});
