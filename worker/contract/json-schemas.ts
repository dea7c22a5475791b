/**
 * The contract's valibot schemas (shared/webshop) as JSON Schema 2020-12, the dialect OpenAPI 3.1 uses: the
 * component schemas of the published OpenAPI document. Pure: no Cloudflare or node imports.
 */
import { type JsonSchema, toJsonSchemaDefs } from "@valibot/to-json-schema";
import * as w from "../../shared/webshop";

export type { JsonSchema };

const SCHEMAS = {
  Timestamp: w.Timestamp,
  Money: w.Money,
  CalendarDate: w.CalendarDate,
  ExternalIds: w.ExternalIds,
  ExternalIdsPatch: w.ExternalIdsPatch,
  Address: w.Address,
  Customer: w.Customer,
  CustomerCreate: w.CustomerCreate,
  CustomerPatch: w.CustomerPatch,
  Product: w.Product,
  ProductCreate: w.ProductCreate,
  ProductPatch: w.ProductPatch,
  Line: w.Line,
  LineInput: w.LineInput,
  Order: w.Order,
  OrderCreate: w.OrderCreate,
  OrderPatch: w.OrderPatch,
  CustomerList: w.ListEnvelope(w.Customer),
  ProductList: w.ListEnvelope(w.Product),
  OrderList: w.ListEnvelope(w.Order),
  ErrorBody: w.ErrorBody,
  WebhookEvent: w.WebhookEvent,
};

export type SchemaName =
  | keyof typeof SCHEMAS
  | "CustomerVersionMismatch"
  | "ProductVersionMismatch"
  | "OrderVersionMismatch";

// What JSON Schema cannot say: `trim` only normalises input, JSON numbers are always finite, and the create checks of
// CustomerCreate (v.check) are restated below as if/then. Any other action fails the build, so nothing is lost silently.
const IGNORED_ACTIONS = ["trim", "finite", "check"];

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

/** All component schemas, $refs pointing into `#/components/schemas/`. */
export function componentSchemas(): Record<SchemaName, JsonSchema> {
  const converted = toJsonSchemaDefs(SCHEMAS, {
    target: "draft-2020-12",
    errorMode: "throw",
    ignoreActions: IGNORED_ACTIONS,
  });
  const schemas = rewriteRefs(converted) as Record<keyof typeof SCHEMAS, JsonSchema>;
  return {
    ...schemas,
    CustomerCreate: { ...schemas.CustomerCreate, allOf: CUSTOMER_CREATE_RULES },
    CustomerVersionMismatch: versionMismatch("Customer"),
    ProductVersionMismatch: versionMismatch("Product"),
    OrderVersionMismatch: versionMismatch("Order"),
  };
}

const nonBlank = { type: "string", pattern: "\\S" } as const;
const filled = { type: "string", minLength: 1 } as const;

/** The v.check rules of shared/webshop/customer.ts CustomerCreate, in JSON Schema (a test keeps them in step). */
const CUSTOMER_CREATE_RULES: JsonSchema[] = [
  {
    if: { properties: { kind: { const: "person" } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited
    then: { required: ["first_name", "last_name"], properties: { first_name: filled, last_name: filled } },
    else: { required: ["name"], properties: { name: nonBlank } },
  },
  {
    if: { properties: { kind: { const: "department" } } },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, never awaited
    then: { required: ["department_code"], properties: { department_code: nonBlank } },
  },
];

/** The 412 body: the error envelope whose details carry the record as it is now. */
function versionMismatch(resource: "Customer" | "Product" | "Order"): JsonSchema {
  return {
    description: `412 version_mismatch: If-Match named an older version; details.current is the ${resource.toLowerCase()} now.`,
    allOf: [
      ref("ErrorBody"),
      {
        type: "object",
        properties: {
          error: {
            type: "object",
            properties: { details: { type: "object", properties: { current: ref(resource) }, required: ["current"] } },
            required: ["details"],
          },
        },
      },
    ],
  };
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === "$ref" && typeof value === "string"
        ? [key, value.replace("#/$defs/", "#/components/schemas/")]
        : [key, rewriteRefs(value)],
    ),
  );
}
