/**
 * The record detail within one invocation's budget: an order's customer and products are looked up as links in a
 * few queries, not one each, so a large order answers on the Free plan too.
 */
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../shared/api/paths";
import { RecordResponseSchema } from "../../../shared/api/records";
import { linkRows } from "../sync/tables";
import { createApiWorld } from "./api-world";

describe("GET /api/records/:id on the Free plan", () => {
  it("answers the detail of an order with 60 lines of 60 distinct products", { timeout: 300_000 }, async () => {
    // The sync that sets the order up counts without refusing (a 60-line order is more than one Free invocation
    // syncs); the route under test gets the Free plan's budget as in production (WORKERS_PLAN = "free").
    const world = await createApiWorld({ measureOnly: true });
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
  });
});
