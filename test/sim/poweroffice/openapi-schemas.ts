/**
 * Loads the v2 OpenAPI subset and compiles its component schemas with ajv, converting OpenAPI 3.0 dialect to JSON
 * Schema: `nullable` becomes a type union, and a `$ref` property may be null (3.0 cannot mark a $ref nullable, and
 * the API writes null for absent sub-objects). Used by the conformance test only.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

/** PowerOffice's public v2 OpenAPI description, cut to the areas the sync uses (its `info` names the source). */
export const OPENAPI_PATH = join(process.cwd(), "test", "sim", "poweroffice", "openapi-v2-subset.yaml");

type Json = Record<string, unknown>;

export interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>;
  components: { schemas: Record<string, Json> };
}

export function loadOpenApi(): OpenApi {
  return parse(readFileSync(OPENAPI_PATH, "utf8")) as OpenApi;
}

function convert(node: unknown, asProperty = false): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item));
  if (typeof node !== "object" || node === null) return node;
  const schema = node as Json;
  if (typeof schema.$ref === "string") {
    const ref = { $ref: schema.$ref.replace("#/components/schemas/", "po#/definitions/") };
    return asProperty ? { anyOf: [ref, { type: "null" }] } : ref;
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (["nullable", "readOnly", "example", "description"].includes(key)) continue;
    if (key === "properties") {
      out.properties = Object.fromEntries(
        Object.entries(value as Json).map(([name, prop]) => [name, convert(prop, true)]),
      );
    } else {
      out[key] = convert(value);
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  }
  return out;
}

export function compileSchemas(doc: OpenApi): (ref: Json) => ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false, formats: { int32: true, int64: true, double: true } });
  addFormats(ajv);
  const definitions = Object.fromEntries(
    Object.entries(doc.components.schemas).map(([name, schema]) => [name, convert(schema)]),
  );
  ajv.addSchema({ $id: "po", definitions });
  return (schema) => ajv.compile(convert(schema) as Json);
}
