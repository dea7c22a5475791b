import { describe, expect, it } from "vitest";
import { testSim } from "./test-client";

const address = { AddressLine1: "Storgata 1", ZipCode: "0155", City: "Oslo" };

describe("customers", () => {
  it("creates with 201, assigns a Number from the series, and defaults CountryCode NO and currency NOK", async () => {
    const { api } = testSim();
    const first = await api.post("/Customers", { Name: "Fjord Bygg AS", MailAddress: address });
    const second = await api.post("/Customers", { Name: "Nord Maskin AS" });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ Number: 10000, CurrencyCode: "NOK", IsPerson: false, IsArchived: false });
    expect(first.json.MailAddress).toMatchObject({ ...address, CountryCode: "NO" });
    expect(second.json.Number).toBe(10001);
    expect(first.json.Id).toBeGreaterThan(10_000_000);
  });

  it("refuses a Number outside the customer number series or already taken", async () => {
    const { api } = testSim();
    expect((await api.post("/Customers", { Name: "A", Number: 5 })).status).toBe(400);
    const taken = await api.post("/Customers", { Name: "A", Number: 10500 });
    const again = await api.post("/Customers", { Name: "B", Number: 10500 });
    expect(again.status).toBe(400);
    expect(again.json.detail).toContain(`(contact) Id = ${taken.json.Id}`);
  });

  it("persons need FirstName and LastName, companies need Name", async () => {
    const { api } = testSim();
    const noLast = await api.post("/Customers", { IsPerson: true, FirstName: "Kari" });
    expect(noLast.status).toBe(400);
    expect(noLast.json).toMatchObject({ title: "Customer validation error(s)", status: 400 });
    expect((await api.post("/Customers", { IsPerson: false, FirstName: "Kari", LastName: "Nordmann" })).status).toBe(
      400,
    );
    const person = await api.post("/Customers", { IsPerson: true, FirstName: "Kari", LastName: "Nordmann" });
    expect(person.status).toBe(201);
    expect(person.json.Name).toBe("Kari Nordmann");
  });

  it("ExternalImportReference is unique: 400 naming the existing contact, worded as the OpenAPI example", async () => {
    const { api } = testSim();
    const first = await api.post("/Customers", { Name: "A", ExternalImportReference: "ABC123" });
    const second = await api.post("/Customers", { Name: "B", ExternalImportReference: "ABC123" });
    expect(second.status).toBe(400);
    expect(second.json).toMatchObject({
      title: "Customer validation error(s)",
      detail: `ExternalImportReference is already in use. 'ABC123' is used on (contact) Id = ${first.json.Id}.`,
    });
    expect((await api.post("/Customers", { Name: "C", ExternalImportReference: "x".repeat(51) })).status).toBe(400);
  });

  it("ExternalNumber is unique too, also through PATCH", async () => {
    const { api } = testSim();
    await api.post("/Customers", { Name: "A", ExternalNumber: 77 });
    const b = await api.post("/Customers", { Name: "B" });
    const clash = await api.patch(`/Customers/${b.json.Id}`, [{ op: "replace", path: "/ExternalNumber", value: 77 }]);
    expect(clash.status).toBe(400);
    expect(clash.json.detail).toContain("ExternalNumber is already in use");
  });

  it("ignores read-only and unknown fields in a POST, and checks types", async () => {
    const { api } = testSim();
    const reply = await api.post("/Customers", { Name: "A", Id: 1, IsActive: false, Colour: "red", name: "ignored" });
    expect(reply.status).toBe(201);
    expect(reply.json.Id).not.toBe(1);
    expect(reply.json.IsActive).toBe(true);
    expect(reply.json.Name).toBe("A");
    const wrong = await api.post("/Customers", { Name: 42 });
    expect(wrong.status).toBe(400);
    expect(wrong.json.detail).toContain("$.Name");
  });

  it("requires City and ZipCode on a posted MailAddress; resolves DepartmentCode or answers 404", async () => {
    const { sim, api } = testSim();
    expect((await api.post("/Customers", { Name: "A", MailAddress: { City: "Oslo" } })).status).toBe(400);
    const missing = await api.post("/Customers", { Name: "A", DepartmentCode: "Avdeling10" });
    expect(missing.status).toBe(404);
    expect(missing.json.detail).toBe("Department with code = 'Avdeling10' not found.");
    const department = sim.seed.department({ Code: "Avdeling10" });
    const ok = await api.post("/Customers", { Name: "A", DepartmentCode: "avdeling10" });
    expect(ok.json).toMatchObject({ DepartmentId: department.Id, DepartmentCode: "Avdeling10" });
  });

  it("shows a national id number only as 'hidden'", async () => {
    const { api } = testSim();
    const reply = await api.post("/Customers", {
      IsPerson: true,
      FirstName: "Ola",
      LastName: "N",
      NationalIdNumber: "30011679680",
    });
    expect(reply.json.NationalIdNumber).toBe("hidden");
  });

  it("deletes with 200, then 404; refuses 409 while orders reference the customer", async () => {
    const { sim, api } = testSim();
    const free = sim.seed.customer();
    expect((await api.delete(`/Customers/${free.Id}`)).status).toBe(200);
    expect((await api.get(`/Customers/${free.Id}`)).status).toBe(404);
    const used = sim.seed.customer();
    sim.seed.salesOrder({ CustomerId: used.Id });
    const conflict = await api.delete(`/Customers/${used.Id}`);
    expect(conflict.status).toBe(409);
    expect(conflict.json).toMatchObject({ title: "Customer conflict", status: 409 });
  });

  it("answers 400 for an id that is not an int64", async () => {
    const { api } = testSim();
    expect((await api.get("/Customers/abc")).status).toBe(400);
  });
});
