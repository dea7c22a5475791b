/** The PowerOffice view's edit forms: the fields a PowerOffice user edits in the GUI that the sync carries. */
import type { CustomerDto, DepartmentDto, ProductDto } from "../../sim/poweroffice/index";
import type { Field } from "./fields";

const company = (c: CustomerDto) => !c.IsPerson;
const person = (c: CustomerDto) => c.IsPerson === true;

export const PO_CUSTOMER_FIELDS: readonly Field<CustomerDto>[] = [
  { name: "Name", label: "Name", input: "text", applies: company, read: (c) => c.Name },
  { name: "FirstName", label: "First name", input: "text", applies: person, read: (c) => c.FirstName },
  { name: "LastName", label: "Last name", input: "text", applies: person, read: (c) => c.LastName },
  {
    name: "OrganizationNumber",
    label: "Organisation number",
    input: "text",
    applies: company,
    read: (c) => c.OrganizationNumber,
  },
  { name: "EmailAddress", label: "E-mail", input: "email", read: (c) => c.EmailAddress },
  { name: "InvoiceEmailAddress", label: "Invoice e-mail", input: "email", read: (c) => c.InvoiceEmailAddress },
  { name: "PhoneNumber", label: "Phone", input: "tel", read: (c) => c.PhoneNumber },
  { name: "WebsiteUrl", label: "Website", input: "url", read: (c) => c.WebsiteUrl },
  {
    name: "MailAddress.AddressLine1",
    label: "Address",
    input: "text",
    read: (c) => c.MailAddress?.AddressLine1 ?? null,
  },
  { name: "MailAddress.ZipCode", label: "Postcode", input: "text", read: (c) => c.MailAddress?.ZipCode ?? null },
  { name: "MailAddress.City", label: "City", input: "text", read: (c) => c.MailAddress?.City ?? null },
  {
    name: "IsArchived",
    label: "Archived",
    input: "checkbox",
    hint: "An archived customer is made inactive in the shop.",
    read: (c) => c.IsArchived === true,
  },
];

export const PO_DEPARTMENT_FIELDS: readonly Field<DepartmentDto>[] = [
  { name: "Code", label: "Code", input: "text", read: (d) => d.Code },
  { name: "Name", label: "Name", input: "text", read: (d) => d.Name },
  { name: "IsActive", label: "Active", input: "checkbox", read: (d) => d.IsActive === true },
];

export const PO_PRODUCT_FIELDS: readonly Field<ProductDto>[] = [
  { name: "Code", label: "Code", input: "text", hint: "The shop's SKU.", read: (p) => p.Code },
  { name: "Name", label: "Name", input: "text", read: (p) => p.Name },
  { name: "Description", label: "Description", input: "text", read: (p) => p.Description },
  { name: "UnitPrice", label: "Price (NOK excl. VAT)", input: "number", read: (p) => p.UnitPrice },
  { name: "UnitCost", label: "Cost (NOK)", input: "number", read: (p) => p.UnitCost },
  {
    name: "StockOnHand",
    label: "Stock on hand",
    input: "number",
    hint: "PowerOffice is the source of stock: the shop's stock follows.",
    applies: (p) => p.IsStockItem === true,
    read: (p) => p.StockOnHand,
  },
  { name: "IsArchived", label: "Archived", input: "checkbox", read: (p) => p.IsArchived === true },
];
