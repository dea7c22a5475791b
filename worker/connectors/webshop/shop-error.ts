/** Reads the contract's error body and turns a non-2xx answer into a typed error with words an admin can act on. */
import * as v from "valibot";
import { ErrorBody, type Resource } from "../../../shared/webshop";
import { ENTITY, type WebshopError } from "./errors";

/** The shop's `error` object; `raw` holds the body (cut short) when it is not the contract's shape. */
export interface ShopError {
  code?: string;
  message?: string;
  details?: Record<string, unknown>;
  raw?: string;
}

const RAW_LIMIT = 300;

export function readShopError(body: string): ShopError | undefined {
  if (!body.trim()) return undefined;
  try {
    const parsed = v.safeParse(ErrorBody, JSON.parse(body));
    if (parsed.success) return parsed.output.error;
  } catch {
    // Not JSON: a proxy's HTML page or plain text; kept raw below.
  }
  return { raw: body.length > RAW_LIMIT ? `${body.slice(0, RAW_LIMIT)}...` : body };
}

function said(shopError: ShopError | undefined): string {
  const text = (shopError?.message ?? shopError?.raw ?? "").trim().replace(/[.\s]+$/, "");
  return text ? `: ${text}` : "";
}

export interface StatusContext {
  operation: string;
  resource: Resource;
  id?: string;
}

/**
 * The error for a non-2xx answer. 412 and 409 idempotency_mismatch are built by the callers that know what they
 * sent (update, create); here they fall back to `conflict`/`rejected` like any other 4xx.
 */
export function errorForStatus(status: number, shopError: ShopError | undefined, ctx: StatusContext): WebshopError {
  const { operation, resource, id } = ctx;
  const entity = ENTITY[resource];
  // A list request (feed, lookup) is about the resource, not one record.
  const record = id ? `${entity} ${id}` : operation.startsWith("GET") ? `the ${resource} request` : `the ${entity}`;
  const their = said(shopError);
  if (status === 401 || status === 403) {
    const why =
      status === 401 ? "did not accept the API token" : "accepted the API token but refused it access to this resource";
    return {
      kind: "unauthorized",
      operation,
      status,
      shopError,
      message: `The webshop ${why} (HTTP ${status} on ${operation})${their}. Check WEBSHOP_API_TOKEN: it must be the bearer token the webshop's sync API accepts, with access to customers, products and orders.`,
    };
  }
  if (status === 404) {
    return {
      kind: "not-found",
      operation,
      resource,
      id: id ?? "",
      shopError,
      message: `The webshop has no ${id ? record : entity} (${operation})${their}. It may have been deleted in the shop.`,
    };
  }
  if (status === 409 && shopError?.code === "duplicate") {
    const existingId = existingIdFrom(shopError);
    return {
      kind: "duplicate",
      operation,
      resource,
      existingId,
      shopError,
      message: `The webshop already has ${existingId ? `${entity} ${existingId}` : `a ${entity}`} with the same unique value${their}. Link the existing ${entity} instead of creating a new one.`,
    };
  }
  if (status === 409) {
    return {
      kind: "conflict",
      operation,
      resource,
      id,
      shopError,
      message: `The webshop refused to change ${record} because of a conflict${their} (${operation}).`,
    };
  }
  if (status === 429) {
    return {
      kind: "rate-limited",
      operation,
      retryAfterMs: 0,
      message: `The webshop kept throttling requests (429 on ${operation}); the sync will try again later.`,
    };
  }
  if (status >= 500) {
    return {
      kind: "server",
      operation,
      status,
      shopError,
      message: `The webshop failed with HTTP ${status} on ${operation}${their}. This is on the shop's side; the sync will try again.`,
    };
  }
  return {
    kind: "rejected",
    operation,
    resource,
    id,
    status,
    shopError,
    message: `The webshop refused ${record}${their || ` (HTTP ${status})`}${fieldsOf(shopError)} (${operation}).`,
  };
}

/** The id of the record a 409 duplicate names; the contract leaves the details key open, so common ones are read. */
export function existingIdFrom(shopError: ShopError | undefined): string | undefined {
  const details = shopError?.details;
  if (!details) return undefined;
  for (const key of ["existing_id", "id", "existing"]) {
    const value = details[key];
    if (typeof value === "string" && value) return value;
    if (value && typeof value === "object" && typeof (value as { id?: unknown }).id === "string") {
      return (value as { id: string }).id;
    }
  }
  return undefined;
}

/** A validation error's field names, when the shop lists them in details (e.g. {field: "price"} or {fields: {...}}). */
function fieldsOf(shopError: ShopError | undefined): string {
  const details = shopError?.details;
  if (!details) return "";
  // The published contract's 400s carry `details.fields` (field → problem); other shops may name one field.
  const fields = details.fields;
  if (fields && typeof fields === "object" && !Array.isArray(fields)) {
    const parts = Object.entries(fields).map(([name, problem]) => `${name}: ${String(problem)}`);
    if (parts.length > 0) return ` [${parts.join("; ")}]`;
  }
  const field = details.field ?? details.path;
  if (typeof field === "string" && !shopError?.message?.includes(field)) return ` [${field}]`;
  return "";
}
