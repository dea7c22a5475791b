/** The paths of the webshop contract (§3 of the contract): feed and lookups, read, create, merge patch, delete. */
import type { Resource } from "../../shared/webshop";
import { errorExamples, examples } from "./examples";

type Json = Record<string, unknown>;

/** Per resource: its schema names, and the match fields its list accepts beside the feed parameters. */
export const RESOURCE_SPEC = {
  customers: {
    entity: "Customer",
    singular: "customer",
    lookups: ["email", "organization_number", "department_code"],
  },
  products: { entity: "Product", singular: "product", lookups: ["sku"] },
  orders: { entity: "Order", singular: "order", lookups: ["order_number"] },
} as const satisfies Record<Resource, { entity: string; singular: string; lookups: readonly string[] }>;

export const LOOKUP_PARAMETERS: Record<string, Json> = {
  email: {
    name: "email",
    in: "query",
    description: "Customers whose email equals this, compared case-insensitively after trimming both sides.",
    schema: { type: "string", minLength: 1 },
    example: "kari.nordmann@example.no",
  },
  organization_number: {
    name: "organization_number",
    in: "query",
    description: "Customers whose organization number has the same digits (every non-digit ignored on both sides).",
    schema: { type: "string", minLength: 1 },
    example: "915550002",
  },
  department_code: {
    name: "department_code",
    in: "query",
    description: "Customers (departments) whose department_code equals this exactly.",
    schema: { type: "string", minLength: 1 },
    example: "AVD-BERGEN",
  },
  sku: {
    name: "sku",
    in: "query",
    description: "Products whose sku equals this, compared case-insensitively after trimming both sides.",
    schema: { type: "string", minLength: 1 },
    example: "KAFFE-500",
  },
  order_number: {
    name: "order_number",
    in: "query",
    description: "Orders whose order_number equals this exactly.",
    schema: { type: "string", minLength: 1 },
    example: "5001",
  },
};

const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string) => ({ $ref: `#/components/responses/${name}` });
const json = (body: Json, example?: unknown) => ({
  "application/json": example === undefined ? { schema: body } : { schema: body, example },
});

const COMMON_ERRORS = {
  "401": response("Unauthorized"),
  "403": response("Forbidden"),
  "429": response("TooManyRequests"),
  "500": response("ServerError"),
};

export function resourcePaths(resource: Resource): Record<string, Json> {
  const { entity, singular, lookups } = RESOURCE_SPEC[resource];
  const example = examples[resource];
  const tags = [resource];
  const list = {
    operationId: `list${entity}s`,
    tags,
    summary: `The ${singular} change feed, and lookups by external id or match field`,
    description: [
      `Every ${singular} (archived${resource === "orders" ? " and cancelled" : ""} ones included) sorted by`,
      "(updated_at, id) ascending. Page with `next_cursor`: it is never null; when has_more is false keep it and",
      "ask again later to see every later change exactly once. Without cursor the feed starts at the beginning;",
      "updated_after starts it just after a point in time. The filters (external_id and the match fields) narrow",
      "the same feed and combine with AND. Any other query parameter is rejected with 400.",
    ].join(" "),
    parameters: [
      param("Cursor"),
      param("Limit"),
      param("UpdatedAfter"),
      param("ExternalId"),
      ...lookups.map((name) => param(lookupParameterName(name))),
    ],
    responses: {
      "200": {
        description: "One page of the feed (possibly empty).",
        content: json(schema(`${entity}List`), {
          data: [example.object],
          next_cursor: "eyJ0IjoiMjAyNi0xMS0yNlQxMjowMDowMC4wMDBaIiwiaSI6ImNfMTA0MiJ9",
          has_more: false,
        }),
      },
      "400": response("BadRequest"),
      ...COMMON_ERRORS,
    },
  };
  const create = {
    operationId: `create${entity}`,
    tags,
    summary: `Create a ${singular} (idempotent by Idempotency-Key)`,
    description:
      "The first completed answer (2xx or 4xx) to a key is stored for 24 hours: the same key with the same body " +
      "answers it again and creates nothing; the same key with another body answers 409 idempotency_mismatch. " +
      "5xx answers are not stored. Keys are scoped to the API token and the resource. Unknown fields are rejected.",
    parameters: [param("IdempotencyKey")],
    requestBody: { required: true, content: json(schema(`${entity}Create`), example.create) },
    responses: {
      "201": { description: `The ${singular} as stored.`, content: json(schema(entity), example.object) },
      "400": response("BadRequest"),
      "409": response("Conflict"),
      "422": response("Unprocessable"),
      ...COMMON_ERRORS,
    },
  };
  const get = {
    operationId: `get${entity}`,
    tags,
    summary: `One ${singular} by id`,
    responses: {
      "200": { description: `The ${singular}.`, content: json(schema(entity), example.object) },
      "404": response("NotFound"),
      ...COMMON_ERRORS,
    },
  };
  const patch = {
    operationId: `update${entity}`,
    tags,
    summary: `Change a ${singular} with a JSON merge patch (RFC 7396)`,
    description:
      "Only the fields named change; null clears a field; external_ids merges key by key (a null value removes the " +
      "key)" +
      (resource === "orders" ? "; lines replaces the whole list (kept lines carry their id)" : "") +
      ". version goes up by one when something changed and stays when nothing did. With If-Match, a version " +
      "other than the current one answers 412 with the current object in error.details.current.",
    parameters: [param("IfMatch")],
    requestBody: {
      required: true,
      // The worker sends application/json; RFC 7396's own type is accepted too (docs/webshop-api.md).
      content: {
        "application/json": { schema: schema(`${entity}Patch`), example: example.patch },
        "application/merge-patch+json": { schema: schema(`${entity}Patch`) },
      },
    },
    responses: {
      "200": { description: `The ${singular} after the patch.`, content: json(schema(entity), example.object) },
      "400": response("BadRequest"),
      "404": response("NotFound"),
      "409": response("Conflict"),
      "412": {
        description: "If-Match named another version than the current one; nothing changed.",
        content: json(schema(`${entity}VersionMismatch`), {
          error: {
            code: "version_mismatch",
            message: `If-Match ${example.object.version - 1} is not the current version ${example.object.version}`,
            details: { current: example.object },
          },
        }),
      },
      "422": response("Unprocessable"),
      ...COMMON_ERRORS,
    },
  };
  const remove = {
    operationId: `delete${entity}`,
    tags,
    summary: `Delete a ${singular}`,
    description:
      "The sync worker does not call this today: it archives instead (PATCH active=false, or status cancelled for orders).",
    responses: { "204": { description: "Deleted." }, "404": response("NotFound"), ...COMMON_ERRORS },
  };
  return {
    [`/${resource}`]: { get: list, post: create },
    [`/${resource}/{id}`]: { parameters: [param("Id")], get, patch, delete: remove },
  };
}

