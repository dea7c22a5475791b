import { describe, expect, it } from "vitest";
import { apiRequests, setup } from "./harness";

describe("reads, JSON Patch updates and archiving", () => {
  it("patches only the changed customer fields as application/json-patch+json with PascalCase paths", async () => {
    const bodies: Array<{ type: string | null; body: unknown }> = [];
    const { client, sim } = setup({
      wrap: (fetch) => async (request) => {
        if (request.method === "PATCH") {
          bodies.push({ type: request.headers.get("Content-Type"), body: await request.clone().json() });
        }
        return fetch(request);
      },
    });
    const seeded = sim.seed.customer({ Name: "Acme AS", EmailAddress: "post@acme.no", MailAddress: { City: "Oslo" } });
    const current = await client.customers.get(seeded.Id as number);
    if (!current.ok) throw new Error(current.error.message);
    const updated = await client.customers.update(seeded.Id as number, current.value, {
      Name: "Acme AS",
      EmailAddress: "ordre@acme.no",
      MailAddress: { City: "Bergen" },
    });
    expect(bodies).toEqual([
      {
        type: "application/json-patch+json",
        body: [
          { op: "replace", path: "/EmailAddress", value: "ordre@acme.no" },
          { op: "replace", path: "/MailAddress/City", value: "Bergen" },
        ],
      },
    ]);
    expect(updated).toMatchObject({ ok: true, value: { sent: true, record: { EmailAddress: "ordre@acme.no" } } });
    const row = sim.list("customers").find((c) => c.Id === seeded.Id) as { MailAddress: { City: string } };
    expect(row.MailAddress.City).toBe("Bergen");
  });

  it("sends nothing for an empty diff", async () => {
    const { client, sim } = setup();
    const seeded = sim.seed.customer({ Name: "Acme AS" });
    const current = await client.customers.get(seeded.Id as number);
    if (!current.ok) throw new Error(current.error.message);
    const before = apiRequests(sim).length;
    const updated = await client.customers.update(seeded.Id as number, current.value, { Name: "Acme AS" });
    expect(updated).toEqual({ ok: true, value: { sent: false } });
    expect(apiRequests(sim)).toHaveLength(before);
  });

  it("archives customers and products with IsArchived, departments with IsActive false", async () => {
    const { client, sim } = setup();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    const product = sim.seed.product({ Name: "Widget", Code: "W-1" });
    const department = sim.seed.department({ Name: "Oslo", Code: "OSL", IsActive: true });
    expect((await client.customers.archive(customer.Id as number)).ok).toBe(true);
    expect((await client.products.archive(product.Id as number)).ok).toBe(true);
    expect((await client.departments.archive(department.Id as number)).ok).toBe(true);
    expect(sim.list("customers")[0]).toMatchObject({ IsArchived: true });
    expect(sim.list("products")[0]).toMatchObject({ IsArchived: true });
    expect(sim.list("departments")[0]).toMatchObject({ IsActive: false });
  });

  it("updates products, departments, order headers and lines", async () => {
    const { client, sim } = setup();
    const product = sim.seed.product({ Name: "Widget", Code: "W-1", UnitPrice: 10 });
    const department = sim.seed.department({ Name: "Oslo", Code: "OSL", IsActive: true });
    const customer = sim.seed.customer({ Name: "Buyer AS" });
    const order = sim.seed.salesOrder({ CustomerId: customer.Id, CustomerReference: "old" }, [
      { Description: "Line", Quantity: 1, ProductUnitPrice: 10 },
    ]);
    const orderId = String(order.Id);

    const p = await client.products.update(product.Id as number, { UnitPrice: 10 }, { UnitPrice: 12.5 });
    expect(p).toMatchObject({ ok: true, value: { sent: true } });
    const d = await client.departments.update(department.Id as number, { Name: "Oslo" }, { Name: "Oslo sentrum" });
    expect(d).toMatchObject({ ok: true, value: { sent: true } });
    const o = await client.salesOrders.update(orderId, { CustomerReference: "old" }, { CustomerReference: "new" });
    expect(o).toMatchObject({ ok: true, value: { sent: true } });

    const complete = await client.salesOrders.get(orderId);
    if (!complete.ok) throw new Error(complete.error.message);
    expect(complete.value.CustomerReference).toBe("new");
    const line = complete.value.SalesOrderLines?.[0];
    expect(line).toBeDefined();
    const l = await client.salesOrderLines.update(orderId, line!.Id, line!, { Quantity: 3 });
    expect(l).toMatchObject({ ok: true, value: { sent: true, record: { Quantity: 3 } } });
    const got = await client.salesOrderLines.get(orderId, line!.Id);
    expect(got).toMatchObject({ ok: true, value: { Quantity: 3 } });
    const deleted = await client.salesOrderLines.delete(orderId, line!.Id);
    expect(deleted).toEqual({ ok: true, value: { alreadyGone: false } });
    const again = await client.salesOrderLines.delete(orderId, line!.Id);
    expect(again).toEqual({ ok: true, value: { alreadyGone: true } });
    expect(sim.list("products")[0]).toMatchObject({ UnitPrice: 12.5 });
    expect(sim.list("departments")[0]).toMatchObject({ Name: "Oslo sentrum" });
  });

  it("refuses to patch a field the patch model does not have, sending nothing", async () => {
    const { client, sim } = setup();
    const product = sim.seed.product({ Name: "Widget", Code: "W-1" });
    const before = apiRequests(sim).length;
    const result = await client.products.update(product.Id as number, {}, { StockAvailable: 5 } as never);
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "StockAvailable" } });
    expect(apiRequests(sim)).toHaveLength(before);
  });
});

