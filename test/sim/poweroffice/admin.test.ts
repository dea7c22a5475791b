import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

describe("seeding and GUI edits", () => {
  it("seeds valid, distinct records with realistic ids and PascalCase DTOs", () => {
    const { sim } = testSim();
    const a = sim.seed.customer();
    const b = sim.seed.customer({ IsPerson: true });
    expect(a.Id).toBeGreaterThan(10_000_000);
    expect(b.Id).toBeGreaterThan(a.Id);
    expect(a.OrganizationNumber).toMatch(/^\d{9}$/);
    expect(b).toMatchObject({ IsPerson: true, Name: `${b.FirstName} ${b.LastName}` });
    const order = sim.seed.salesOrder();
    expect(order.SalesOrderLines).toHaveLength(1);
    expect(order.IsCreatedByCurrentIntegration).toBe(false);
    expect(sim.count("salesOrders")).toBe(1);
    expect(sim.count("products")).toBe(1);
  });

  it("refuses invalid seeds with a plain error", () => {
    const { sim } = testSim();
    sim.seed.product({ Code: "X" });
    expect(() => sim.seed.product({ Code: "x" })).toThrow(/already in use/);
    expect(() => sim.seed.customer({ LastChangedDateTimeOffset: "soon" })).toThrow();
  });

  it("takes explicit timestamps, kept exactly", () => {
    const { sim } = testSim();
    const at = "2026-11-26T12:00:00.1234567+00:00";
    expect(sim.seed.department({ LastChangedDateTimeOffset: at }).LastChangedDateTimeOffset).toBe(at);
    const c = sim.seed.customer();
    expect(sim.edit("customers", c.Id, { EmailAddress: "ny@firma.no", LastChangedDateTimeOffset: at })).toMatchObject({
      EmailAddress: "ny@firma.no",
      LastChangedDateTimeOffset: at,
    });
  });

  it("edit bumps LastChanged, except for a customer's address or a no-op", () => {
    const { sim } = testSim();
    const c = sim.seed.customer();
    const moved = sim.edit("customers", c.Id, { MailAddress: { City: "Tromsø" } });
    expect(moved.MailAddress.City).toBe("Tromsø");
    expect(moved.LastChangedDateTimeOffset).toBe(c.LastChangedDateTimeOffset);
    const renamed = sim.edit("customers", c.Id, { Name: "Nytt Navn AS" });
    expect(renamed.LastChangedDateTimeOffset > c.LastChangedDateTimeOffset).toBe(true);
    expect(sim.edit("customers", c.Id, { Name: "Nytt Navn AS" }).LastChangedDateTimeOffset).toBe(
      renamed.LastChangedDateTimeOffset,
    );
    const o = sim.seed.salesOrder();
    expect(
      sim.edit("salesOrders", o.Id, { SalesOrderStatus: "Confirmed" }).LastChangedDateTimeOffset >
        o.LastChangedDateTimeOffset,
    ).toBe(true);
  });

  it("editLine changes a line and the totals; deleteRecord removes without a trace", async () => {
    const { sim, api } = testSim();
    const order = sim.seed.salesOrder();
    const line = sim.editLine(order.Id, order.SalesOrderLines![0]!.Id, { Quantity: 3 });
    expect(line.Quantity).toBe(3);
    expect(sim.get("salesOrders", order.Id)!.NetAmount).toBe(line.NetAmount);
    sim.deleteRecord("salesOrders", order.Id);
    expect(sim.get("salesOrders", order.Id)).toBeUndefined();
    expect((await api.get(`/SalesOrders/${order.Id}`)).status).toBe(404);
    expect(sim.list("salesOrders")).toEqual([]);
  });
});
