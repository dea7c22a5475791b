/** The paths of the webshop contract (docs/webshop-api.md §3–8): feed, lookups, read, create, merge patch, delete. */
import type { Resource } from "../../shared/webshop";
import { examples } from "./examples";
import { lookupParameterName } from "./openapi-components";

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
