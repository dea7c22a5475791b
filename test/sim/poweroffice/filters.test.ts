import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

const T = "2026-11-26T12:00:00.1234567+00:00";
const enc = encodeURIComponent;

describe("GET-list filters", () => {
  it("lastChangedDateTimeOffsetGreaterThan is exclusive and exact to 100 ns on all four entities", async () => {
    const { sim, api } = testSim();
    sim.seed.customer({ LastChangedDateTimeOffset: T });
    sim.seed.department({ LastChangedDateTimeOffset: T });
    sim.seed.product({ LastChangedDateTimeOffset: T });
    sim.seed.salesOrder({ LastChangedDateTimeOffset: T });
    for (const entity of ["Customers", "Departments", "Products", "SalesOrders"]) {
      const just = await api.get(
        `/${entity}?lastChangedDateTimeOffsetGreaterThan=${enc("2026-11-26T12:00:00.1234566Z")}`,
      );
      expect(just.json, entity).toHaveLength(1);
      const same = await api.get(`/${entity}?lastChangedDateTimeOffsetGreaterThan=${enc(T)}`);
      expect(same.status, entity).toBe(204);
      // The same instant written in another offset is the same instant.
      const shifted = await api.get(
        `/${entity}?lastChangedDateTimeOffsetGreaterThan=${enc("2026-11-26T13:00:00.1234566+01:00")}`,
      );
      expect(shifted.json, entity).toHaveLength(1);
    }
  });

  it("answers 400 for a malformed timestamp, including an unencoded '+' that arrived as a space", async () => {
    const { sim, api } = testSim();
    sim.seed.customer();
    const bad = await api.get("/Customers?lastChangedDateTimeOffsetGreaterThan=yesterday");
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({
      status: 400,
      title: expect.any(String),
      detail: expect.stringContaining("yesterday"),
    });
    const plus = await api.get("/Customers?lastChangedDateTimeOffsetGreaterThan=2026-11-26T12:00:00.1234567+00:00");
    expect(plus.status).toBe(400);
    const encoded = await api.get(
      `/Customers?lastChangedDateTimeOffsetGreaterThan=${enc("2020-01-01T00:00:00+00:00")}`,
    );
    expect(encoded.status).toBe(200);
  });

  it("customers: externalImportReference, customerNos ranges, externalNos, customerCreated…", async () => {
    const { sim, api } = testSim();
    const a = sim.seed.customer({ ExternalImportReference: "shop-1", Number: 10010, ExternalNumber: 500 });
    const b = sim.seed.customer({ ExternalImportReference: "shop-2", Number: 10020, ExternalNumber: 600 });
    const c = sim.seed.customer({ Number: 12000 });
    const ids = async (query: string) =>
      ((await api.get(`/Customers?${query}`)).json ?? []).map((x: { Id: number }) => x.Id);
    expect(await ids("externalImportReference=shop-2")).toEqual([b.Id]);
    expect(await ids("externalImportReference=shop-3")).toEqual([]);
    expect(await ids(`customerNos=${enc("10000-10015, 12000")}`)).toEqual([a.Id, c.Id]);
    expect(await ids("customerNos=10015-")).toEqual([b.Id, c.Id]);
    expect(await ids("externalNos=550-")).toEqual([b.Id]);
    expect((await api.get("/Customers?customerNos=abc")).status).toBe(400);
    expect(await ids(`customerCreatedDateTimeOffsetGreaterThan=${enc(b.CustomerCreatedDateTimeOffset)}`)).toEqual([
      c.Id,
    ]);
  });

  it("customers: contactGroupIds takes single positive numbers only", async () => {
    const { sim, api } = testSim();
    const a = sim.seed.customer({ ContactGroupIds: [3, 7] });
    sim.seed.customer();
    expect((await api.get("/Customers?contactGroupIds=7")).json.map((x: { Id: number }) => x.Id)).toEqual([a.Id]);
    const range = await api.get("/Customers?contactGroupIds=1-5");
    expect(range.status).toBe(400);
    expect(range.json.title).toBe("Unable to cast object(s)");
  });

  it("organizationNumber and emailAddress are not documented filters on /Customers, so they are ignored", async () => {
    const { sim, api } = testSim();
    sim.seed.customer({ OrganizationNumber: "914778271" });
    sim.seed.customer({ OrganizationNumber: "923609016" });
    expect((await api.get("/Customers?organizationNumber=914778271")).json).toHaveLength(2);
    expect((await api.get("/Customers?emailAddress=x@y.no")).json).toHaveLength(2);
  });

  it("products and departments: codes without regard to case; other documented filters", async () => {
    const { sim, api } = testSim();
    sim.seed.product({ Code: "ABC-1", Name: "Stol", ProductType: "Product" });
    sim.seed.product({ Code: "abc-2", Name: "Montering", ProductType: "Service", IsArchived: true });
    sim.seed.department({ Code: "Salg", Name: "Salg", IsActive: true });
    sim.seed.department({ Code: "Lager", Name: "Lager", IsActive: false });
    const names = async (path: string) => ((await api.get(path)).json ?? []).map((x: { Name: string }) => x.Name);
    expect(await names("/Products?codes=abc-1,ABC-2")).toEqual(["Stol", "Montering"]);
    expect(await names("/Products?codes=ABC-1")).toEqual(["Stol"]);
    expect(await names("/Products?type=service")).toEqual(["Montering"]);
    expect(await names("/Products?isArchived=false")).toEqual(["Stol"]);
    expect(await names(`/Products?names=${enc("stol, sofa")}`)).toEqual(["Stol"]);
    expect((await api.get("/Products?type=Gadget")).status).toBe(400);
    expect(await names("/Departments?codes=SALG")).toEqual(["Salg"]);
    expect(await names("/Departments?isActive=false")).toEqual(["Lager"]);
    expect((await api.get("/Departments?isActive=maybe")).status).toBe(400);
  });

  it("/SalesOrders has no externalImportReference filter: the parameter is ignored and everything returns", async () => {
    const { sim, api } = testSim();
    sim.seed.salesOrder({ ExternalImportReference: "order-1" });
    sim.seed.salesOrder({ ExternalImportReference: "order-2" });
    expect((await api.get("/SalesOrders?externalImportReference=order-1")).json).toHaveLength(2);
  });

  it("/SalesOrders: onlyCreatedByCurrentIntegration, orderStatus, customerNos", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer({ Number: 15000 });
    const product = sim.seed.product();
    sim.seed.salesOrder({ CustomerId: customer.Id, SalesOrderStatus: "Confirmed" });
    const mine = await api.post("/SalesOrders/Complete", {
      CustomerId: customer.Id,
      SalesOrderLines: [{ ProductId: product.Id, Quantity: 1 }],
    });
    expect(mine.json.IsCreatedByCurrentIntegration).toBe(true);
    const only = await api.get("/SalesOrders?onlyCreatedByCurrentIntegration=true");
    expect(only.json.map((o: { Id: string }) => o.Id)).toEqual([mine.json.Id]);
    expect((await api.get("/SalesOrders?onlyCreatedByCurrentIntegration=false")).json).toHaveLength(2);
    expect((await api.get("/SalesOrders?orderStatus=confirmed")).json).toHaveLength(1);
    expect((await api.get("/SalesOrders?customerNos=15000")).json).toHaveLength(2);
    expect((await api.get("/SalesOrders?customerNos=16000-")).status).toBe(204);
  });
});
