/**
 * Contract §4, lookups: `?external_id=<key>:<value>` and the match fields, with their normalisations (email and
 * sku trimmed and case-insensitive, organization_number digits only, department_code and order_number exact).
 */
import type { Resource } from "../../../shared/webshop";
import { check, expectError, show } from "../checks";
import { lookup } from "../feed";
import { expectCreated, type ShopRecord } from "../fixtures";
import type { Rule, RuleContext } from "../types";

/** Finds exactly `record` (other records may match in a real shop only where the rule allows it). */
async function expectFound(
  ctx: RuleContext,
  resource: Resource,
  param: string,
  value: string,
  record: ShopRecord,
): Promise<ShopRecord[]> {
  const found = await lookup(ctx.shop, resource, param, value);
  check(
    found.some((r) => r.id === record.id),
    `GET /${resource}?${param}=${JSON.stringify(value)} to find ${record.id}`,
    `ids ${show(found.map((r) => r.id))}`,
  );
  return found;
}

const digits = (value: unknown) => String(value ?? "").replace(/\D/g, "");
const spacedOut = (number: string) => number.replace(/^(\d{3})(\d{3})(\d{3})$/, "$1 $2 $3");

/** `record` found by `value`, and only customers with the same digits. */
async function expectOnlyDigits(ctx: RuleContext, value: string, record: ShopRecord): Promise<void> {
  const found = await expectFound(ctx, "customers", "organization_number", value, record);
  const wrong = found.filter((r) => digits(r.organization_number) !== digits(value));
  check(wrong.length === 0, "only customers with those digits", show(wrong.map((r) => r.id)));
}

export const lookupRules: Rule[] = [
  {
    id: "lookup.external-id",
    title: "?external_id=<key>:<value> finds the records carrying that exact pair, on every resource",
    async run(ctx) {
      const { shop, fixtures } = ctx;
      const made: [Resource, string, ShopRecord][] = [
        ["customers", "poweroffice_customer", await fixtures.company()],
        ["products", "poweroffice_product", await fixtures.product()],
        ["orders", "poweroffice_sales_order", await fixtures.order()],
      ];
      for (const [resource, key, record] of made) {
        const value = (record.external_ids as Record<string, string>)[key];
        check(
          typeof value === "string",
          `${resource} ${record.id} to keep external_ids.${key} as sent`,
          show(record.external_ids),
        );
        const found = await expectFound(ctx, resource, "external_id", `${key}:${value}`, record);
        check(found.length === 1, `only ${record.id} for ${key}:${value}`, show(found.map((r) => r.id)));
        const otherKey = await lookup(shop, resource, "external_id", `poweroffice_department:${value}`);
        check(otherKey.length === 0, `nothing for the same value under another key`, show(otherKey.map((r) => r.id)));
      }
      const none = await lookup(shop, "products", "external_id", `poweroffice_product:${ctx.tag}-nobody`);
      check(none.length === 0, "an empty page for a pair nobody has", show(none.map((r) => r.id)));
      expectError(
        await shop.get("/products", [["external_id", "no-colon"]]),
        400,
        "GET /products?external_id=no-colon",
      );
      return "each resource found by its key:value pair, not by another key; no colon answered 400";
    },
  },
  {
    id: "lookup.email",
    title: "?email= matches case-insensitively after trimming",
    async run(ctx) {
      const email = `Kari.Nordmann.${ctx.unique("x")}@Example.com`;
      const person = await ctx.fixtures.create("customers", ctx.fixtures.personBody({ email }));
      const query = `  ${email.toLowerCase().replace("example.com", "EXAMPLE.COM")} `;
      const found = await expectFound(ctx, "customers", "email", query, person);
      const wrong = found.filter((r) => String(r.email).trim().toLowerCase() !== email.toLowerCase());
      check(wrong.length === 0, "only customers with that email", show(wrong.map((r) => r.id)));
      return `found ${person.id} by ${JSON.stringify(query)}`;
    },
  },
  {
    id: "lookup.sku",
    title: "?sku= matches case-insensitively after trimming",
    async run(ctx) {
      const sku = ctx.unique("MixedCase-SKU");
      const product = await ctx.fixtures.product({ sku });
      const query = ` ${sku.toLowerCase()}  `;
      const found = await expectFound(ctx, "products", "sku", query, product);
      check(found.length === 1, `only ${product.id} (sku is unique)`, show(found.map((r) => r.id)));
      return `found ${product.id} by ${JSON.stringify(query)}`;
    },
  },
  {
    id: "lookup.organization-number",
    title: "?organization_number= compares digits only, on both sides",
    async run(ctx) {
      const { shop, fixtures } = ctx;
      const plain = fixtures.organizationNumber();
      const a = await fixtures.company({ organization_number: plain });
      const spaced = spacedOut(fixtures.organizationNumber());
      // The worker writes digits only, so a shop may store digits only and refuse other forms: then only the
      // digits-only lookup is the contract's business, and the formatted forms do not apply.
      const attempt = await shop.post(
        "customers",
        fixtures.companyBody({ organization_number: spaced }),
        fixtures.idempotencyKey(),
      );
      if (attempt.status === 400) {
        await expectOnlyDigits(ctx, plain, a);
        return `found "${plain}" by "${plain}"; formatted numbers: does not apply (the shop refused "${spaced}" with 400: it stores digits only, which the contract allows)`;
      }
      const b = expectCreated(attempt, "customers");
      const query = spacedOut(plain);
      await expectOnlyDigits(ctx, query, a);
      await expectOnlyDigits(ctx, digits(spaced), b);
      return `found "${plain}" by "${query}" and "${spaced}" by "${digits(spaced)}"`;
    },
  },
  {
    id: "lookup.department-code",
    title: "?department_code= finds the department with that code",
    async run(ctx) {
      const department = await ctx.fixtures.create("customers", ctx.fixtures.departmentBody());
      const code = String(department.department_code);
      const found = await expectFound(ctx, "customers", "department_code", code, department);
      check(found.length === 1, `only ${department.id}`, show(found.map((r) => r.id)));
      return `found ${department.id} by ${code}`;
    },
  },
  {
    id: "lookup.order-number",
    title: "?order_number= finds the order with that number",
    async run(ctx) {
      const order = await ctx.fixtures.order();
      const number = String(order.order_number);
      const found = await expectFound(ctx, "orders", "order_number", number, order);
      check(found.length === 1, `only ${order.id}`, show(found.map((r) => r.id)));
      return `found ${order.id} by ${number}`;
    },
  },
];
