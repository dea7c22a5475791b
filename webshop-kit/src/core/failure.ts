/**
 * The shop's expected failures as values: each operation answers a record or one of these, and the HTTP layer turns
 * them into the contract's error envelope with one exhaustive switch (api/errors.ts).
 */
import type { Resource, StoredRecord } from "../adapter.js";

/** Field path (e.g. `lines[0].quantity`, or `body` for the whole input) → what is wrong with it. */
export type FieldProblems = Record<string, string>;

export type Failure =
  | { reason: "invalid"; what: string; fields: FieldProblems }
  | { reason: "not_found"; resource: Resource; id: string }
  | { reason: "duplicate"; resource: Resource; field: string; value: string; existingId: string }
  | { reason: "unprocessable"; fields: FieldProblems }
  | { reason: "version_mismatch"; expected: number; current: StoredRecord };

export type Result<T> = { ok: true; value: T } | { ok: false; failure: Failure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(failure: Failure): Result<T> => ({ ok: false, failure });

/** "field: problem; field: problem", for messages and thrown admin errors. */
export function describeFields(fields: FieldProblems): string {
  return Object.entries(fields)
    .map(([field, problem]) => `${field}: ${problem}`)
    .join("; ");
}

/** One line saying what went wrong, used as the error message and by the admin helpers when they throw. */
export function describeFailure(failure: Failure): string {
  switch (failure.reason) {
    case "invalid":
      return `Invalid ${failure.what}: ${describeFields(failure.fields)}`;
    case "not_found":
      return `No ${SINGULAR[failure.resource]} with id '${failure.id}'`;
    case "duplicate":
      return `A ${SINGULAR[failure.resource]} with ${failure.field} '${failure.value}' already exists (id ${failure.existingId})`;
    case "unprocessable":
      return `The change cannot be applied: ${describeFields(failure.fields)}`;
    case "version_mismatch":
      return `Version mismatch: If-Match asked for version ${failure.expected}, the current version is ${failure.current.version}`;
  }
}

export const SINGULAR = { customers: "customer", products: "product", orders: "order" } as const satisfies Record<
  Resource,
  string
>;
