/**
 * Test helpers for the generated OpenAPI document: JSON-pointer $ref resolution, and ajv (draft 2020-12, the
 * dialect of OpenAPI 3.1) compiling its component schemas, for validating examples and real answers against it.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;
const BASE = "https://contract.test/webshop.json";

/** The value at a local `#/...` pointer, or undefined. */
export function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Json)[key] : undefined), doc);
}

/** Every `$ref` string anywhere in the document, with where it was found. */
export function collectRefs(node: unknown, at = "#"): { at: string; ref: string }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => collectRefs(item, `${at}/${i}`));
  if (typeof node !== "object" || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === "$ref" && typeof value === "string" ? [{ at, ref: value }] : collectRefs(value, `${at}/${key}`),
  );
}

/** Strict ajv over the document's component schemas; `compile` takes any schema that $refs into them. */
export function schemaCompiler(doc: { components: { schemas?: Json } }): {
  ajv: Ajv2020;
  compile: (schema: unknown) => ValidateFunction;
} {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addSchema({ $id: BASE, $defs: rewrite(doc.components.schemas ?? {}) });
  return { ajv, compile: (schema) => ajv.compile(rewrite(schema) as Json) };
}

function rewrite(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewrite);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === "$ref" && typeof value === "string"
        ? [key, value.replace("#/components/schemas/", `${BASE}#/$defs/`)]
        : [key, rewrite(value)],
    ),
  );
}
