/**
 * Realistic records for the core's tests: every builder parses its result with the connector's (PowerOffice) or the
 * contract's (webshop) valibot schema, so a fixture that the real systems could not send fails here, not silently.
 */
import * as v from "valibot";
import * as WS from "../../../shared/webshop";
import * as PO from "../../../worker/connectors/poweroffice/schemas";
import type { LinkResolver, SideRecord } from "../../../worker/core/ports";
import type { DataflowId, Link, Side } from "../../../worker/core/types";

type Json = Record<string, unknown>;

export const poTime = (ms: number) => new Date(ms).toISOString().replace("Z", "0000Z");
export const shopTime = (ms: number) => new Date(ms).toISOString();
export const T0 = Date.UTC(2026, 0, 1);

export function poCustomer(over: Json = {}): PO.Customer {
  return v.parse(PO.Customer, {
    Id: 5001,
    IsPerson: false,
    Name: "Fjord Tech AS",
    EmailAddress: "Post@FjordTech.no",
    InvoiceEmailAddress: "faktura@fjordtech.no",
    PhoneNumber: "+47 22 33 44 55",
    OrganizationNumber: "987 654 321",
    WebsiteUrl: "https://fjordtech.no",
    MailAddress: { AddressLine1: "Storgata 1", AddressLine2: null, ZipCode: "0155", City: "Oslo", CountryCode: "NO" },
    Number: 10001,
    IsArchived: false,
    IsActive: true,
    ExternalImportReference: null,
    LastChangedDateTimeOffset: poTime(T0),
    ...over,
  });
}

export function poPerson(over: Json = {}): PO.Customer {
  return poCustomer({
    Id: 5002,
    IsPerson: true,
    Name: "Kari Nordmann",
    FirstName: "Kari",
    LastName: "Nordmann",
    EmailAddress: "kari@example.no",
    OrganizationNumber: null,
    WebsiteUrl: null,
    Number: 10002,
    ...over,
  });
}

const meta = (id: string, ms = T0, version = 1) => ({
  id,
  version,
  created_at: shopTime(T0),
  updated_at: shopTime(ms),
  external_ids: {},
});

export function shopCustomer(over: Json = {}): WS.Customer {
  return v.parse(WS.Customer, {
    ...meta("c-17"),
    kind: "company",
    name: "Fjord Tech AS",
    first_name: null,
    last_name: null,
    email: "post@fjordtech.no",
    invoice_email: null,
    phone: null,
    organization_number: "987654321",
    department_code: null,
    customer_number: null,
    website: null,
    billing_address: { line1: "Storgata 1", line2: null, postal_code: "0155", city: "Oslo", country: "NO" },
    active: true,
    ...over,
  });
}

export function shopPerson(over: Json = {}): WS.Customer {
  return shopCustomer({
    ...meta("c-18"),
    kind: "person",
    name: "Ola Nordmann",
    first_name: "Ola",
    last_name: "Nordmann",
    email: "ola@example.no",
    organization_number: null,
    ...over,
  });
}

export function poDepartment(over: Json = {}): PO.Department {
  return v.parse(PO.Department, {
    Id: 301,
    Code: "SALG",
    Name: "Salg",
    IsActive: true,
    LastChangedDateTimeOffset: poTime(T0),
    ...over,
  });
}

export function shopDepartment(over: Json = {}): WS.Customer {
  return shopCustomer({
    ...meta("c-90"),
    kind: "department",
    name: "Salg",
    email: null,
    organization_number: null,
    department_code: "SALG",
    billing_address: null,
    ...over,
  });
}

export function poProduct(over: Json = {}): PO.Product {
  return v.parse(PO.Product, {
    Id: 7001,
    Code: "SKU-1",
    Name: "Kaffetrakter",
    Description: "Trakter for 10 kopper",
    ProductType: "Product",
    UnitPrice: 1199,
    UnitCost: 600.5,
    Gtin: "7031234567890",
    UnitOfMeasureCode: "EA",
    StockOnHand: 12,
    StockAvailable: 10,
    IsStockItem: true,
    IsArchived: false,
    LastChangedDateTimeOffset: poTime(T0),
    ...over,
  });
}

export function shopProduct(over: Json = {}): WS.Product {
  return v.parse(WS.Product, {
    ...meta("p-1"),
    sku: "SKU-1",
    name: "Kaffetrakter",
    description: "Trakter for 10 kopper",
    type: "product",
    price: "1199.00",
    cost_price: "600.50",
    gtin: "7031234567890",
    unit: "EA",
    stock_quantity: 10,
    active: true,
    ...over,
  });
}

