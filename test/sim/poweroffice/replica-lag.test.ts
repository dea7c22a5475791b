import { describe, expect, it } from "vitest";
import { manualClock, testSim } from "./test-client";

describe("replica lag", () => {
  it("a record created through the API is not found by lists or GET by id until the lag has passed", async () => {
    const clock = manualClock();
    const { api } = testSim({ now: clock.now, replicaLagMs: 1000 });
    const created = await api.post("/Customers", { Name: "Acme AS", ExternalImportReference: "shop-1" });
    expect(created.status).toBe(201);
    expect((await api.get("/Customers?externalImportReference=shop-1")).status).toBe(204);
    expect((await api.get(`/Customers/${created.json.Id}`)).status).toBe(404);
    clock.advance(999);
    expect((await api.get(`/Customers/${created.json.Id}`)).status).toBe(404);
    clock.advance(1);
    expect((await api.get("/Customers?externalImportReference=shop-1")).json).toHaveLength(1);
    expect((await api.get(`/Customers/${created.json.Id}`)).status).toBe(200);
  });

  it("a change shows its old version until the lag has passed, so the change feed does not see it yet", async () => {
    const clock = manualClock();
    const { sim, api } = testSim({ now: clock.now, replicaLagMs: 1000 });
    const product = sim.seed.product({ Name: "Stol" });
    const patched = await api.patch(`/Products/${product.Id}`, [{ op: "replace", path: "/Name", value: "Bord" }]);
    expect(patched.json.Name).toBe("Bord");
    expect((await api.get(`/Products/${product.Id}`)).json.Name).toBe("Stol");
    const since = encodeURIComponent(product.LastChangedDateTimeOffset);
    expect((await api.get(`/Products?lastChangedDateTimeOffsetGreaterThan=${since}`)).status).toBe(204);
    clock.advance(1000);
    expect((await api.get(`/Products?lastChangedDateTimeOffsetGreaterThan=${since}`)).json[0].Name).toBe("Bord");
  });

  it("uniqueness is checked on the primary: a second create is refused even while the first is invisible", async () => {
    const clock = manualClock();
    const { sim, api } = testSim({ now: clock.now, replicaLagMs: 1000 });
    const customer = sim.seed.customer();
    const body = { CustomerId: customer.Id, ExternalImportReference: "web-1", SalesOrderLines: [] };
    const first = await api.post("/SalesOrders/Complete", body);
    expect((await api.get(`/SalesOrders/${first.json.Id}`)).status).toBe(404);
    const second = await api.post("/SalesOrders/Complete", body);
    expect(second.status).toBe(400);
    expect(second.json.detail).toContain(first.json.Id);
  });

  it("a deleted record stays readable until the lag has passed; seeds and GUI edits skip the lag", async () => {
    const clock = manualClock();
    const { sim, api } = testSim({ now: clock.now, replicaLagMs: 500 });
    const department = sim.seed.department({ Name: "Salg" });
    expect((await api.get(`/Departments/${department.Id}`)).status).toBe(200);
    sim.edit("departments", department.Id, { Name: "Salg Øst" });
    expect((await api.get(`/Departments/${department.Id}`)).json.Name).toBe("Salg Øst");
    await api.delete(`/Departments/${department.Id}`);
    expect((await api.get(`/Departments/${department.Id}`)).status).toBe(200);
    clock.advance(500);
    expect((await api.get(`/Departments/${department.Id}`)).status).toBe(404);
  });
});