export function lookupParameterName(field: string): string {
  return `Lookup_${field}`;
}

export function componentParameters(): Record<string, Json> {
  return {
    Id: { name: "id", in: "path", required: true, schema: { type: "string", minLength: 1, maxLength: 255 } },
    Cursor: {
      name: "cursor",
      in: "query",
      description: "Opaque; the next_cursor of an earlier page. It encodes the last (updated_at, id) answered.",
      schema: { type: "string", minLength: 1 },
    },
    Limit: {
      name: "limit",
      in: "query",
      description: "Page size, 1 to 500 (default 100). Outside that range: 400.",
      schema: { type: "integer", minimum: 1, maximum: 500, default: 100 },
    },
    UpdatedAfter: {
      name: "updated_after",
      in: "query",
      description:
        "Start the feed just after this time (exclusive): records with a later updated_at. Not with cursor (400).",
      schema: schema("Timestamp"),
      example: "2026-11-26T12:00:00.000Z",
    },
    ExternalId: {
      name: "external_id",
      in: "query",
      description:
        "`<key>:<value>`, split at the first colon: records whose external_ids has exactly that key with exactly that value.",
      schema: { type: "string", pattern: "^[a-z][a-z0-9_]{0,63}:.+$" },
      example: "poweroffice_customer:7561234",
    },
    ...Object.fromEntries(
      Object.entries(LOOKUP_PARAMETERS).map(([field, parameter]) => [lookupParameterName(field), parameter]),
    ),
    IdempotencyKey: {
      name: "Idempotency-Key",
      in: "header",
      required: true,
      description: "Required on every POST; 1-255 characters, scoped to the API token and the resource.",
      schema: { type: "string", minLength: 1, maxLength: 255 },
      example: "po-product-4410087",
    },
    IfMatch: {
      name: "If-Match",
      in: "header",
      description: 'The version the change is based on, e.g. `3` (a quoted `"3"` is accepted too).',
      schema: { type: "string", pattern: '^(\\d+|"\\d+")$' },
      example: "6",
    },
  };
}

export function componentResponses(): Record<string, Json> {
  const error = (description: string, ...names: (keyof typeof errorExamples)[]) => ({
    description,
    content: {
      "application/json": {
        schema: schema("ErrorBody"),
        examples: Object.fromEntries(names.map((name) => [name, { value: errorExamples[name] }])),
      },
    },
  });
  return {
    BadRequest: error(
      "Validation failed: a malformed or unknown query parameter or body field, bad JSON, a missing Idempotency-Key.",
      "validation_failed",
      "unknown_parameter",
      "unknown_field",
    ),
    Unauthorized: error("The bearer token is missing or wrong.", "unauthorized"),
    Forbidden: error("The token is valid but may not do this.", "forbidden"),
    NotFound: error("No record with this id.", "not_found"),
    Conflict: error(
      "A unique value is taken (duplicate, details.existing_id names the record) or the Idempotency-Key was used with another body (idempotency_mismatch).",
      "duplicate",
      "idempotency_mismatch",
    ),
    Unprocessable: error("Well-formed but not possible, e.g. an order for an unknown customer_id.", "unprocessable"),
    TooManyRequests: {
      ...error("Throttled: wait Retry-After seconds.", "rate_limited"),
      headers: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
    },
    ServerError: error("The shop failed; the worker retries (with the same Idempotency-Key for a POST).", "internal"),
  };
}
