/**
 * "A department is a shop customer of kind department" has one source: the dataflow definitions (`webshop.kinds`).
 * Every place that routes a shop record asks them, so a definition that said otherwise would be followed everywhere:
 * the tables below run each place once with the definitions as shipped and once with the kinds of customers and
 * departments swapped, and every place must follow.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CUSTOMER_KINDS } from "../../../shared/webshop/customer";
import { messageCost } from "../../../worker/budgets/message-cost";
import { RECORD_COST } from "../../../worker/budgets/plan-budget";
import { DATAFLOW_DEFINITIONS } from "../../../worker/core/dataflows/all-dataflows";
import {
  DATAFLOWS_OF_RESOURCE,
  dataflowOfWebshopRecord,
  holdsWebshopRecord,
  WEBSHOP_RESOURCE,
} from "../../../worker/core/dataflows/shop-records";
import type { SideRecord } from "../../../worker/core/ports";
import { DATAFLOWS, type DataflowId } from "../../../worker/core/types";
import { movedTo } from "../../../worker/engine/kind-change";
import { DATAFLOWS_OF_RESOURCE as ROUTES_DATAFLOWS_OF_RESOURCE } from "../../../worker/http/api/records-routes";
import { setup } from "../engine/harness";

type Kind = (typeof CUSTOMER_KINDS)[number];
const shipped = {
  customers: DATAFLOW_DEFINITIONS.customers.webshop.kinds,
  departments: DATAFLOW_DEFINITIONS.departments.webshop.kinds,
};

function setKinds(customers: readonly string[] | undefined, departments: readonly string[] | undefined) {
  (DATAFLOW_DEFINITIONS.customers.webshop as { kinds?: readonly string[] }).kinds = customers;
  (DATAFLOW_DEFINITIONS.departments.webshop as { kinds?: readonly string[] }).kinds = departments;
}

afterEach(() => setKinds(shipped.customers, shipped.departments));

/** What the definitions say, read directly: the one dataflow of the customers resource whose kinds hold `kind`. */
function definedDataflowOf(kind: Kind): DataflowId {
  const holders = DATAFLOWS.filter(
    (d) =>
      DATAFLOW_DEFINITIONS[d].webshop.resource === "customers" && DATAFLOW_DEFINITIONS[d].webshop.kinds?.includes(kind),
  );
  expect(holders).toHaveLength(1);
  return holders[0]!;
}

const asRecord = (raw: unknown): SideRecord => ({ id: "c-1", marker: "1", changedAt: 0, archived: false, raw });

const variants = [
  { name: "as shipped", apply: () => undefined },
  { name: "with the kinds swapped", apply: () => setKinds(["department"], ["person", "company"]) },
];

describe.each(variants)("shop customers are routed by the definitions ($name)", ({ apply }) => {
  it.each(CUSTOMER_KINDS.map((kind) => ({ kind })))("a customer of kind $kind", ({ kind }) => {
    apply();
    const dataflow = definedDataflowOf(kind);
    const other: DataflowId = dataflow === "customers" ? "departments" : "customers";
    const raw = { id: "c-1", kind };

    expect(dataflowOfWebshopRecord("customers", raw)).toBe(dataflow);
    expect(holdsWebshopRecord(dataflow, raw)).toBe(true);
    expect(holdsWebshopRecord(other, raw)).toBe(false);
    // The engine: a link in the other dataflow sees the record as moved; its own dataflow does not.
    expect(movedTo(dataflow, asRecord(raw))).toBeNull();
    expect(movedTo(other, asRecord(raw))).toBe(dataflow);
  });

  it("the webshop side's feed gives each dataflow the customers the definitions say it holds", async () => {
    apply();
    const h = setup();
    const ids = Object.fromEntries(
      CUSTOMER_KINDS.map((kind) => [
        kind,
        h.shop.seed.customer(
          kind === "person"
            ? { kind, first_name: "Kari", last_name: "Nordmann" }
            : { kind, name: `A ${kind}`, department_code: kind === "department" ? "D1" : null },
        ).id,
      ]),
    ) as Record<Kind, string>;
    for (const dataflow of ["customers", "departments"] as const) {
      const page = await h.sides.webshop.feedPage(dataflow, null, 50);
      if (!page.ok) throw new Error(page.error.message);
      const expected = CUSTOMER_KINDS.filter((kind) => definedDataflowOf(kind) === dataflow).map((k) => ids[k]);
      expect(page.value.records.map((r) => r.id).sort()).toEqual([...expected].sort());
    }
  });
});

describe("the shop's resources and their dataflows come from the definitions", () => {
  it("every customer kind the shop knows belongs to exactly one dataflow", () => {
    for (const kind of CUSTOMER_KINDS) definedDataflowOf(kind);
    expect(dataflowOfWebshopRecord("products", { id: "p-1" })).toBe("products");
    expect(dataflowOfWebshopRecord("orders", { id: "o-1" })).toBe("orders");
    expect(dataflowOfWebshopRecord("invoices", {})).toBeNull();
  });

  it.each(DATAFLOWS.map((dataflow) => ({ dataflow })))("$dataflow lives where its definition says", ({ dataflow }) => {
    const resource = DATAFLOW_DEFINITIONS[dataflow].webshop.resource;
    expect(WEBSHOP_RESOURCE[dataflow]).toBe(resource);
    expect(DATAFLOWS_OF_RESOURCE[resource]).toContain(dataflow);
    expect(ROUTES_DATAFLOWS_OF_RESOURCE[resource]).toBe(DATAFLOWS_OF_RESOURCE[resource]);
  });

  it("a webhook event costs the dearest record its resource may hold", () => {
    for (const resource of ["customers", "products", "orders"] as const) {
      const dearest = Math.max(...DATAFLOWS_OF_RESOURCE[resource].map((d) => RECORD_COST[d]));
      expect(messageCost({ kind: "push", resource, id: "x" } as never)).toBe(dearest);
    }
  });
});
