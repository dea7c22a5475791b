/**
 * Every dataflow mapped both ways against realistic records: a record created on the other side maps back to the
 * same canonical values, its payload passes that side's own checks (see sides.ts), and the back-references the
 * other side assigns (ids, numbers) are written in the next sync, after which nothing more is written.
 */
import { describe, expect, it } from "vitest";
import { compared, toCanonical } from "../../../worker/core/canonical";
import { DATAFLOW_DEFINITIONS } from "../../../worker/core/dataflows/all-dataflows";
import type { DataflowId, Side } from "../../../worker/core/types";
import {
  poCustomer,
  poDepartment,
  poLine,
  poOrder,
  poPerson,
  poProduct,
  RESOLVER,
  shopCustomer,
  shopDepartment,
  shopLine,
  shopOrder,
  shopPerson,
  shopProduct,
} from "./fixtures";
import { sync, world } from "./world";

type Json = Record<string, unknown>;

/** The two-way properties of a dataflow, as both sides read them. */
function twoWay(dataflow: DataflowId, side: Side, raw: Json) {
  const canonical = toCanonical(dataflow, side, raw, RESOLVER);
  const out: Json = {};
  for (const m of compared(DATAFLOW_DEFINITIONS[dataflow].properties)) {
    if (m.direction === "both" && !m.only) out[m.property] = canonical[m.property];
  }
  return out;
}

/** Creates `raw` on the other side; `except`: properties the other side fills in itself (a required price). */
function roundTrip(dataflow: DataflowId, from: Side, raw: Json, except: string[] = []) {
  const w = world(dataflow, { poweroffice: null, webshop: null });
  w.records[from] = raw;
  const to: Side = from === "poweroffice" ? "webshop" : "poweroffice";
  const first = sync(w);
  expect(first.error).toBeNull();
  expect(first.writes.map((x) => [x.side, x.op])).toEqual([[to, "create"]]);
  const without = (x: Json) => Object.fromEntries(Object.entries(x).filter(([k]) => !except.includes(k)));
  expect(without(twoWay(dataflow, to, w.records[to]!))).toEqual(without(twoWay(dataflow, from, raw)));
  const second = sync(w);
  const third = sync(w);
  expect(third.writes).toEqual([]);
  return { w, first, second };
}

describe("customers", () => {
  it("a PowerOffice company becomes a shop company with its id and number, and stays quiet", () => {
    const { w, first, second } = roundTrip("customers", "poweroffice", poCustomer());
    expect(first.writes[0]!.payload).toMatchObject({
      kind: "company",
      name: "Fjord Tech AS",
      email: "Post@FjordTech.no",
      organization_number: "987654321",
      customer_number: "10001",
      external_ids: { poweroffice_customer: "5001" },
      billing_address: { line1: "Storgata 1", line2: null, postal_code: "0155", city: "Oslo", country: "NO" },
    });
    expect(first.writes[0]!.reference).toBe("po-customers-5001");
    expect(second.writes).toEqual([]);
    expect(w.link!.state).toBe("linked");
  });

  it("a PowerOffice person is created by first and last name; its Name is not written (the shop derives it)", () => {
    const { first } = roundTrip("customers", "poweroffice", poPerson({ Name: "Nordmann, Kari" }));
    expect(first.writes[0]!.payload).toMatchObject({ kind: "person", first_name: "Kari", last_name: "Nordmann" });
    expect(first.writes[0]!.payload).not.toHaveProperty("name");
  });

  it("a shop person becomes a PowerOffice person with ws-c-<id>; PowerOffice's id and number come back next sync", () => {
    const { w, first, second } = roundTrip("customers", "webshop", shopPerson());
    expect(first.writes[0]!.payload).toMatchObject({
      ExternalImportReference: "ws-c-c-18",
      IsPerson: true,
      FirstName: "Ola",
      LastName: "Nordmann",
      EmailAddress: "ola@example.no",
      IsArchived: false,
    });
    expect(first.writes[0]!.payload).not.toHaveProperty("Name");
    expect(first.writes[0]!.payload).not.toHaveProperty("Number");
    expect(second.writes.map((x) => [x.side, x.op, Object.keys(x.changes).sort()])).toEqual([
      ["webshop", "update", ["customer_number", "external_ids.poweroffice_customer"]],
    ]);
    expect(w.records.webshop!.customer_number).toBe(String(w.records.poweroffice!.Number));
    expect((w.records.webshop!.external_ids as Json).poweroffice_customer).toBe(String(w.records.poweroffice!.Id));
  });

  it("a shop company without an address is created without MailAddress", () => {
    const { first } = roundTrip("customers", "webshop", shopCustomer({ billing_address: null, phone: " 22 " }));
    expect(first.writes[0]!.payload).not.toHaveProperty("MailAddress");
    expect(first.writes[0]!.payload).toMatchObject({ Name: "Fjord Tech AS", PhoneNumber: "22", IsPerson: false });
  });
});

describe("departments", () => {
  it("a PowerOffice department becomes a shop customer of kind department", () => {
    const { first } = roundTrip("departments", "poweroffice", poDepartment());
    expect(first.writes[0]!.payload).toEqual({
      kind: "department",
      department_code: "SALG",
      name: "Salg",
      active: true,
      external_ids: { poweroffice_department: "301" },
    });
  });

  it("a shop department is created in PowerOffice with IsActive sent explicitly (else it would be inactive)", () => {
    const { w, first } = roundTrip("departments", "webshop", shopDepartment());
    expect(first.writes[0]!.payload).toEqual({ Code: "SALG", Name: "Salg", IsActive: true });
    expect(first.writes[0]!.reference).toBe("SALG");
    expect(w.records.poweroffice!.IsActive).toBe(true);
  });
});

