import * as v from "valibot";
import { describe, expect, it } from "vitest";
import * as w from "../../../shared/webshop";
import { errorExamples, examples, webhookExample } from "../../../worker/contract/examples";
import { buildWebshopOpenApi } from "../../../worker/contract/openapi";
import { SIGNED_EXAMPLE } from "../../../worker/contract/openapi-webhooks";
import { schemaCompiler } from "./openapi-ajv";

const doc = buildWebshopOpenApi();
const { compile } = schemaCompiler(doc as unknown as { components: { schemas: Record<string, unknown> } });

describe("the published examples", () => {
  it("parse with the contract's valibot schemas, so docs cannot drift from the connector", () => {
    const pairs: [v.GenericSchema, unknown][] = [
      [w.Customer, examples.customers.object],
      [w.CustomerCreate, examples.customers.create],
      [w.CustomerPatch, examples.customers.patch],
      [w.Product, examples.products.object],
      [w.ProductCreate, examples.products.create],
      [w.ProductPatch, examples.products.patch],
      [w.Order, examples.orders.object],
      [w.OrderCreate, examples.orders.create],
      [w.OrderPatch, examples.orders.patch],
      [w.WebhookEvent, webhookExample],
      ...Object.values(errorExamples).map((e) => [w.ErrorBody, e] as [v.GenericSchema, unknown]),
    ];
    for (const [schema, example] of pairs) {
      const parsed = v.safeParse(schema, example);
      expect(parsed.success ? [] : parsed.issues.map((i) => `${v.getDotPath(i)}: ${i.message}`)).toEqual([]);
    }
  });

  it("add up: order totals are the lines' sum, and 25 % VAT on top", () => {
    const order = examples.orders.object;
    const excl = order.lines.reduce(
      (sum, l) => sum + l.quantity * Number(l.unit_price) * (1 - l.discount_percent / 100),
      0,
    );
    expect(excl.toFixed(2)).toBe(order.total_excl_vat);
    expect((excl * 1.25).toFixed(2)).toBe(order.total_incl_vat);
  });

  it("sign the webhook example correctly (HMAC-SHA256 of id.timestamp.body with the whsec_ secret's bytes)", async () => {
    const secret = Uint8Array.from(atob("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), (c) => c.charCodeAt(0));
    const key = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const content = `${SIGNED_EXAMPLE.id}.${SIGNED_EXAMPLE.timestamp}.${SIGNED_EXAMPLE.body}`;
    const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(content)));
    expect(`v1,${btoa(String.fromCharCode(...mac))}`).toBe(SIGNED_EXAMPLE.signature);
    expect(SIGNED_EXAMPLE.body).toBe(JSON.stringify(webhookExample));
  });
});

describe("CustomerCreate in JSON Schema says what the valibot checks say", () => {
  const validate = compile({ $ref: "#/components/schemas/CustomerCreate" });
  const cases: [string, Record<string, unknown>][] = [
    ["a person with both names", { kind: "person", first_name: "Kari", last_name: "Nordmann" }],
    ["a person without last_name", { kind: "person", first_name: "Kari" }],
    ["a person with an empty first_name", { kind: "person", first_name: "", last_name: "Nordmann" }],
    ["a company with a name", { kind: "company", name: "Fjordbygg AS" }],
    ["a company without a name", { kind: "company" }],
    ["a company with a blank name", { kind: "company", name: "  " }],
    ["a department with name and code", { kind: "department", name: "Bergen", department_code: "AVD-1" }],
    ["a department without a code", { kind: "department", name: "Bergen" }],
    ["a department with a blank code", { kind: "department", name: "Bergen", department_code: " " }],
    ["an unknown field", { kind: "company", name: "Fjordbygg AS", colour: "red" }],
  ];
  it.each(cases)("%s", (_, body) => {
    expect(validate(body)).toBe(v.safeParse(w.CustomerCreate, body).success);
  });
});
