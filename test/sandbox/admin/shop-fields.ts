/** The webshop view's edit forms: what a shop admin edits on a customer, product or order. */
import { ORDER_STATUSES } from "../../../shared/webshop/order";
import type { Customer, Order, Product } from "../../sim/webshop/index";
import type { Field } from "./fields";

const person = (c: Customer) => c.kind === "person";
const notPerson = (c: Customer) => c.kind !== "person";

export const SHOP_CUSTOMER_FIELDS: readonly Field<Customer>[] = [
  { name: "name", label: "Name", input: "text", applies: notPerson, read: (c) => c.name },
  { name: "first_name", label: "First name", input: "text", applies: person, read: (c) => c.first_name },
  { name: "last_name", label: "Last name", input: "text", applies: person, read: (c) => c.last_name },
  {
    name: "organization_number",
    label: "Organisation number",
    input: "text",
    applies: (c) => c.kind === "company",
    read: (c) => c.organization_number,
  },
  {
    name: "department_code",
    label: "Department code",
    input: "text",
    applies: (c) => c.kind === "department",
    read: (c) => c.department_code,
  },
  { name: "email", label: "E-mail", input: "email", applies: notDepartment, read: (c) => c.email },
  {
    name: "invoice_email",
    label: "Invoice e-mail",
    input: "email",
    applies: notDepartment,
    read: (c) => c.invoice_email,
  },
  { name: "phone", label: "Phone", input: "tel", applies: notDepartment, read: (c) => c.phone },
  { name: "website", label: "Website", input: "url", applies: notDepartment, read: (c) => c.website },
  {
    name: "billing_address.line1",
    label: "Address",
    input: "text",
    applies: notDepartment,
    read: (c) => c.billing_address?.line1 ?? null,
  },
  {
    name: "billing_address.postal_code",
    label: "Postcode",
    input: "text",
    applies: notDepartment,
    read: (c) => c.billing_address?.postal_code ?? null,
  },
  {
    name: "billing_address.city",
    label: "City",
    input: "text",
    applies: notDepartment,
    read: (c) => c.billing_address?.city ?? null,
  },
  { name: "active", label: "Active", input: "checkbox", read: (c) => c.active },
];

function notDepartment(c: Customer): boolean {
  return c.kind !== "department";
}

export const SHOP_PRODUCT_FIELDS: readonly Field<Product>[] = [
  { name: "sku", label: "SKU", input: "text", read: (p) => p.sku },
  { name: "name", label: "Name", input: "text", read: (p) => p.name },
  { name: "description", label: "Description", input: "text", read: (p) => p.description },
  { name: "price", label: "Price (NOK excl. VAT)", input: "money", read: (p) => p.price },
  { name: "cost_price", label: "Cost price (NOK)", input: "money", read: (p) => p.cost_price },
  { name: "active", label: "Active", input: "checkbox", read: (p) => p.active },
];

export const SHOP_ORDER_FIELDS: readonly Field<Order>[] = [
  { name: "status", label: "Status", input: "select", options: ORDER_STATUSES, read: (o) => o.status },
  { name: "delivery_date", label: "Delivery date", input: "date", read: (o) => o.delivery_date },
  { name: "customer_reference", label: "Customer reference", input: "text", read: (o) => o.customer_reference },
  {
    name: "purchase_order_reference",
    label: "Purchase order reference",
    input: "text",
    read: (o) => o.purchase_order_reference,
  },
];
