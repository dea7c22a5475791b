import { describe, expect, it } from "vitest";
import { apiRequests, setup } from "./harness";

type Harness = ReturnType<typeof setup>;
type FaultRule = Parameters<Harness["sim"]["faults"]["add"]>[0];
type FaultKind =
  | { kind: "status"; status: number }
  | { kind: "latency"; ms: number }
  | { kind: "drop-after-commit" }
  | { kind: "drop-before-commit" };

interface Entity {
  name: string;
  /** The POST whose answer the fault disturbs. */
  path: RegExp;
  /** Seeds what the create needs; returns the create to run (twice-safe) and a count of the records it makes. */
  prepare(h: Harness): { create(): Promise<{ ok: boolean; value?: { record: { Id: unknown } } }>; count(): number };
}

function linesOf(h: Harness, orderId: string): unknown[] {
  const order = h.sim.list("salesOrders").find((o) => String(o.Id) === orderId) as Record<string, unknown> | undefined;
  return ((order?.SalesOrderLines ?? order?.Lines ?? []) as unknown[]) ?? [];
}

const entities: Entity[] = [
  {
    name: "customer",
    path: /\/Customers$/,
    prepare: (h) => ({
      create: () => h.client.customers.create({ Name: "Acme AS", ExternalImportReference: "shop-customer-42" }),
      count: () => h.sim.count("customers"),
    }),
  },
  {
    name: "department",
    path: /\/Departments$/,
    prepare: (h) => ({
      create: () => h.client.departments.create({ Code: "OSL", Name: "Oslo", IsActive: true }),
      count: () => h.sim.count("departments"),
    }),
  },
  {
    name: "product",
    path: /\/Products$/,
    prepare: (h) => ({
      create: () => h.client.products.create({ Code: "SKU-1", Name: "Widget", UnitPrice: 100 }),
      count: () => h.sim.count("products"),
    }),
  },
  {
    name: "sales order",
    path: /\/SalesOrders\/Complete$/,
    prepare: (h) => {
      const customer = h.sim.seed.customer({ Name: "Buyer AS" });
      return {
        create: () =>
          h.client.salesOrders.create({
            ExternalImportReference: "shop-order-1001",
            CustomerId: customer.Id as number,
            SalesOrderLines: [
              { ExternalImportReference: "shop-line-1", Description: "Widget", Quantity: 2, ProductUnitPrice: 50 },
            ],
          }),
        count: () => h.sim.count("salesOrders"),
      };
    },
  },
  {
    name: "sales order line",
    path: /\/Lines$/,
    prepare: (h) => {
      const customer = h.sim.seed.customer({ Name: "Buyer AS" });
      const order = h.sim.seed.salesOrder({ CustomerId: customer.Id });
      const orderId = String(order.Id);
      return {
        create: () =>
          h.client.salesOrderLines.create(orderId, {
            ExternalImportReference: "shop-line-7",
            Description: "Gift wrap",
            Quantity: 1,
            ProductUnitPrice: 20,
          }),
        count: () => linesOf(h, orderId).length,
      };
    },
  },
];

const faults: Array<{
  name: string;
  rule: FaultKind;
  lagMs?: number;
  timeoutMs?: number;
}> = [
  { name: "answer lost after the commit", rule: { kind: "drop-after-commit" } },
  { name: "answer lost after the commit, replica 1 s behind", rule: { kind: "drop-after-commit" }, lagMs: 1000 },
  { name: "connection lost before the commit", rule: { kind: "drop-before-commit" } },
  { name: "500 before the commit", rule: { kind: "status", status: 500 } },
  { name: "429 before the commit", rule: { kind: "status", status: 429 } },
  { name: "slow answer", rule: { kind: "latency", ms: 50 } },
  { name: "answer slower than our timeout", rule: { kind: "latency", ms: 300 }, timeoutMs: 100 },
];

describe("idempotent creates", () => {
  for (const entity of entities) {
    for (const fault of faults) {
      it(`${entity.name}: exactly one record after "${fault.name}"`, async () => {
        const h = setup({
          sim: fault.lagMs ? { replicaLagMs: fault.lagMs } : {},
          deps: fault.timeoutMs ? { requestTimeoutMs: fault.timeoutMs } : {},
        });
        const { create, count } = entity.prepare(h);
        const before = count();
        h.sim.faults.add({ ...fault.rule, method: "POST", path: entity.path, times: 1 } as FaultRule);
        const result = await create();
        // A request that outlived our timeout may still land in the simulator: let it, then count.
        if (fault.timeoutMs) await new Promise((resolve) => setTimeout(resolve, 400));
        expect(result.ok, JSON.stringify(result)).toBe(true);
        expect(count() - before).toBe(1);
        const again = await create();
        expect(again.ok).toBe(true);
        expect(count() - before).toBe(1);
        expect(String(again.value?.record.Id)).toBe(String(result.value?.record.Id));
      });
    }
  }

  it("tells a new customer from one an earlier attempt made", async () => {
    const h = setup({ sim: { replicaLagMs: 1000 } });
    const first = await h.client.customers.create({ Name: "Acme AS", ExternalImportReference: "ref-1" });
    const second = await h.client.customers.create({ Name: "Acme AS", ExternalImportReference: "ref-1" });
    expect(first).toMatchObject({ ok: true, value: { outcome: "created" } });
    expect(second).toMatchObject({ ok: true, value: { outcome: "existing" } });
    expect(h.sim.count("customers")).toBe(1);
  });

  it("does not take another customer for ours when a different unique field is 'already in use'", async () => {
    const h = setup();
    h.sim.seed.customer({ Name: "Someone else", ExternalImportReference: "theirs", ExternalNumber: 77 });
    const result = await h.client.customers.create({
      Name: "Acme AS",
      ExternalImportReference: "ours",
      ExternalNumber: 77,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: "rejected", entity: "customer" } });
    if (!result.ok)
      expect(result.error.message).toMatch(/^PowerOffice refused the customer: ExternalNumber is already in use/);
    expect(h.sim.count("customers")).toBe(1);
  });

  it("reports a sales order whose reference belongs to an order since invoiced as order-gone, not as a refusal", async () => {
    const h = setup();
    const customer = h.sim.seed.customer({ Name: "Buyer AS" });
    const order = h.sim.seed.salesOrder({ CustomerId: customer.Id, ExternalImportReference: "shop-order-9" });
    h.sim.invoiceOrder(String(order.Id));
    const result = await h.client.salesOrders.create({
      ExternalImportReference: "shop-order-9",
      CustomerId: customer.Id as number,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: "order-gone", orderId: String(order.Id) } });
    expect(h.sim.count("salesOrders")).toBe(0);
  });

  it("refuses a missing or over-long reference before sending anything", async () => {
    const h = setup();
    const long = await h.client.customers.create({ Name: "A", ExternalImportReference: "x".repeat(51) });
    const empty = await h.client.salesOrders.create({ ExternalImportReference: " " });
    expect(long).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "ExternalImportReference" } });
    expect(empty).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "ExternalImportReference" } });
    expect(apiRequests(h.sim)).toEqual([]);
  });
});
