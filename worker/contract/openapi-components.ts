/** The shared parts the paths point at: query and header parameters, and the error responses with examples. */
import { errorExamples } from "./examples";

type Json = Record<string, unknown>;

const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** The match fields' query parameters; which resource accepts which is RESOURCE_SPEC in openapi-paths.ts. */
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
