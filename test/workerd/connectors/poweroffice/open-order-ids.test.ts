/**
 * salesOrders.openIds(): the ids of every open sales order, ids only (Fields=Id), in a fixed order (OrderBy=Id), page
 * after page; an order sent as an invoice is not among them; a list longer than the pages allowed answers null.
 */
import { describe, expect, it } from "vitest";
import { OPEN_IDS_MAX_PAGES, OPEN_IDS_PAGE_SIZE } from "../../../../worker/connectors/poweroffice/sales-orders";
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

  it("asks for up to 6,000 in one page, and answers null for a full page with more after it", async () => {
    const { sim, client } = setup();
    sim.seed.salesOrder();
    await client.salesOrders.openIds();
    const [listing] = sim.requests.filter((r) => /\/SalesOrders$/.test(r.path));
    const query = new URLSearchParams(listing!.query);
    expect([query.get("PageNumber"), query.get("PageSize")]).toEqual(["1", "6000"]);
    expect(OPEN_IDS_PAGE_SIZE * OPEN_IDS_MAX_PAGES).toBe(6000);
    // A page as full as asked, with more after it: not the whole list, so no list at all.
    const orders = Array.from({ length: 3 }, () => sim.seed.salesOrder());
    expect(await client.salesOrders.openIds(orders.length, 1)).toEqual({ ok: true, value: null });
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
