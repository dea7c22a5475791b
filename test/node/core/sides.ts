/**
 * Two small stand-ins for the systems, for the core's tests: they apply a plan's writes the way the real sides
 * would, through the connectors' own checks (PowerOffice's JSON Patch field lists, the webshop contract's strict
 * create and merge-patch schemas and the connector's merge-patch builder), so a payload either side would refuse
 * fails the test.
 */
import * as v from "valibot";
import * as WS from "../../../shared/webshop";
import type { CustomerCreate } from "../../../worker/connectors/poweroffice/customers";
import type { DepartmentCreate } from "../../../worker/connectors/poweroffice/departments";
import {
  CUSTOMER_PATCH,
  DEPARTMENT_PATCH,
  diffPatch,
  type PatchSpec,
  PRODUCT_PATCH,
  SALES_ORDER_LINE_PATCH,
  SALES_ORDER_PATCH,
} from "../../../worker/connectors/poweroffice/json-patch";
import type { ProductCreate } from "../../../worker/connectors/poweroffice/products";
import type { SalesOrderLineCreate } from "../../../worker/connectors/poweroffice/sales-order-lines";
import type { SalesOrderCreate } from "../../../worker/connectors/poweroffice/sales-orders";
import * as PO from "../../../worker/connectors/poweroffice/schemas";
import { buildMergePatch } from "../../../worker/connectors/webshop/merge-patch";
import type { PlannedWrite } from "../../../worker/core/plan";
import type { DataflowId } from "../../../worker/core/types";
import { poLineId, poTime, shopTime } from "./fixtures";

type Json = Record<string, unknown>;

/** Every field a PowerOffice create may carry, checked against the connector's create types at compile time. */
export const PO_CREATE_FIELDS: Record<DataflowId, readonly string[]> = {
  customers: [
    "IsPerson",
    "Name",
    "FirstName",
    "LastName",
    "EmailAddress",
    "InvoiceEmailAddress",
    "PhoneNumber",
    "OrganizationNumber",
    "WebsiteUrl",
    "MailAddress",
    "Number",
    "ExternalNumber",
    "IsArchived",
    "DepartmentId",
    "CurrencyCode",
    "ExternalImportReference",
  ] satisfies Array<keyof CustomerCreate>,
  departments: ["Code", "Name", "IsActive"] satisfies Array<keyof DepartmentCreate>,
  products: [
    "Code",
    "Name",
    "Description",
    "ProductType",
    "UnitPrice",
    "UnitCost",
    "Gtin",
    "UnitOfMeasureCode",
    "IsArchived",
  ] satisfies Array<keyof ProductCreate>,
  orders: [
    "CustomerId",
    "SalesOrderDate",
    "DeliveryDate",
    "CurrencyCode",
    "CustomerReference",
    "PurchaseOrderReference",
    "SalesOrderStatus",
    "ImportedOrderNo",
    "DepartmentId",
    "ExternalImportReference",
    "SalesOrderLines",
  ] satisfies Array<keyof SalesOrderCreate>,
};
export const PO_LINE_CREATE_FIELDS: readonly string[] = [
  "ProductId",
  "Description",
  "Quantity",
  "ProductUnitPrice",
  "Allowance",
  "SortOrder",
  "LineType",
  "ExternalImportReference",
] satisfies Array<keyof SalesOrderLineCreate>;

const PO_SPEC: Record<DataflowId, PatchSpec> = {
  customers: CUSTOMER_PATCH,
  departments: DEPARTMENT_PATCH,
  products: PRODUCT_PATCH,
  orders: SALES_ORDER_PATCH,
};
const PO_SCHEMA = {
  customers: PO.Customer,
  departments: PO.Department,
  products: PO.Product,
  orders: PO.SalesOrderComplete,
} as const;

function onlyFields(body: Json, allowed: readonly string[], what: string): void {
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length)
    throw new Error(`${what} carries fields PowerOffice's create does not take: ${unknown.join(", ")}`);
}

/** Applies JSON Patch replace operations the way PowerOffice would (after the connector's diff accepted them). */
function patchPowerOffice(spec: PatchSpec, current: Json, desired: Json): Json {
  const ops = diffPatch(spec, current, desired);
  if (!ops.ok) throw new Error(`PowerOffice would refuse the patch: ${ops.error.message}`);
  const next = structuredClone(current);
  for (const op of ops.value) {
    const [field, member] = op.path.slice(1).split("/") as [string, string | undefined];
    if (member) next[field] = { ...((next[field] as Json | null) ?? {}), [member]: op.value };
    else next[field] = op.value;
  }
  return next;
}

let counter = 0;
const nextId = () => ++counter;