describe("linked sales orders that left PowerOffice", () => {
  for (const [how, remove] of [
    ["invoiced", (sim: ReturnType<typeof setup>["sim"], id: string) => sim.invoiceOrder(id)],
    ["deleted", (sim: ReturnType<typeof setup>["sim"], id: string) => sim.deleteRecord("salesOrders", id)],
  ] as const) {
    it(`reports an order ${how} in PowerOffice as order-gone, for the order and its lines`, async () => {
      const { client, sim } = setup();
      const customer = sim.seed.customer({ Name: "Buyer AS" });
      const order = sim.seed.salesOrder({ CustomerId: customer.Id }, [{ Description: "Line", Quantity: 1 }]);
      const orderId = String(order.Id);
      const complete = await client.salesOrders.get(orderId);
      if (!complete.ok) throw new Error(complete.error.message);
      const lineId = complete.value.SalesOrderLines![0]!.Id;
      remove(sim, orderId);

      const results = [
        await client.salesOrders.get(orderId),
        await client.salesOrders.update(orderId, {}, { CustomerReference: "x" }),
        await client.salesOrderLines.list(orderId),
        await client.salesOrderLines.get(orderId, lineId),
        await client.salesOrderLines.update(orderId, lineId, {}, { Quantity: 2 }),
        await client.salesOrderLines.delete(orderId, lineId),
        await client.salesOrderLines.create(orderId, { ExternalImportReference: "l-2", Description: "More" }),
      ];
      for (const result of results) {
        expect(result).toMatchObject({ ok: false, error: { kind: "order-gone", orderId } });
      }
      if (!results[0]!.ok) expect(results[0]!.error.message).toMatch(/invoiced .* or deleted/);
    });
  }

  it("tells a deleted line from a gone order", async () => {
    const { client, sim } = setup();
    const customer = sim.seed.customer({ Name: "Buyer AS" });
    const order = sim.seed.salesOrder({ CustomerId: customer.Id });
    const result = await client.salesOrderLines.get(String(order.Id), "00000000-0000-4000-8000-000000000001");
    expect(result).toMatchObject({ ok: false, error: { kind: "not-found", entity: "sales order line" } });
  });
});

describe("reads by id answer that record or an error", () => {
  it("a read answering another record's Id is an error, not that record", async () => {
    const { client, sim } = setup({
      wrap: (fetch) => async (request) => {
        const response = await fetch(request);
        if (request.method !== "GET" || !/\/Products\/\d+$/.test(new URL(request.url).pathname)) return response;
        const body = (await response.json()) as Record<string, unknown>;
        return Response.json({ ...body, Id: Number(body.Id) + 1 }, { status: response.status });
      },
    });
    const seeded = sim.seed.product({ Code: "P-1", Name: "P" });
    const read = await client.products.get(seeded.Id as number);
    expect(read).toMatchObject({ ok: false, error: { kind: "unexpected-response", path: "Id" } });
    expect(read.ok ? "" : read.error.message).toMatch(/answered product .* when asked for product/);
  });

  it('a sales order id of "." or ".." or with "/" is never sent', async () => {
    const { client, sim } = setup();
    for (const id of [".", "..", "a/b", "../Customers"]) {
      expect(await client.salesOrders.get(id)).toMatchObject({ ok: false, error: { kind: "invalid-input" } });
    }
    expect(apiRequests(sim)).toEqual([]);
  });
});
