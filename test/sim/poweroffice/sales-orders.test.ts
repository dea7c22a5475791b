import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

function setup() {
  const { sim, api } = testSim();
  const customer = sim.seed.customer({ Number: 10100 });
  const chair = sim.seed.product({ Name: "Kontorstol", Code: "STOL-1", UnitPrice: 1000, UnitCost: 400 });
  const desk = sim.seed.product({ Name: "Skrivebord", Code: "BORD-1", UnitPrice: 2500 });
  const create = (extra: Record<string, unknown> = {}, lines?: unknown[]) =>
    api.post("/SalesOrders/Complete", {
      CustomerId: customer.Id,
      SalesOrderLines: lines ?? [
        { ProductId: chair.Id, Quantity: 2, ExternalImportReference: "l1" },
        { ProductCode: "bord-1", Quantity: 1, Allowance: 10, ExternalImportReference: "l2" },
      ],
      ...extra,
    });
  return { sim, api, customer, chair, desk, create };
}

describe("sales orders", () => {
  it("POST /SalesOrders/Complete answers 201 with lines, inherited prices and totals at 25 % VAT", async () => {
    const { create, customer } = setup();
    const reply = await create({ ExternalImportReference: "web-1001" });
    expect(reply.status).toBe(201);
    const order = reply.json;
    expect(order).toMatchObject({
      CustomerId: customer.Id,
      CustomerNo: 10100,
      SalesOrderStatus: "Draft",
      CurrencyCode: "NOK",
      LineCount: 2,
      NetAmount: 4250,
      TotalAmount: 5312.5,
      IsCreatedByCurrentIntegration: true,
    });
    expect(order.Id).toMatch(/^[0-9a-f-]{36}$/);
    expect(order.SalesOrderLines[0]).toMatchObject({
      Description: "Kontorstol",
      ProductUnitPrice: 1000,
      ProductUnitCost: 400,
      NetAmount: 2000,
      VatAmount: 500,
      TotalAmount: 2500,
      VatRate: 0.25,
      SortOrder: 0,
      SalesOrderId: order.Id,
    });
    expect(order.SalesOrderLines[1]).toMatchObject({ ProductCode: "BORD-1", NetAmount: 2250, SortOrder: 1 });
  });

  it("ExternalImportReference is unique per order type: 400 naming the existing order's id", async () => {
    const { create } = setup();
    const first = await create({ ExternalImportReference: "web-1001" });
    const again = await create({ ExternalImportReference: "web-1001" });
    expect(again.status).toBe(400);
    expect(again.json.detail).toBe(
      `ExternalImportReference is already in use. 'web-1001' is used on (sales order) Id = ${first.json.Id}.`,
    );
  });

  it("line ExternalImportReference is unique within its order only", async () => {
    const { create, chair, api } = setup();
    const dup = await create({}, [
      { ProductId: chair.Id, Quantity: 1, ExternalImportReference: "x" },
      { ProductId: chair.Id, Quantity: 1, ExternalImportReference: "x" },
    ]);
    expect(dup.status).toBe(400);
    const a = await create({}, [{ ProductId: chair.Id, Quantity: 1, ExternalImportReference: "x" }]);
    expect(a.status).toBe(201);
    const b = await create({}, [{ ProductId: chair.Id, Quantity: 1, ExternalImportReference: "x" }]);
    expect(b.status).toBe(201);
    const clash = await api.post(`/SalesOrders/${a.json.Id}/Lines`, {
      ProductId: chair.Id,
      Quantity: 1,
      ExternalImportReference: "x",
    });
    expect(clash.status).toBe(400);
  });

  it("needs a known customer and known products", async () => {
    const { api, chair, create } = setup();
    expect((await api.post("/SalesOrders/Complete", { SalesOrderLines: [] })).status).toBe(400);
    expect((await create({ CustomerId: 999 })).status).toBe(404);
    expect((await create({}, [{ ProductId: 999, Quantity: 1 }])).status).toBe(404);
    expect((await create({}, [{ ProductId: chair.Id }])).status).toBe(400);
  });

  it("GET by id is the light header; /Complete has the lines; /Lines lists and pages them", async () => {
    const { api, create } = setup();
    const { json: order } = await create();
    const header = await api.get(`/SalesOrders/${order.Id}`);
    expect(header.json.SalesOrderLines).toBeUndefined();
    expect(header.json.LineCount).toBe(2);
    expect((await api.get(`/SalesOrders/${order.Id}/Complete`)).json.SalesOrderLines).toHaveLength(2);
    const lines = await api.get(`/SalesOrders/${order.Id}/Lines?PageSize=1`);
    expect(lines.json).toHaveLength(1);
    expect(JSON.parse(lines.headers.get("x-pagination")!).totalCount).toBe(2);
    const line = await api.get(`/SalesOrders/${order.Id}/Lines/${order.SalesOrderLines[1].Id}`);
    expect(line.json.ExternalImportReference).toBe("l2");
  });

  it("adds, patches and deletes lines; totals follow", async () => {
    const { api, create, desk } = setup();
    const { json: order } = await create();
    const added = await api.post(`/SalesOrders/${order.Id}/Lines`, { ProductId: desk.Id, Quantity: 2 });
    expect(added.status).toBe(201);
    expect(added.json.SortOrder).toBe(2);
    const patched = await api.patch(`/SalesOrders/${order.Id}/Lines/${added.json.Id}`, [
      { op: "replace", path: "/Quantity", value: 4 },
    ]);
    expect(patched.json.NetAmount).toBe(10000);
    expect((await api.delete(`/SalesOrders/${order.Id}/Lines/${order.SalesOrderLines[0].Id}`)).status).toBe(200);
    const header = (await api.get(`/SalesOrders/${order.Id}`)).json;
    expect(header).toMatchObject({ LineCount: 2, NetAmount: 12250 });
  });

  it("by default a line edit does not move the order's LastChangedDateTimeOffset; the option makes it", async () => {
    const plain = setup();
    const { json: order } = await plain.create();
    await plain.api.patch(`/SalesOrders/${order.Id}/Lines/${order.SalesOrderLines[0].Id}`, [
      { op: "replace", path: "/Quantity", value: 9 },
    ]);
    expect((await plain.api.get(`/SalesOrders/${order.Id}`)).json.LastChangedDateTimeOffset).toBe(
      order.LastChangedDateTimeOffset,
    );
  });

  it("a confirmed order is locked until set back to Draft", async () => {
    const { api, create, desk } = setup();
    const { json: order } = await create();
    const confirm = await api.patch(`/SalesOrders/${order.Id}`, [
      { op: "replace", path: "/SalesOrderStatus", value: "Confirmed" },
    ]);
    expect(confirm.json.SalesOrderStatus).toBe("Confirmed");
    const edit = await api.patch(`/SalesOrders/${order.Id}`, [
      { op: "replace", path: "/CustomerReference", value: "Ola" },
    ]);
    expect(edit.status).toBe(400);
    expect(edit.json.detail).toMatch(/confirmed/i);
    expect((await api.post(`/SalesOrders/${order.Id}/Lines`, { ProductId: desk.Id, Quantity: 1 })).status).toBe(400);
    expect(
      (
        await api.patch(`/SalesOrders/${order.Id}/Lines/${order.SalesOrderLines[0].Id}`, [
          { op: "replace", path: "/Quantity", value: 1 },
        ])
      ).status,
    ).toBe(400);
    await api.patch(`/SalesOrders/${order.Id}`, [{ op: "replace", path: "/SalesOrderStatus", value: "Draft" }]);
    const after = await api.patch(`/SalesOrders/${order.Id}`, [
      { op: "replace", path: "/CustomerReference", value: "Ola" },
    ]);
    expect(after.json.CustomerReference).toBe("Ola");
  });

  it("an invoiced order leaves /SalesOrders and answers 404 by id; its reference stays taken", async () => {
    const { sim, api, create } = setup();
    const { json: order } = await create({ ExternalImportReference: "web-7" });
    sim.invoiceOrder(order.Id);
    expect((await api.get(`/SalesOrders/${order.Id}`)).status).toBe(404);
    expect((await api.get(`/SalesOrders/${order.Id}/Lines/${order.SalesOrderLines[0].Id}`)).status).toBe(404);
    expect((await api.get("/SalesOrders")).status).toBe(204);
    expect((await create({ ExternalImportReference: "web-7" })).json.detail).toContain(order.Id);
  });

  it("DELETE removes the order (200, then 404) and frees its reference", async () => {
    const { api, create } = setup();
    const { json: order } = await create({ ExternalImportReference: "web-8" });
    expect((await api.delete(`/SalesOrders/${order.Id}`)).status).toBe(200);
    expect((await api.get(`/SalesOrders/${order.Id}/Complete`)).status).toBe(404);
    expect((await create({ ExternalImportReference: "web-8" })).status).toBe(201);
  });

  it("an order with no lines lists 204 on /Lines", async () => {
    const { api, create } = setup();
    const { json: order } = await create({}, []);
    expect((await api.get(`/SalesOrders/${order.Id}/Lines`)).status).toBe(204);
    expect((await api.get(`/SalesOrders/${order.Id}`)).json).toMatchObject({
      LineCount: 0,
      NetAmount: 0,
      TotalAmount: 0,
    });
  });
});