export function applyPowerOffice(dataflow: DataflowId, write: PlannedWrite, current: Json | null, now: number): Json {
  const stamp = { LastChangedDateTimeOffset: poTime(now) };
  if (write.op === "create") {
    const body = write.payload;
    onlyFields(body, PO_CREATE_FIELDS[dataflow], `A ${dataflow} create`);
    const id = nextId();
    let raw: Json;
    if (dataflow === "orders") {
      if (!body.ExternalImportReference) throw new Error("an order create needs its ExternalImportReference");
      const lines = ((body.SalesOrderLines ?? []) as Json[]).map((line) => newPoLine(line));
      raw = {
        SalesOrderStatus: "Draft",
        ...body,
        Id: poLineId(900000 + id),
        SalesOrderNo: 90000 + id,
        SalesOrderLines: lines,
      };
    } else {
      if (dataflow === "customers" && !body.ExternalImportReference)
        throw new Error("a customer create needs its reference");
      if (dataflow !== "customers" && !(body.Code && body.Name)) throw new Error("Code and Name are required");
      raw = { ...body, Id: 100000 + id };
      if (dataflow === "customers") raw.Number = 20000 + id;
      // PowerOffice's quirk: a department is created inactive unless IsActive: true is sent.
      if (dataflow === "departments") raw.IsActive = body.IsActive === true;
    }
    return v.parse(PO_SCHEMA[dataflow], { ...raw, ...stamp }) as Json;
  }
  if (!current) throw new Error("nothing to write to");
  if (write.op === "archive") {
    if (dataflow === "orders") throw new Error("PowerOffice orders are never archived by the sync");
    const flag = dataflow === "departments" ? { IsActive: false } : { IsArchived: true };
    return v.parse(PO_SCHEMA[dataflow], { ...current, ...flag, ...stamp }) as Json;
  }
  if (dataflow !== "orders") {
    return v.parse(PO_SCHEMA[dataflow], {
      ...patchPowerOffice(PO_SPEC[dataflow], current, write.payload),
      ...stamp,
    }) as Json;
  }
  const { SalesOrderLines: wanted, ...header } = write.payload;
  const next = patchPowerOffice(SALES_ORDER_PATCH, current, header);
  if (Array.isArray(wanted)) {
    const have = (current.SalesOrderLines ?? []) as Json[];
    next.SalesOrderLines = (wanted as Json[]).map((want) => {
      if (!want.Id) return newPoLine(want);
      const line = have.find((l) => l.Id === want.Id);
      if (!line) throw new Error(`line ${want.Id} is not on the order`);
      const { Id: _id, ...fields } = want;
      return patchPowerOffice(SALES_ORDER_LINE_PATCH, line, fields);
    });
  }
  return v.parse(PO.SalesOrderComplete, { ...next, ...stamp }) as Json;
}

function newPoLine(body: Json): Json {
  onlyFields(body, PO_LINE_CREATE_FIELDS, "A line create");
  if (!body.ExternalImportReference) throw new Error("a line create needs its ExternalImportReference");
  return { LineType: "Normal", ...body, Id: poLineId(nextId()) };
}

const SHOP = {
  customers: { create: WS.CustomerCreate, patch: WS.CustomerPatch, record: WS.Customer },
  departments: { create: WS.CustomerCreate, patch: WS.CustomerPatch, record: WS.Customer },
  products: { create: WS.ProductCreate, patch: WS.ProductPatch, record: WS.Product },
  orders: { create: WS.OrderCreate, patch: WS.OrderPatch, record: WS.Order },
} as const;

const DEFAULTS: Record<DataflowId, Json> = {
  customers: {
    ...{ first_name: null, last_name: null, email: null, invoice_email: null, phone: null },
    ...{ organization_number: null, department_code: null, customer_number: null, website: null },
    ...{ billing_address: null, active: true },
  },
  departments: {},
  products: {
    description: null,
    type: "product",
    cost_price: null,
    gtin: null,
    unit: null,
    stock_quantity: null,
    active: true,
  },
  orders: {
    ...{ status: "pending", order_date: null, delivery_date: null, currency: "NOK" },
    ...{ customer_reference: null, purchase_order_reference: null },
  },
};
DEFAULTS.departments = DEFAULTS.customers;

/** The shop's own derivations: a person's name, line ids, order totals, an order number it assigns. */
function shopDerive(dataflow: DataflowId, record: Json): Json {
  if ((dataflow === "customers" || dataflow === "departments") && record.kind === "person") {
    record.name = [record.first_name, record.last_name].filter(Boolean).join(" ");
  }
  if (dataflow === "orders") {
    record.lines = ((record.lines ?? []) as Json[]).map((l) => ({
      product_id: null,
      sku: null,
      description: null,
      discount_percent: 0,
      external_ids: {},
      ...l,
      id: l.id ?? `l-${nextId()}`,
    }));
    const net = (record.lines as Json[]).reduce(
      (sum, l) => sum + Number(l.quantity) * Number(l.unit_price) * (1 - Number(l.discount_percent) / 100),
      0,
    );
    record.total_excl_vat = net.toFixed(2);
    record.total_incl_vat = (net * 1.25).toFixed(2);
  }
  return record;
}

export function applyWebshop(dataflow: DataflowId, write: PlannedWrite, current: Json | null, now: number): Json {
  const spec = SHOP[dataflow];
  if (write.op === "create") {
    const body = v.parse(spec.create, write.payload) as Json;
    const id = `${dataflow.slice(0, 1)}-${nextId()}`;
    const record = {
      ...DEFAULTS[dataflow],
      ...(dataflow === "orders" ? { order_number: String(5000 + counter) } : {}),
      ...body,
      id,
      version: 1,
      created_at: shopTime(now),
      updated_at: shopTime(now),
      external_ids: body.external_ids ?? {},
    };
    return v.parse(spec.record, shopDerive(dataflow, record)) as Json;
  }
  if (!current) throw new Error("nothing to write to");
  // The planned body itself must be a valid merge patch, not only the diff the connector makes of it.
  if (write.op === "update") v.parse(spec.patch, write.payload);
  const patch =
    write.op === "archive"
      ? dataflow === "orders"
        ? { status: "cancelled" }
        : { active: false }
      : buildMergePatch(current, write.payload);
  v.parse(spec.patch, patch);
  const next: Json = structuredClone(current);
  for (const [key, value] of Object.entries(patch)) {
    if (key === "external_ids") {
      const ids = { ...(next.external_ids as Json) };
      for (const [k, val] of Object.entries(value as Json)) {
        if (val === null) delete ids[k];
        else ids[k] = val;
      }
      next.external_ids = ids;
    } else next[key] = value;
  }
  next.version = Number(current.version) + 1;
  next.updated_at = shopTime(now);
  return v.parse(spec.record, shopDerive(dataflow, next)) as Json;
}
