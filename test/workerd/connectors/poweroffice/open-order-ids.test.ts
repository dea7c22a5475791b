/**
 * salesOrders.openIds(): the ids of every open sales order, ids only (Fields=Id), in a fixed order (OrderBy=Id), page
 * after page; an order sent as an invoice is not among them; a list longer than the pages allowed answers null.
 */
import { describe, expect, it } from "vitest";
import { apiRequests, setup } from "./harness";

describe("open sales order ids", () => {
  it("lists every open order's id, ids only, and leaves out an invoiced one", async () => {
    const { sim, client } = setup();
    const orders = [1, 2, 3].map(() => sim.seed.salesOrder());
    sim.invoiceOrder(orders[1]!.Id);

    const open = await client.salesOrders.openIds();

    expect(open.ok && [...(open.value ?? [])].sort()).toEqual([orders[0]!.Id, orders[2]!.Id].sort());
    const [listing] = sim.requests.filter((r) => /\/SalesOrders$/.test(r.path));
    const query = new URLSearchParams(listing!.query);
    expect(listing!.path).toMatch(/\/SalesOrders$/);
    expect([query.get("Fields"), query.get("OrderBy")]).toEqual(["Id", "Id"]);
    expect(apiRequests(sim)).toHaveLength(1);
  });

  it("reads page after page, and answers null rather than an incomplete list", async () => {
    const { sim, client } = setup();
    const orders = Array.from({ length: 5 }, () => sim.seed.salesOrder());
    const all = await client.salesOrders.openIds(2, 3);
    expect(all.ok && [...(all.value ?? [])].sort()).toEqual(orders.map((o) => o.Id).sort());
    expect(apiRequests(sim)).toHaveLength(3);

    const tooMany = await client.salesOrders.openIds(2, 2);
    expect(tooMany).toEqual({ ok: true, value: null });
  });

  it("answers an empty list when PowerOffice has no open order (204)", async () => {
    const { sim, client } = setup();
    expect(await client.salesOrders.openIds()).toEqual({ ok: true, value: [] });
    expect(apiRequests(sim).map((r) => r.status)).toEqual([204]);
  });
});
