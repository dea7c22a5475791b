import { describe, expect, it } from "vitest";
import { manualClock, testSim } from "./test-client";

describe("optional behaviours", () => {
  it("utcOffsetMinutes writes timestamps in another offset; filters compare instants", async () => {
    const clock = manualClock(Date.UTC(2026, 10, 26, 12, 0, 0));
    const { sim, api } = testSim({ now: clock.now, utcOffsetMinutes: 60 });
    const customer = sim.seed.customer();
    expect(customer.LastChangedDateTimeOffset).toMatch(/^2026-11-26T13:00:00(\.\d{1,7})?\+01:00$/);
    const before = encodeURIComponent("2026-11-26T11:59:59Z");
    expect((await api.get(`/Customers?lastChangedDateTimeOffsetGreaterThan=${before}`)).json).toHaveLength(1);
  });

  it("datesAsDateTime writes dates as midnight date-times; both forms are accepted on input", async () => {
    const { api } = testSim({ datesAsDateTime: true });
    const reply = await api.post("/Customers", { Name: "A", CustomerSince: "2020-03-01T00:00:00" });
    expect(reply.json.CustomerSince).toBe("2020-03-01T00:00:00");
    const plain = testSim();
    const other = await plain.api.post("/Customers", { Name: "A", CustomerSince: "2020-03-01" });
    expect(other.json.CustomerSince).toBe("2020-03-01");
  });

  it("lineEditsBumpOrder makes line edits move the order's LastChangedDateTimeOffset", async () => {
    const { sim, api } = testSim({ lineEditsBumpOrder: true });
    const order = sim.seed.salesOrder();
    await api.patch(`/SalesOrders/${order.Id}/Lines/${order.SalesOrderLines![0]!.Id}`, [
      { op: "replace", path: "/Quantity", value: 7 },
    ]);
    const after = (await api.get(`/SalesOrders/${order.Id}`)).json;
    expect(after.LastChangedDateTimeOffset > order.LastChangedDateTimeOffset).toBe(true);
    expect(after.NetAmount).toBe(order.NetAmount * 7);
  });

  it("nextPageLink keeps the filters and page size of the request", async () => {
    const { sim, api } = testSim();
    for (let i = 0; i < 3; i++) sim.seed.product({ IsArchived: false });
    sim.seed.product({ IsArchived: true });
    const first = await api.get("/Products?isArchived=false&PageSize=2");
    const link = new URL(JSON.parse(first.headers.get("x-pagination")!).nextPageLink);
    expect(Object.fromEntries(link.searchParams)).toEqual({ isArchived: "false", PageSize: "2", PageNumber: "2" });
    expect((await api.get(`${link.pathname.replace("/v2", "")}${link.search}`)).json).toHaveLength(1);
  });
});
