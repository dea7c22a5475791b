/**
 * Example records for the published contract (OpenAPI examples and docs/webshop-api.md): a Norwegian shop selling
 * in NOK, prices excluding VAT. A test parses each one with the contract's schemas, so the examples cannot drift.
 */
import type {
  Customer,
  CustomerCreate,
  CustomerPatch,
  Order,
  OrderCreate,
  Product,
  ProductCreate,
} from "../../shared/webshop";

const CREATED = "2026-11-26T09:14:03.120Z";
const UPDATED = "2026-11-26T12:00:00.000Z";

export const companyCustomer: Customer = {
  id: "c_1042",
  version: 3,
  created_at: CREATED,
  updated_at: UPDATED,
  external_ids: { poweroffice_customer: "7561234" },
  kind: "company",
  name: "Fjordbygg AS",
  first_name: null,
  last_name: null,
  email: "post@fjordbygg.no",
  invoice_email: "faktura@fjordbygg.no",
  phone: "+47 55 12 34 56",
  organization_number: "915550002",
  department_code: null,
  customer_number: "10042",
  website: "https://fjordbygg.no",
  billing_address: { line1: "Strandkaien 12", line2: null, postal_code: "5013", city: "Bergen", country: "NO" },
  active: true,
};

export const customerCreate: CustomerCreate = {
  kind: "company",
  name: "Fjordbygg AS",
  email: "post@fjordbygg.no",
  invoice_email: "faktura@fjordbygg.no",
  phone: "+47 55 12 34 56",
  organization_number: "915550002",
  customer_number: "10042",
  website: "https://fjordbygg.no",
  billing_address: { line1: "Strandkaien 12", line2: null, postal_code: "5013", city: "Bergen", country: "NO" },
  external_ids: { poweroffice_customer: "7561234" },
};

export const customerPatch: CustomerPatch = {
  phone: "+47 55 98 76 54",
  website: null,
  external_ids: { poweroffice_customer: "7561234" },
};

export const product: Product = {
  id: "p_311",
  version: 7,
  created_at: CREATED,
  updated_at: UPDATED,
  external_ids: { poweroffice_product: "4410087" },
  sku: "KAFFE-500",
  name: "Kaffe, hele bønner 500 g",
  description: "Lysbrent fra Huila, Colombia",
  type: "product",
  price: "199.00",
  cost_price: "92.50",
  gtin: "7038010000737",
  unit: "EA",
  stock_quantity: 48,
  active: true,
};

export const productCreate: ProductCreate = {
  sku: "KAFFE-500",
  name: "Kaffe, hele bønner 500 g",
  description: "Lysbrent fra Huila, Colombia",
  type: "product",
  price: "199.00",
  cost_price: "92.50",
  gtin: "7038010000737",
  unit: "EA",
  stock_quantity: 48,
  external_ids: { poweroffice_product: "4410087" },
};

export const order: Order = {
  id: "o_5001",
  version: 2,
  created_at: CREATED,
  updated_at: UPDATED,
  external_ids: { poweroffice_sales_order: "f3b0c2a4-8f7e-4d7e-9a51-1c2d3e4f5a6b", poweroffice_order_no: "5001" },
  order_number: "5001",
  customer_id: "c_1042",
  status: "confirmed",
  order_date: "2026-11-26",
  delivery_date: "2026-12-01",
  currency: "NOK",
  customer_reference: "Ola Hansen",
  purchase_order_reference: "PO-2026-118",
  lines: [
    {
      id: "l_9001",
      product_id: "p_311",
      sku: "KAFFE-500",
      description: "Kaffe, hele bønner 500 g",
      quantity: 2,
      unit_price: "199.00",
      discount_percent: 0,
      external_ids: { poweroffice_sales_order_line: "88120" },
    },
    {
      id: "l_9002",
      product_id: null,
      sku: null,
      description: "Frakt",
      quantity: 1,
      unit_price: "99.00",
      discount_percent: 0,
      external_ids: {},
    },
  ],
  total_excl_vat: "497.00",
  total_incl_vat: "621.25",
};

export const orderCreate: OrderCreate = {
  order_number: "5001",
  customer_id: "c_1042",
  status: "confirmed",
  order_date: "2026-11-26",
  delivery_date: "2026-12-01",
  currency: "NOK",
  customer_reference: "Ola Hansen",
  purchase_order_reference: "PO-2026-118",
  lines: [
    {
      product_id: "p_311",
      sku: "KAFFE-500",
      description: "Kaffe, hele bønner 500 g",
      quantity: 2,
      unit_price: "199.00",
    },
    { product_id: null, description: "Frakt", quantity: 1, unit_price: "99.00" },
  ],
};

/** A merge patch that keeps line l_9001 (one more bag), drops the freight line and adds a discounted line. */
export const orderPatch = {
  status: "confirmed",
  lines: [
    { id: "l_9001", quantity: 3, unit_price: "199.00" },
    { product_id: "p_312", sku: "KAFFE-1000", quantity: 1, unit_price: "349.00", discount_percent: 10 },
  ],
};

export const examples = {
  customers: { object: companyCustomer, create: customerCreate, patch: customerPatch },
  products: { object: product, create: productCreate, patch: { price: "219.00", stock_quantity: 40 } },
  orders: { object: order, create: orderCreate, patch: orderPatch },
} as const;

export const errorExamples = {
  validation_failed: {
    error: {
      code: "validation_failed",
      message: 'price must be a decimal string with exactly two decimals, like "199.00"',
      details: { fields: { price: 'must be a decimal string with exactly two decimals, like "199.00"' } },
    },
  },
  unknown_parameter: {
    error: {
      code: "validation_failed",
      message: "Unknown query parameter limt",
      details: { fields: { limt: "unknown query parameter; known: cursor, limit, updated_after, external_id, sku" } },
    },
  },
  unknown_field: {
    error: {
      code: "validation_failed",
      message: "Unknown field colour",
      details: { fields: { colour: "unknown field" } },
    },
  },
  unauthorized: { error: { code: "unauthorized", message: "Missing or invalid bearer token" } },
  forbidden: { error: { code: "forbidden", message: "This token may read products but not change them" } },
  not_found: { error: { code: "not_found", message: "No product with id p_999", details: { id: "p_999" } } },
  duplicate: {
    error: {
      code: "duplicate",
      message: "A product with sku KAFFE-500 already exists (id p_311)",
      details: { field: "sku", value: "KAFFE-500", existing_id: "p_311" },
    },
  },
  idempotency_mismatch: {
    error: {
      code: "idempotency_mismatch",
      message: "Idempotency-Key po-product-4410087 was already used with a different body",
      details: { idempotency_key: "po-product-4410087" },
    },
  },
  unprocessable: {
    error: {
      code: "unprocessable",
      message: "customer_id c_9999 does not exist",
      details: { fields: { customer_id: "no customer with this id" } },
    },
  },
  rate_limited: { error: { code: "rate_limited", message: "Too many requests; retry after 2 seconds" } },
  internal: { error: { code: "internal", message: "The webshop failed unexpectedly" } },
};

export const webhookExample = {
  type: "product.updated",
  timestamp: "2026-11-26T12:00:00.000Z",
  data: { id: "p_311", version: 7 },
};
