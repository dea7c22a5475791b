/** The expected failures of the PowerOffice client, as values, each with a message an admin can act on. */
import { type Result as ConnectorResult, ok } from "../http-exchange";
import type { Problem } from "./problem";
import { problemText } from "./problem";

/** What a record is called in messages. */
export type EntityName = "customer" | "department" | "product" | "sales order" | "sales order line" | "access token";

interface Base {
  /** One or two sentences for the admin: what happened and what to do. */
  message: string;
  /** e.g. "POST /Customers", for the activity log. */
  operation: string;
}

export type PowerOfficeError =
  /** No answer (fetch failed or timed out) even after retries. A create may still have happened. */
  | (Base & { kind: "network"; timedOut: boolean; cause: string })
  /** 5xx after the retries (none for creates, which are resolved by reference instead). */
  | (Base & { kind: "server"; status: number; problem?: Problem })
  /** Still 429 after the retries, or told to wait longer than a run can. */
  | (Base & { kind: "rate-limited"; retryAfterMs: number })
  /** The token endpoint refused the keys (invalid_client, wrong environment, wrong subscription key). */
  | (Base & { kind: "auth-failed"; status: number; problem?: Problem })
  /** The API answered 401 even to a freshly issued token. */
  | (Base & { kind: "unauthorized"; problem?: Problem })
  /** 403: the integration lacks a privilege. */
  | (Base & { kind: "forbidden"; problem?: Problem })
  | (Base & { kind: "not-found"; entity: EntityName; id: string; problem?: Problem })
  /** A linked sales order answered 404: it was invoiced (it left /SalesOrders) or deleted in PowerOffice. */
  | (Base & { kind: "order-gone"; orderId: string })
  /** 409: the record is in use (e.g. a customer with transactions). */
  | (Base & { kind: "conflict"; entity: EntityName; id?: string; problem?: Problem })
  /** Any other 4xx: PowerOffice refused the request, usually a validation error in `problem`. */
  | (Base & { kind: "rejected"; entity: EntityName; status: number; problem?: Problem })
  /** An answer that does not match what we read from it. */
  | (Base & { kind: "unexpected-response"; entity: EntityName; id?: string; path: string; value: unknown })
  /** The caller asked for something the API cannot do (e.g. a read-only field in a patch). */
  | (Base & { kind: "invalid-input"; entity: EntityName; field: string; value: unknown });

export type PowerOfficeErrorKind = PowerOfficeError["kind"];

export type Result<T> = ConnectorResult<T, PowerOfficeError>;

export { ok };
/** Typed by the union, so that an error written in place is checked against it. */
export const fail = <T = never>(error: PowerOfficeError): Result<T> => ({ ok: false, error });

/** True when the request may have been carried out even though we never saw the answer. */
export function mayHaveHappened(error: PowerOfficeError): boolean {
  return error.kind === "network" || error.kind === "server";
}

/** Builds the error for a non-2xx answer of the API (not the token endpoint). */
export function errorForStatus(
  status: number,
  problem: Problem | undefined,
  ctx: { operation: string; entity: EntityName; id?: string },
): PowerOfficeError {
  const { operation, entity, id } = ctx;
  // PowerOffice's sentences end with a period; ours add their own.
  const said = problemText(problem)?.replace(/[.\s]+$/, "");
  const their = said ? `: ${said}` : "";
  const record = id ? `${entity} ${id}` : `the ${entity}`;
  if (status === 401) {
    return {
      kind: "unauthorized",
      operation,
      problem,
      message: `PowerOffice refused a freshly issued access token (${operation})${their}. The client key may have been revoked: check that the integration is still enabled under Settings → Extensions.`,
    };
  }
  if (status === 403) {
    return {
      kind: "forbidden",
      operation,
      problem,
      message: `PowerOffice denied access to ${entity} data (${operation})${their}. Give the integration the missing privilege in PowerOffice (Settings → Extensions).`,
    };
  }
  if (status === 404) {
    return {
      kind: "not-found",
      operation,
      entity,
      id: id ?? "",
      problem,
      message: `PowerOffice has no ${id ? record : entity} at ${operation}${their}. It may have been deleted there.`,
    };
  }
  if (status === 409) {
    return {
      kind: "conflict",
      operation,
      entity,
      id,
      problem,
      message: `PowerOffice refused to change ${record} because it is in use${their}.`,
    };
  }
  if (status === 429) {
    return {
      kind: "rate-limited",
      operation,
      retryAfterMs: 1000,
      message: `PowerOffice kept throttling requests (429 on ${operation}); the sync will try again later.`,
    };
  }
  if (status >= 500) {
    return {
      kind: "server",
      operation,
      status,
      problem,
      message: `PowerOffice failed with HTTP ${status} on ${operation}${their}. This is on PowerOffice's side; the sync will try again.`,
    };
  }
  return {
    kind: "rejected",
    operation,
    entity,
    status,
    problem,
    message: `PowerOffice refused the ${entity}${id ? ` ${id}` : ""}${their || ` (HTTP ${status} on ${operation})`}.`,
  };
}

export function invalidInput(entity: EntityName, field: string, value: unknown, why: string): PowerOfficeError {
  return {
    kind: "invalid-input",
    operation: "none (not sent)",
    entity,
    field,
    value,
    message: `Cannot send the ${entity} to PowerOffice: ${field} ${why}.`,
  };
}
