import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

describe("products", () => {
  it("POST /Products answers 200 as documented (not 201)", async () => {
    const { api } = testSim();
    const reply = await api.post("/Products", { Name: "Kontorstol", Code: "STOL-1", UnitPrice: 2490 });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ Name: "Kontorstol", ProductType: "Product", IsArchived: false });
    expect((await api.post("/Products", { Code: "X" })).status).toBe(400);
  });

  it("Code is unique regardless of case; the error names the existing product", async () => {
    const { api } = testSim();
    const first = await api.post("/Products", { Name: "A", Code: "ABC" });
    const clash = await api.post("/Products", { Name: "B", Code: "abc" });
    expect(clash.status).toBe(400);
    expect(clash.json.detail).toContain(`Id = ${first.json.Id}`);
  });

  it("stock changes move StockOnHandLastChangedDatetimeOffset, not LastChangedDateTimeOffset", async () => {
    const { sim, api } = testSim();
    const product = sim.seed.product({ IsStockItem: true, StockOnHand: 5 });
    const reply = await api.patch(`/Products/${product.Id}`, [{ op: "replace", path: "/StockOnHand", value: 3 }]);
    expect(reply.json.StockOnHand).toBe(3);
    expect(reply.json.LastChangedDateTimeOffset).toBe(product.LastChangedDateTimeOffset);
    expect(reply.json.StockOnHandLastChangedDatetimeOffset > product.StockOnHandLastChangedDatetimeOffset!).toBe(true);
    const plain = sim.seed.product();
    expect((await api.patch(`/Products/${plain.Id}`, [{ op: "replace", path: "/StockOnHand", value: 3 }])).status).toBe(
      400,
    );
  });

  it("refuses 409 to delete a product used on an order line", async () => {
    const { sim, api } = testSim();
    const product = sim.seed.product();
    sim.seed.salesOrder({}, [{ ProductId: product.Id, Quantity: 1 }]);
    expect((await api.delete(`/Products/${product.Id}`)).status).toBe(409);
  });
});

describe("departments", () => {
  it("are created inactive unless IsActive: true is sent", async () => {
    const { api } = testSim();
    expect((await api.post("/Departments", { Name: "Salg" })).json.IsActive).toBe(false);
    expect((await api.post("/Departments", { Name: "Lager", IsActive: true })).json.IsActive).toBe(true);
  });

  it("need a Name, and a Code unique regardless of case", async () => {
    const { api } = testSim();
    expect((await api.post("/Departments", { Code: "10" })).status).toBe(400);
    const first = await api.post("/Departments", { Name: "Salg", Code: "SALG" });
    const clash = await api.post("/Departments", { Name: "Salg 2", Code: "salg" });
    expect(clash.status).toBe(400);
    expect(clash.json).toMatchObject({ title: "Department validation error(s)" });
    expect(clash.json.detail).toContain(`Id = ${first.json.Id}`);
  });

  it("patch IsActive and Name; GET by id", async () => {
    const { sim, api } = testSim();
    const department = sim.seed.department({ IsActive: false });
    const reply = await api.patch(`/Departments/${department.Id}`, [{ op: "replace", path: "/IsActive", value: true }]);
    expect(reply.json.IsActive).toBe(true);
    expect((await api.get(`/Departments/${department.Id}`)).json.IsActive).toBe(true);
  });
});
