/**
 * The shop's operations on any resource, shared by the HTTP API and a shop's own admin code: validate the input with
 * the contract's schemas, apply the resource's rules, check If-Match, and write through the adapter's one
 * compare-and-set. A write that finds the record changed meanwhile is re-applied to the new version (a merge patch
 * without If-Match is "last writer wins" per field); with If-Match it is a 412, as the contract asks.
 */
import * as v from "valibot";
import type { RecordContent, Resource, StoredRecord, WriteResult } from "../adapter.js";
import { sameData } from "../core/canonical-json.js";
import { fail, ok, type Result } from "../core/failure.js";
import { fieldProblems } from "../core/issues.js";
import { unknownFieldPaths } from "../core/unknown-fields.js";
import { customerModel } from "./customers.js";
import { recordKeys } from "./keys.js";
import { contentOf, type ResourceModel } from "./model.js";
import { orderModel } from "./orders.js";
import { productModel } from "./products.js";
import { get, newId, type Op, write } from "./steps.js";

export const MODELS: Record<Resource, ResourceModel> = {
  customers: customerModel,
  products: productModel,
  orders: orderModel,
};

/** `If-Match` as parsed: a version number, or "*" (any current version). */
export type Precondition = number | "*" | undefined;

/** How often a write that lost a race is re-applied before the shop answers 500 (a storm no real shop sees). */
const MAX_ATTEMPTS = 10;

export function* createRecord(resource: Resource, body: unknown, now: number): Op<Result<StoredRecord>> {
  const model = MODELS[resource];
  const input = validate(model.createSchema, body, "body");
  if (!input.ok) return input;
  for (let attempt = 1; ; attempt++) {
    const content = yield* model.create(input.value, { now });
    if (!content.ok) return content;
    const id = yield* newId(resource);
    const result = yield* write({
      resource,
      kind: "created",
      id,
      expectedVersion: null,
      content: content.value,
      keys: recordKeys(resource, content.value),
      now,
    });
    // A version conflict on a create is an id drawn twice: draw again.
    if (result.ok || result.reason === "duplicate" || attempt >= MAX_ATTEMPTS)
      return written(resource, result, content.value);
  }
}

export function* patchRecord(
  resource: Resource,
  id: string,
  body: unknown,
  precondition: Precondition,
  now: number,
): Op<Result<{ record: StoredRecord; changed: boolean }>> {
  const model = MODELS[resource];
  const found = yield* get(resource, id);
  if (!found) return fail({ reason: "not_found", resource, id });
  let current: StoredRecord = found;
  const patch = validate(model.patchSchema, body, "merge patch");
  if (!patch.ok) return patch;
  for (let attempt = 1; ; attempt++) {
    if (typeof precondition === "number" && precondition !== current.version) {
      return fail({ reason: "version_mismatch", expected: precondition, current });
    }
    const content = yield* model.patch(current, patch.value, { now });
    if (!content.ok) return content;
    // The same content again keeps version and updated_at: no change, no event (the sync's echo check needs that).
    if (sameData(contentOf(current), content.value)) return ok({ record: current, changed: false });
    const keys = recordKeys(resource, content.value);
    const result: WriteResult = yield* write({
      resource,
      kind: "updated",
      id,
      expectedVersion: current.version,
      content: content.value,
      keys,
      now,
    });
    if (result.ok || result.reason === "duplicate" || attempt >= MAX_ATTEMPTS) {
      const outcome = written(resource, result, content.value);
      return outcome.ok ? ok({ record: outcome.value, changed: true }) : outcome;
    }
    if (!result.current) return fail({ reason: "not_found", resource, id });
    current = result.current;
  }
}

export function* deleteRecord(
  resource: Resource,
  id: string,
  precondition: Precondition,
  now: number,
): Op<Result<StoredRecord>> {
  let current = yield* get(resource, id);
  for (let attempt = 1; ; attempt++) {
    if (!current) return fail({ reason: "not_found", resource, id });
    if (typeof precondition === "number" && precondition !== current.version) {
      return fail({ reason: "version_mismatch", expected: precondition, current });
    }
    const content = contentOf(current);
    const result = yield* write({
      resource,
      kind: "deleted",
      id,
      expectedVersion: current.version,
      content,
      keys: recordKeys(resource, content),
      now,
    });
    if (result.ok || result.reason === "duplicate" || attempt >= MAX_ATTEMPTS) {
      return result.ok ? ok(current) : written(resource, result, content);
    }
    current = result.current;
  }
}

/** The adapter's answer as the operation's result. */
function written(resource: Resource, result: WriteResult, content: RecordContent): Result<StoredRecord> {
  if (result.ok) return ok(result.record);
  if (result.reason === "duplicate") {
    const value = String(content[result.field] ?? "");
    return fail({ reason: "duplicate", resource, field: result.field, value, existingId: result.holder });
  }
  throw new Error(`the ${resource} record kept changing while it was written (${MAX_ATTEMPTS} attempts); try again`);
}

function validate(schema: v.GenericSchema, body: unknown, what: string): Result<Record<string, unknown>> {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return ok(parsed.output as Record<string, unknown>);
  return fail({ reason: "invalid", what, fields: fieldProblems(parsed.issues, unknownFieldPaths(body, schema)) });
}
