/** The webshop Customer: persons and companies (PowerOffice Customers) and departments (PowerOffice Departments). */
import * as v from "valibot";
import { ExternalIds, ExternalIdsPatch, Meta, optional, Text } from "./common.js";

export const CUSTOMER_KINDS = ["person", "company", "department"] as const;

export const Address = v.object({
  line1: Text(),
  line2: Text(),
  postal_code: Text(20),
  city: Text(),
  country: v.nullable(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code like NO"))),
});

/** In a create or patch, an address with a member the contract does not know is refused, like any unknown field. */
const AddressInput = v.strictObject(Address.entries);

const customerFields = {
  kind: v.picklist(CUSTOMER_KINDS),
  name: v.pipe(v.string(), v.maxLength(255)),
  first_name: Text(),
  last_name: Text(),
  email: Text(),
  invoice_email: Text(),
  phone: Text(50),
  organization_number: Text(50),
  department_code: Text(50),
  customer_number: Text(50),
  website: Text(),
  billing_address: v.nullable(Address),
  active: v.boolean(),
};

export const Customer = v.object({ ...Meta, ...customerFields });
export type Customer = v.InferOutput<typeof Customer>;

/** POST /customers. Persons need first and last name (the shop derives `name`); companies and departments need a name. */
export const CustomerCreate = v.pipe(
  v.strictObject({
    ...optional(customerFields),
    kind: customerFields.kind,
    billing_address: v.optional(v.nullable(AddressInput)),
    external_ids: v.optional(ExternalIds),
  }),
  v.check(
    (c) => c.kind !== "person" || Boolean(c.first_name && c.last_name),
    "a person needs first_name and last_name",
  ),
  v.check((c) => c.kind === "person" || Boolean(c.name?.trim()), "a company or department needs a name"),
  v.check((c) => c.kind !== "department" || Boolean(c.department_code?.trim()), "a department needs a department_code"),
);
export type CustomerCreate = v.InferOutput<typeof CustomerCreate>;

/** PATCH /customers/{id}: a JSON merge patch (RFC 7396); `external_ids` merges key by key, `billing_address` replaces. */
export const CustomerPatch = v.strictObject({
  ...optional(customerFields),
  external_ids: v.optional(ExternalIdsPatch),
});
export type CustomerPatch = v.InferOutput<typeof CustomerPatch>;
