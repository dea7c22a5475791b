/**
 * Customers: persons, companies and departments. A person's `name` is derived ("first_name last_name") and kept so on
 * every change. Email, organization number and department code are match keys, not unique: a shop may hold several
 * customers with one e-mail (guest checkouts) or one org number (a company's departments); lookups return them all.
 */
import type { RecordContent } from "../adapter.js";
import type { Customer } from "../contract/customer.js";
import { CustomerCreate, CustomerPatch } from "../contract/customer.js";
import { type FieldProblems, fail, ok, type Result } from "../core/failure.js";
import { applyMembers, contentOf, mergeExternalIds, ordered, type ResourceModel } from "./model.js";
import { pure } from "./steps.js";

type CustomerContent = Omit<Customer, "id" | "version" | "created_at" | "updated_at">;

export const CUSTOMER_TEMPLATE: CustomerContent = {
  kind: "company",
  name: "",
  first_name: null,
  last_name: null,
  email: null,
  invoice_email: null,
  phone: null,
  organization_number: null,
  department_code: null,
  customer_number: null,
  website: null,
  billing_address: null,
  active: true,
  external_ids: {},
};

export const customerModel: ResourceModel = {
  resource: "customers",
  createSchema: CustomerCreate,
  patchSchema: CustomerPatch,
  create: (input) => pure(build(CUSTOMER_TEMPLATE, input)),
  patch: (current, patch) => pure(build(contentOf(current) as CustomerContent, patch)),
};

/** Applies a create body or merge patch onto `base` and checks the rules a stored customer always satisfies. */
function build(base: CustomerContent, input: Record<string, unknown>): Result<RecordContent> {
  const next = applyMembers(base, input, ["external_ids"]);
  next.external_ids = mergeExternalIds(base.external_ids, input.external_ids as Record<string, string | null>);
  if (next.billing_address) next.billing_address = { ...next.billing_address };
  const problems = breaches(next);
  if (Object.keys(problems).length > 0) return fail({ reason: "unprocessable", fields: problems });
  if (next.kind === "person") next.name = `${next.first_name} ${next.last_name}`;
  return ok(ordered(CUSTOMER_TEMPLATE, next));
}

function breaches(c: CustomerContent): FieldProblems {
  const problems: FieldProblems = {};
  if (c.kind === "person") {
    if (!c.first_name?.trim()) problems.first_name = "a person needs first_name and last_name";
    if (!c.last_name?.trim()) problems.last_name = "a person needs first_name and last_name";
  } else if (!c.name.trim()) {
    problems.name = `a ${c.kind} needs a name`;
  }
  if (c.kind === "department" && !c.department_code?.trim()) {
    problems.department_code = "a department needs a department_code";
  }
  return problems;
}
