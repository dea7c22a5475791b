/** The expected failures of the webshop client, as values, each with a message an admin can act on. */
import type { Resource } from "../../../shared/webshop";
import { type Result as ConnectorResult, ok } from "../http-exchange";
import type { WebshopRecord } from "./resources";
import type { ShopError } from "./shop-error";

/** What a record of each resource is called in messages. */
export const ENTITY = { customers: "customer", products: "product", orders: "order" } as const;
export type EntityName = (typeof ENTITY)[Resource];

/** Contract rules a shop can break in ways that would lose or duplicate data if the client carried on. */
export type ContractRule =
  /** A feed page (or the next page) is not sorted by (updated_at, id) ascending. */
  | "feed-order"
  /** has_more is true but next_cursor did not move: reading on would loop forever. */
  | "cursor-stalled"
  /** A lookup answered records that do not match the filter (the shop ignored it). */
  | "lookup-filter-ignored"
  /** A PATCH with If-Match was applied on top of a newer version instead of answering 412. */
  | "if-match-ignored"
  /** A record answered for one id carries another id. */
  | "wrong-record"
  /** A create re-sent with the same Idempotency-Key made a second record. */
  | "idempotency-key-ignored";

interface Base {
  /** One or two sentences for the admin: what happened and what to do. */
  message: string;
  /** e.g. "POST /customers", for the activity log. */
  operation: string;
}

export type WebshopError =
  /** No answer (fetch failed or timed out) even after the retries. A create may still have happened. */
  | (Base & { kind: "network"; timedOut: boolean; cause: string })
  /** 5xx after the retries. */
  | (Base & { kind: "server"; status: number; shopError?: ShopError })
  /** Still 429 after the retries, or told to wait longer than a run can. */
  | (Base & { kind: "rate-limited"; retryAfterMs: number })
  /** 401 or 403: WEBSHOP_API_TOKEN is wrong, missing or lacks rights. */
  | (Base & { kind: "unauthorized"; status: number; shopError?: ShopError })
  /** 404 on a record: for the engine, deleted in the shop. */
  | (Base & { kind: "not-found"; resource: Resource; id: string; shopError?: ShopError })
  /** 412: the record changed since it was read. `current` is the shop's version (null if the shop did not send it). */
  | (Base & {
      kind: "version-conflict";
      resource: Resource;
      id: string;
      sentVersion: number;
      current: WebshopRecord | null;
    })
  /** 409 idempotency_mismatch: the key was used before with another body. The engine must re-plan. */
  | (Base & { kind: "idempotency-mismatch"; resource: Resource; idempotencyKey: string; shopError?: ShopError })
  /** 409 duplicate: a unique field (sku, order_number, ...) is taken; `existingId` when the shop names the record. */
  | (Base & { kind: "duplicate"; resource: Resource; existingId?: string; shopError?: ShopError })
  /** Any other 409. */
  | (Base & { kind: "conflict"; resource: Resource; id?: string; shopError?: ShopError })
  /** Any other 4xx (400 validation, 422 semantic, ...): the shop refused the request. */
  | (Base & { kind: "rejected"; resource: Resource; id?: string; status: number; shopError?: ShopError })
  /** An answer that does not match the contract's schemas. */
  | (Base & { kind: "unexpected-response"; resource: Resource; id?: string; path: string; value: unknown })
  /** The shop broke a rule of the contract the sync relies on; carrying on would lose or duplicate data. */
  | (Base & { kind: "contract-violation"; resource: Resource; rule: ContractRule; id?: string; detail: unknown })
  /** The caller asked for something the contract does not allow; nothing was sent. */
  | (Base & { kind: "invalid-input"; resource: Resource; field: string; value: unknown });

export type WebshopErrorKind = WebshopError["kind"];

export type Result<T> = ConnectorResult<T, WebshopError>;

export { ok };
/** Typed by the union, so that an error written in place is checked against it. */
export const fail = <T = never>(error: WebshopError): Result<T> => ({ ok: false, error });

/** Shown values are cut short: messages go to an activity log, not a dump. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function invalidInput(resource: Resource, field: string, value: unknown, why: string): WebshopError {
  return {
    kind: "invalid-input",
    operation: "none (not sent)",
    resource,
    field,
    value,
    message: `Cannot send the ${ENTITY[resource]} to the webshop: ${field} ${show(value)} ${why}.`,
  };
}

export function contractViolation(
  resource: Resource,
  operation: string,
  rule: ContractRule,
  what: string,
  detail: unknown,
  id?: string,
): WebshopError {
  return {
    kind: "contract-violation",
    operation,
    resource,
    rule,
    id,
    detail,
    message: `The webshop broke its sync contract (${rule}) on ${operation}: ${what}. Nothing was synced from this answer; the shop's developer must fix this (see the webshop contract).`,
  };
}
