import { describe, expect, it } from "vitest";
import { RESOURCES } from "../../../shared/webshop";
import { buildWebshopOpenApi } from "../../../worker/contract/openapi";
import { RESOURCE_SPEC } from "../../../worker/contract/openapi-paths";
import { collectRefs, resolvePointer, schemaCompiler } from "./openapi-ajv";

// biome-ignore lint/suspicious/noExplicitAny: walks a JSON document; the assertions check its shapes
type Json = Record<string, any>;
const doc = buildWebshopOpenApi() as Json;
const { compile } = schemaCompiler(doc as { components: { schemas: Json } });
const resolve = (node: Json): Json => (node.$ref ? resolve(resolvePointer(doc, node.$ref) as Json) : node);
const METHODS = ["get", "post", "patch", "delete", "put"];

/** Every operation of paths and webhooks, with its location for messages. */
function operations(): { where: string; op: Json; pathItem: Json }[] {
  const fromPaths = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ where: `${m.toUpperCase()} ${path}`, op: item[m], pathItem: item })),
  );
  const fromHooks = Object.entries(doc.webhooks as Json).flatMap(([name, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ where: `webhook ${name}`, op: item[m], pathItem: item })),
  );
  return [...fromPaths, ...fromHooks];
}

describe("the generated OpenAPI document is valid OpenAPI 3.1", () => {
  it("is plain JSON with the 3.1 top level and a JSON Schema 2020-12 dialect", () => {
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("resolves every $ref", () => {
    const refs = collectRefs(doc);
    expect(refs.length).toBeGreaterThan(50);
    const dangling = refs.filter(({ ref }) => resolvePointer(doc, ref) === undefined);
    expect(dangling).toEqual([]);
  });

  it("compiles every component schema with ajv (draft 2020-12, strict)", () => {
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => compile({ $ref: `#/components/schemas/${name}` }), name).not.toThrow();
    }
  });

  it("has unique operationIds, a description for every response, and parameters with a schema", () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { where, op, pathItem } of operations()) {
      expect(Object.keys(op.responses).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        expect(resolve(response).description, `${where} ${status}`).toEqual(expect.any(String));
      }
      for (const parameter of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map(resolve)) {
        expect(parameter, where).toMatchObject({
          name: expect.any(String),
          in: expect.any(String),
          schema: expect.anything(),
        });
        if (parameter.in === "path") expect(parameter.required, `${where} ${parameter.name}`).toBe(true);
      }
    }
  });

  it("validates every example against its schema", () => {
    let checked = 0;
    const checkMedia = (where: string, media: Json) => {
      const validate = compile(media.schema);
      const examples = [
        ...(media.example === undefined ? [] : [media.example]),
        ...Object.values((media.examples ?? {}) as Json).map((e) => (e as Json).value),
      ];
      for (const example of examples) {
        checked++;
        expect(validate(example) ? [] : validate.errors, where).toEqual([]);
      }
    };
    for (const { where, op, pathItem } of operations()) {
      for (const media of Object.values((op.requestBody?.content ?? {}) as Json)) checkMedia(`${where} body`, media);
      for (const [status, response] of Object.entries(op.responses as Json)) {
        for (const media of Object.values((resolve(response).content ?? {}) as Json))
          checkMedia(`${where} ${status}`, media);
      }
      for (const parameter of [...(pathItem.parameters ?? []), ...(op.parameters ?? [])].map(resolve)) {
        if (parameter.example !== undefined) checkMedia(`${where} ${parameter.name}`, parameter);
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe("the document describes every endpoint of the contract", () => {
  const param = (op: Json, name: string) =>
    (op.parameters ?? []).map(resolve).find((p: Json) => p.name.toLowerCase() === name.toLowerCase());

  it.each(RESOURCES)("/%s: feed with cursor, limit, updated_after, external_id and its match fields", (resource) => {
    const list = doc.paths[`/${resource}`].get;
    for (const name of ["cursor", "limit", "updated_after", "external_id", ...RESOURCE_SPEC[resource].lookups]) {
      expect(param(list, name), name).toMatchObject({ in: "query" });
    }
    expect(param(list, "limit").schema).toMatchObject({ minimum: 1, maximum: 500 });
    expect(resolve(list.responses["200"]).content["application/json"].schema.$ref).toMatch(/List$/);
    expect(Object.keys(list.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "429"]));
  });

  it.each(RESOURCES)("/%s: POST needs Idempotency-Key and answers 201, 400, 409, 422", (resource) => {
    const post = doc.paths[`/${resource}`].post;
    expect(param(post, "Idempotency-Key")).toMatchObject({ in: "header", required: true, schema: { maxLength: 255 } });
    expect(post.requestBody.required).toBe(true);
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "409", "422"]));
  });

  it.each(RESOURCES)("/%s/{id}: GET, merge PATCH with If-Match and 412 details.current, DELETE 204", (resource) => {
    const item = doc.paths[`/${resource}/{id}`];
    expect(item.get.responses).toHaveProperty("404");
    expect(Object.keys(item.patch.requestBody.content)).toContain("application/merge-patch+json");
    expect(param(item.patch, "If-Match")).toMatchObject({ in: "header" });
    const mismatch = resolve(item.patch.responses["412"].content["application/json"].schema);
    expect(JSON.stringify(mismatch)).toContain(
      `"current":{"$ref":"#/components/schemas/${RESOURCE_SPEC[resource].entity}"}`,
    );
    expect(item.delete.responses["204"]).toBeDefined();
  });

  it("429 carries Retry-After, and every error response uses the error envelope", () => {
    expect(resolve(doc.components.responses.TooManyRequests).headers).toHaveProperty("Retry-After");
    for (const [name, response] of Object.entries(doc.components.responses as Json)) {
      expect(response.content["application/json"].schema, name).toEqual({ $ref: "#/components/schemas/ErrorBody" });
    }
  });

  it("documents the webhook: the event body, the three Standard Webhooks headers, 2XX/400/401", () => {
    const hook = doc.webhooks.webshopEvent.post;
    expect(hook.parameters.map((p: Json) => [p.name, p.in, p.required])).toEqual([
      ["webhook-id", "header", true],
      ["webhook-timestamp", "header", true],
      ["webhook-signature", "header", true],
    ]);
    expect(hook.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/WebhookEvent" });
    expect(Object.keys(hook.responses).sort()).toEqual(["2XX", "400", "401"]);
  });
});
