import { describe, expect, it } from "vitest";
import { buildWebshopOpenApi } from "../../../worker/contract/openapi";
import { runConformance } from "../../conformance/runner";
import { resolvePointer, schemaCompiler } from "../../node/contract/openapi-ajv";
import { createReferenceWebshop } from "../webshop";

// biome-ignore lint/suspicious/noExplicitAny: walks a JSON document; the assertions check its shapes
type Json = Record<string, any>;
const doc = buildWebshopOpenApi() as Json;
const { compile } = schemaCompiler(doc as { components: { schemas: Json } });
const validators = new Map<unknown, ReturnType<typeof compile>>();
const validatorFor = (schema: Json) => {
  const cached = validators.get(schema);
  if (cached) return cached;
  const validate = compile(schema);
  validators.set(schema, validate);
  return validate;
};
const resolve = (node: Json): Json => (node.$ref ? resolve(resolvePointer(doc, node.$ref) as Json) : node);

/** The documented operation for a request to the reference shop (base path /api). */
function operationFor(method: string, pathname: string): { template: string; op: Json } | undefined {
  const path = pathname.replace(/^\/api/, "");
  const template = Object.keys(doc.paths).find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(path));
  const op = template ? doc.paths[template][method.toLowerCase()] : undefined;
  return template && op ? { template, op } : undefined;
}

describe("the reference webshop's answers, as the conformance kit drives it, match the OpenAPI document", () => {
  it("every status is documented for its operation and every JSON body fits the documented schema", async () => {
    const shop = createReferenceWebshop();
    const problems: string[] = [];
    const seen = new Set<string>();
    const fetch = async (request: Request) => {
      const response = await shop.fetch(request);
      const { pathname } = new URL(request.url);
      const found = operationFor(request.method, pathname);
      if (!found) {
        problems.push(`${request.method} ${pathname} is not documented`);
        return response;
      }
      const status = String(response.status);
      const documented = found.op.responses[status] ?? found.op.responses[`${status[0]}XX`];
      const where = `${request.method} ${found.template} ${status}`;
      seen.add(where);
      if (!documented) {
        problems.push(`${where} is not a documented answer`);
        return response;
      }
      const media = resolve(documented).content?.["application/json"];
      const text = await response.clone().text();
      if (!media) {
        if (text !== "") problems.push(`${where} documents no body but got ${text.slice(0, 80)}`);
        return response;
      }
      const validate = validatorFor(media.schema);
      if (!validate(JSON.parse(text)))
        problems.push(`${where}: ${JSON.stringify(validate.errors)} in ${text.slice(0, 200)}`);
      return response;
    };
    const report = await runConformance({ baseUrl: "https://webshop.sim/api", token: "test-webshop-token", fetch });
    expect(report.results.filter((r) => r.outcome === "fail")).toEqual([]);
    expect(problems).toEqual([]);
    // The kit reaches every operation and the main error answers, so this check covers the document widely.
    for (const expected of [
      "GET /customers 200",
      "POST /orders 201",
      "PATCH /products/{id} 412",
      "POST /products 409",
      "POST /orders 422",
      "DELETE /products/{id} 204",
      "GET /orders/{id} 404",
      "GET /products 401",
    ]) {
      expect(seen).toContain(expected);
    }
  });
});