export const PO_ORDER_ID = "6f1c2b8e-0d4a-4c1e-9a57-2b3c4d5e6f70";
export const poLineId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

export function poLine(n: number, over: Json = {}): PO.SalesOrderLine {
  return v.parse(PO.SalesOrderLine, {
    Id: poLineId(n),
    ProductId: 7001,
    ProductCode: "SKU-1",
    Description: `Linje ${n}`,
    Quantity: 1,
    ProductUnitPrice: 1199,
    Allowance: 0,
    SortOrder: n,
    LineType: "Normal",
    ExternalImportReference: null,
    ...over,
  });
}

export function poOrder(over: Json = {}): PO.SalesOrderComplete {
  return v.parse(PO.SalesOrderComplete, {
    Id: PO_ORDER_ID,
    CustomerId: 5001,
    CustomerNo: 10001,
    SalesOrderDate: "2026-01-05T00:00:00+01:00",
    DeliveryDate: "2026-01-10",
    CurrencyCode: "NOK",
    CustomerReference: "Kari",
    PurchaseOrderReference: "PO-778",
    SalesOrderStatus: "Draft",
    ImportedOrderNo: null,
    SalesOrderNo: 90001,
    ExternalImportReference: null,
    IsCreatedByCurrentIntegration: false,
    NetAmount: 1199,
    TotalAmount: 1498.75,
    LastChangedDateTimeOffset: poTime(T0),
    SalesOrderLines: [poLine(1)],
    ...over,
  });
}

export function shopLine(id: string, over: Json = {}): WS.Line {
  return v.parse(WS.Line, {
    id,
    product_id: "p-1",
    sku: "SKU-1",
    description: "Linje 1",
    quantity: 1,
    unit_price: "1199.00",
    discount_percent: 0,
    external_ids: {},
    ...over,
  });
}

export function shopOrder(over: Json = {}): WS.Order {
  return v.parse(WS.Order, {
    ...meta("o-1001"),
    order_number: "1001",
    customer_id: "c-17",
    status: "pending",
    order_date: "2026-01-05",
    delivery_date: "2026-01-10",
    currency: "NOK",
    customer_reference: "Kari",
    purchase_order_reference: "PO-778",
    lines: [shopLine("l-1")],
    total_excl_vat: "1199.00",
    total_incl_vat: "1498.75",
    ...over,
  });
}

export function sideRecord(side: Side, raw: unknown, changedAt = T0, archived = false): SideRecord {
  const r = raw as Json;
  const id = String(side === "poweroffice" ? r.Id : r.id);
  return {
    id,
    marker: String(side === "poweroffice" ? r.LastChangedDateTimeOffset : r.version),
    changedAt,
    archived,
    raw,
  };
}

/** A resolver over a fixed list of pairs: link `link:<n>` joins PowerOffice id and webshop id in a dataflow. */
export function fixedResolver(
  pairs: Array<{ dataflow: DataflowId; poweroffice: string | null; webshop: string | null }>,
): LinkResolver {
  return {
    linkIdOf: (dataflow, side, id) => {
      const i = pairs.findIndex((p) => p.dataflow === dataflow && p[side] === id && p.poweroffice && p.webshop);
      return i < 0 ? null : `link:${i + 1}`;
    },
    sideIdOf: (linkId, side) => pairs[Number(linkId.replace("link:", "")) - 1]?.[side] ?? null,
  };
}

/** The usual world: customer 5001 ↔ c-17 and product 7001 ↔ p-1 are linked. */
export const RESOLVER = fixedResolver([
  { dataflow: "customers", poweroffice: "5001", webshop: "c-17" },
  { dataflow: "products", poweroffice: "7001", webshop: "p-1" },
  { dataflow: "products", poweroffice: "7002", webshop: "p-2" },
  { dataflow: "customers", poweroffice: "5003", webshop: null },
]);

export function link(dataflow: DataflowId, over: Partial<Link> = {}): Link {
  return {
    id: 1,
    dataflow,
    state: "linked",
    ids: { poweroffice: null, webshop: null },
    reference: null,
    snapshots: { poweroffice: null, webshop: null },
    seen: { poweroffice: null, webshop: null },
    matchKeys: { poweroffice: null, webshop: null },
    lastError: null,
    attempts: 0,
    nextRetryAt: null,
    openConflicts: [],
    updatedAt: shopTime(T0),
    ...over,
  };
}