describe("products", () => {
  it("a PowerOffice product carries prices as money strings and stock one way", () => {
    const { first } = roundTrip("products", "poweroffice", poProduct({ UnitPrice: 1199.005, StockAvailable: null }));
    expect(first.writes[0]!.payload).toMatchObject({
      sku: "SKU-1",
      type: "product",
      price: "1199.01",
      cost_price: "600.50",
      stock_quantity: 12,
      external_ids: { poweroffice_product: "7001" },
    });
  });

  it("a PowerOffice product without a price is created in the shop at 0.00 (the shop requires one)", () => {
    const { first } = roundTrip("products", "poweroffice", poProduct({ UnitPrice: null }), ["price"]);
    expect(first.writes[0]!.payload).toMatchObject({ price: "0.00" });
  });

  it("a shop product becomes a PowerOffice product with its sku as Code; stock is not written to PowerOffice", () => {
    const { first } = roundTrip("products", "webshop", shopProduct({ type: "service", stock_quantity: 4 }));
    expect(first.writes[0]!.payload).toEqual({
      Code: "SKU-1",
      Name: "Kaffetrakter",
      Description: "Trakter for 10 kopper",
      ProductType: "Service",
      UnitPrice: 1199,
      UnitCost: 600.5,
      Gtin: "7031234567890",
      UnitOfMeasureCode: "EA",
      IsArchived: false,
    });
    expect(first.writes[0]!.reference).toBe("SKU-1");
  });
});

describe("orders and their lines", () => {
  it("a PowerOffice order becomes a shop order for the linked customer and products", () => {
    const order = poOrder({
      SalesOrderLines: [poLine(1), poLine(2, { ProductId: 7002, ProductCode: "SKU-2", Allowance: 10 })],
    });
    const { w, first, second } = roundTrip("orders", "poweroffice", order);
    expect(first.writes[0]!.payload).toMatchObject({
      customer_id: "c-17",
      order_date: "2026-01-05",
      delivery_date: "2026-01-10",
      currency: "NOK",
      status: "pending",
      external_ids: { poweroffice_sales_order: order.Id, poweroffice_order_no: "90001" },
      lines: [
        {
          product_id: "p-1",
          sku: "SKU-1",
          quantity: 1,
          unit_price: "1199.00",
          discount_percent: 0,
          external_ids: { poweroffice_sales_order_line: order.SalesOrderLines![0]!.Id },
        },
        { product_id: "p-2", sku: "SKU-2", discount_percent: 10 },
      ],
    });
    expect(first.writes[0]!.payload).not.toHaveProperty("order_number");
    // The shop assigned a numeric order number: PowerOffice gets it as ImportedOrderNo.
    expect(second.writes.map((x) => [x.side, Object.keys(x.changes)])).toEqual([["poweroffice", ["order_number"]]]);
    expect(w.records.poweroffice!.ImportedOrderNo).toBe(Number(w.records.webshop!.order_number));
  });

  it("a shop order becomes a PowerOffice order with ws-o-<id>, its lines with ws-l-<line id>; ids come back", () => {
    const order = shopOrder({
      lines: [shopLine("l-1"), shopLine("l-2", { product_id: "p-2", sku: "SKU-2", quantity: 2.5 })],
    });
    const { w, first, second } = roundTrip("orders", "webshop", order);
    expect(first.writes[0]!.payload).toMatchObject({
      ExternalImportReference: "ws-o-o-1001",
      CustomerId: 5001,
      SalesOrderDate: "2026-01-05",
      SalesOrderStatus: "Draft",
      ImportedOrderNo: 1001,
      SalesOrderLines: [
        { ExternalImportReference: "ws-l-l-1", ProductId: 7001, Quantity: 1, ProductUnitPrice: 1199, SortOrder: 1 },
        { ExternalImportReference: "ws-l-l-2", ProductId: 7002, Quantity: 2.5, SortOrder: 2 },
      ],
    });
    expect(second.writes).toHaveLength(1);
    const ids = w.records.webshop!.external_ids as Json;
    expect(ids.poweroffice_sales_order).toBe(w.records.poweroffice!.Id);
    const shopLines = w.records.webshop!.lines as Json[];
    const poLines = w.records.poweroffice!.SalesOrderLines as Json[];
    expect(shopLines.map((l) => (l.external_ids as Json).poweroffice_sales_order_line)).toEqual(
      poLines.map((l) => l.Id),
    );
  });

  it("a non-numeric order number is not written to ImportedOrderNo", () => {
    const { first } = roundTrip("orders", "webshop", shopOrder({ order_number: "WEB-1001" }));
    expect(first.writes[0]!.payload).not.toHaveProperty("ImportedOrderNo");
  });

  it("a confirmed order maps to Confirmed", () => {
    const { first } = roundTrip("orders", "webshop", shopOrder({ status: "confirmed" }));
    expect(first.writes[0]!.payload).toMatchObject({ SalesOrderStatus: "Confirmed" });
  });
});
