/**
 * A crash at every step between "create" and "confirm link": the pending link written before the create, the create
 * whose answer is lost, the commit that confirms it. Whatever the step, the next run ends with exactly one record on
 * each side, linked.
 * The rule, on the engine with the memory store; test/workerd/jobs/crash crashes the whole worker (queue sends
 * included) at every step on real D1.
 */
import { describe, expect, it } from "vitest";
import type { Commit, LinkWrite, Store } from "../../../worker/core/ports";
import type { DataflowId, Side } from "../../../worker/core/types";
import { type Harness, setup } from "./harness";

type Step = "pending link" | "create answer lost" | "confirm";

/** Throws once, at the first call that matches: what a worker killed at that moment leaves behind. */
function crashOnce(step: Step, dataflow: DataflowId) {
  let armed = step !== "create answer lost";
  const crash = () => {
    armed = false;
    throw new Error(`crash at ${step}`);
  };
  const confirms = (c: Commit) => c.links.some((l: LinkWrite) => l.dataflow === dataflow && l.state === "linked");
  return (store: Store): Store => ({
    ...store,
    links: {
      ...store.links,
      insertPending: async (link) => {
        if (armed && step === "pending link" && link.dataflow === dataflow) crash();
        return store.links.insertPending(link);
      },
    },
    commit: async (commit) => {
      if (armed && step === "pending link" && commit.links.some((l) => l.dataflow === dataflow && l.reference)) crash();
      if (armed && step === "confirm" && confirms(commit)) crash();
      return store.commit(commit);
    },
  });
}

const SOURCES: Array<[DataflowId, Side]> = [
  ["customers", "webshop"],
  ["customers", "poweroffice"],
  ["departments", "poweroffice"],
  ["departments", "webshop"],
  ["products", "webshop"],
  ["products", "poweroffice"],
  ["orders", "webshop"],
  ["orders", "poweroffice"],
];

/** One record of `dataflow` on `side` (orders with a customer and a product already synced). */
async function seed(h: Harness, dataflow: DataflowId, side: Side) {
  if (dataflow === "orders") {
    if (side === "poweroffice") {
      const c = h.po.seed.customer({ Name: "A AS", OrganizationNumber: "111111111" });
      const p = h.po.seed.product({ Code: "P", Name: "P", UnitPrice: 10 });
      await h.cycle();
      h.po.seed.salesOrder({ CustomerId: c.Id }, [{ ProductId: p.Id, Quantity: 2 }]);
    } else {
      const c = h.shop.seed.customer({ kind: "company", name: "A AS", organization_number: "111111111" });
      const p = h.shop.seed.product({ sku: "P", name: "P", price: "10.00" });
      await h.cycle();
      h.shop.seed.order({ customer_id: c.id, lines: [{ product_id: p.id, quantity: 2, unit_price: "10.00" }] });
    }
    return;
  }
  await h.engine.pollPage("customers", "poweroffice"); // opens the backfill gate
  if (side === "poweroffice") {
    if (dataflow === "customers") h.po.seed.customer({ Name: "A AS", OrganizationNumber: "111111111" });
    if (dataflow === "departments") h.po.seed.department({ Code: "900", Name: "Salg", IsActive: true });
    if (dataflow === "products") h.po.seed.product({ Code: "P", Name: "P", UnitPrice: 10 });
  } else {
    if (dataflow === "customers")
      h.shop.seed.customer({ kind: "company", name: "A AS", organization_number: "111111111" });
    if (dataflow === "departments") h.shop.seed.customer({ kind: "department", name: "Salg", department_code: "900" });
    if (dataflow === "products") h.shop.seed.product({ sku: "P", name: "P", price: "10.00" });
  }
}

function counts(h: Harness, dataflow: DataflowId) {
  const po = {
    customers: "customers",
    departments: "departments",
    products: "products",
    orders: "salesOrders",
  } as const;
  const shop = { customers: "customers", departments: "customers", products: "products", orders: "orders" } as const;
  const shopCount = h.shop
    .list(shop[dataflow])
    .filter((r) =>
      dataflow === "departments"
        ? (r as { kind: string }).kind === "department"
        : dataflow === "customers"
          ? (r as { kind: string }).kind !== "department"
          : true,
    ).length;
  return [h.po.count(po[dataflow]), shopCount];
}

describe("a crash between create and confirm", () => {
  for (const [dataflow, side] of SOURCES) {
    for (const step of ["pending link", "create answer lost", "confirm"] as const) {
      it(`${dataflow} from ${side}: at "${step}" → exactly one record on each side`, async () => {
        const h = setup({ wrapStore: crashOnce(step, dataflow) });
        await seed(h, dataflow, side);
        if (step === "create answer lost") {
          const target = side === "poweroffice" ? h.shop : h.po;
          target.faults.add({ method: "POST", kind: "drop-after-commit" } as never);
        }
        await h.cycle().catch((error: Error) => expect(error.message).toBe(`crash at ${step}`));
        // The crashed worker starts again with nothing in memory.
        h.restart();
        h.clock.advance(5 * 60_000);
        await h.cycle();
        await h.cycle();
        expect(counts(h, dataflow)).toEqual([1, 1]);
        const links = await h.store.links.list({ dataflow, limit: 10 });
        expect(links.map((l) => [l.state, !!l.ids.poweroffice, !!l.ids.webshop])).toEqual([["linked", true, true]]);
      });
    }
  }

  it("a shop create retried after the shop forgot its Idempotency-Key (24 h) still finds the first record", async () => {
    const h = setup({ wrapStore: crashOnce("confirm", "products") });
    h.po.seed.product({ Code: "P", Name: "P", UnitPrice: 10 });
    await h.cycle().catch(() => {});
    h.clock.advance(25 * 3_600_000);
    await h.cycle();
    expect(h.shop.count("products")).toBe(1);
  });
});
