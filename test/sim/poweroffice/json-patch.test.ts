import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

describe("PATCH with JSON Patch", () => {
  it("applies PascalCase paths and bumps LastChangedDateTimeOffset", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    const reply = await api.patch(`/Customers/${customer.Id}`, [
      { op: "replace", path: "/Name", value: "Acme Norge AS" },
      { op: "add", path: "/PhoneNumber", value: "22 22 55 55" },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ Name: "Acme Norge AS", PhoneNumber: "22 22 55 55" });
    expect(reply.json.LastChangedDateTimeOffset > customer.LastChangedDateTimeOffset).toBe(true);
  });

  it("silently ignores camelCase paths: 200, nothing changes, no timestamp bump", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    const reply = await api.patch(`/Customers/${customer.Id}`, [
      { op: "replace", path: "/name", value: "Changed" },
      { op: "replace", path: "/mailAddress/City", value: "Bergen" },
      { op: "replace", path: "/MailAddress/city", value: "Bergen" },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual(customer);
    expect(sim.get("customers", customer.Id)).toEqual(customer);
  });

  it("refuses fields outside the PatchDto with 400 naming the path segment", async () => {
    const { sim, api } = testSim();
    const department = sim.seed.department();
    const reply = await api.patch(`/Departments/${department.Id}`, [
      { op: "replace", path: "/manageremployeeno", value: 5 },
    ]);
    expect(reply.status).toBe(400);
    expect(reply.json).toMatchObject({
      title: "Department validation error(s)",
      detail: "DepartmentPatchDto: The target location specified by path segment 'manageremployeeno' was not found.",
    });
    for (const path of ["/Id", "/LastChangedDateTimeOffset", "/Colour"]) {
      expect((await api.patch(`/Departments/${department.Id}`, [{ op: "replace", path, value: 1 }])).status).toBe(400);
    }
  });

  it("patches nested /MailAddress/City without moving the customer's LastChangedDateTimeOffset", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer({ MailAddress: { City: "Oslo", ZipCode: "0150" } });
    const reply = await api.patch(`/Customers/${customer.Id}`, [
      { op: "replace", path: "/MailAddress/City", value: "Bergen" },
    ]);
    expect(reply.json.MailAddress.City).toBe("Bergen");
    expect(reply.json.MailAddress.Id).toBe(customer.MailAddress.Id);
    expect(reply.json.LastChangedDateTimeOffset).toBe(customer.LastChangedDateTimeOffset);
    expect(reply.json.MailAddress.LastChangedDateTimeOffset > customer.MailAddress.LastChangedDateTimeOffset).toBe(
      true,
    );
    const feed = await api.get(
      `/Customers?lastChangedDateTimeOffsetGreaterThan=${encodeURIComponent(customer.LastChangedDateTimeOffset)}`,
    );
    expect(feed.status).toBe(204);
  });

  it("does not bump the timestamp for a no-op patch", async () => {
    const { sim, api } = testSim();
    const product = sim.seed.product({ Name: "Stol" });
    const reply = await api.patch(`/Products/${product.Id}`, [{ op: "replace", path: "/Name", value: "Stol" }]);
    expect(reply.json.LastChangedDateTimeOffset).toBe(product.LastChangedDateTimeOffset);
  });

  it("supports remove and test; a failed test changes nothing", async () => {
    const { sim, api } = testSim();
    const product = sim.seed.product({ Name: "Stol", Description: "Rød" });
    const failed = await api.patch(`/Products/${product.Id}`, [
      { op: "replace", path: "/Name", value: "Bord" },
      { op: "test", path: "/Description", value: "Blå" },
    ]);
    expect(failed.status).toBe(400);
    expect(sim.get("products", product.Id)!.Name).toBe("Stol");
    const ok = await api.patch(`/Products/${product.Id}`, [
      { op: "test", path: "/Description", value: "Rød" },
      { op: "remove", path: "/Description" },
    ]);
    expect(ok.json.Description).toBeNull();
  });

  it("edits array fields by index and with '-'", async () => {
    const { sim, api } = testSim();
    const customer = sim.seed.customer({ ContactGroupIds: [3] });
    const reply = await api.patch(`/Customers/${customer.Id}`, [
      { op: "add", path: "/ContactGroupIds/-", value: 1001 },
      { op: "replace", path: "/ContactGroupIds/0", value: 1002 },
    ]);
    expect(reply.json.ContactGroupIds).toEqual([1002, 1001]);
  });

  it("takes only application/json-patch+json (415 otherwise) and checks value types", async () => {
    const { sim, api } = testSim();
    const product = sim.seed.product();
    const asJson = await api.patch(`/Products/${product.Id}`, [{ op: "replace", path: "/Name", value: "X" }], {
      contentType: "application/json",
    });
    expect(asJson.status).toBe(415);
    const wrongType = await api.patch(`/Products/${product.Id}`, [{ op: "replace", path: "/UnitPrice", value: "dyr" }]);
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.detail).toContain("ProductPatchDto");
    expect((await api.patch(`/Products/${product.Id}`, { Name: "X" })).status).toBe(400);
  });

  it("answers 404 ProblemDetails for an unknown id", async () => {
    const { api } = testSim();
    const reply = await api.patch("/Customers/12345", [{ op: "replace", path: "/Name", value: "X" }]);
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ title: "Object(s) not found", detail: "Customer with id = 12345 not found." });
  });
});
