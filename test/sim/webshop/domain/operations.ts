/**
 * The shop's operations on any resource, shared by the HTTP API and the admin helpers: validate the input with the
 * contract's schemas, apply the resource's rules, check If-Match, and write through the state's single write path.
 */
import * as v from "valibot";
import { fail, ok, type Result } from "../core/failure";
import { fieldProblems } from "../core/issues";
import { unknownFieldPaths } from "../core/unknown-fields";
import type { Resource, ResourceTypes } from "../types";
import { customerModel } from "./customers";
import type { ResourceModel } from "./model";
import { orderModel } from "./orders";
import { productModel } from "./products";
import type { ShopState } from "./state";

export const MODELS: { [R in Resource]: ResourceModel<R> } = {
  customers: customerModel,
  products: productModel,
  orders: orderModel,
};

/** `If-Match` as parsed: a version number, or "*" (any current version). */
export type Precondition = number | "*" | undefined;

export function createRecord<R extends Resource>(
  state: ShopState,
  resource: R,
  body: unknown,
): Result<ResourceTypes[R]> {
  const model = MODELS[resource] as ResourceModel<R>;
  const input = validate(model.createSchema, body, "body");
  if (!input.ok) return input;
  const content = model.create(state, input.value);
  return content.ok ? ok(state.create(resource, content.value)) : content;
}

export function patchRecord<R extends Resource>(
  state: ShopState,
  resource: R,
  id: string,
  body: unknown,
  precondition: Precondition,
): Result<{ record: ResourceTypes[R]; changed: boolean }> {
  const model = MODELS[resource] as ResourceModel<R>;
  const current = state.get(resource, id);
  if (!current) return fail({ reason: "not_found", resource, id });
  const patch = validate(model.patchSchema, body, "merge patch");
  if (!patch.ok) return patch;
  if (typeof precondition === "number" && precondition !== current.version) {
    return fail({ reason: "version_mismatch", expected: precondition, current });
  }
  const content = model.patch(state, current, patch.value);
  return content.ok ? ok(state.update(resource, current, content.value)) : content;
}

export function deleteRecord(state: ShopState, resource: Resource, id: string, precondition: Precondition) {
  const current = state.get(resource, id);
  if (!current) return fail({ reason: "not_found", resource, id });
  if (typeof precondition === "number" && precondition !== current.version) {
    return fail({ reason: "version_mismatch", expected: precondition, current });
  }
  state.delete(resource, current);
  return ok(current);
}

function validate(schema: v.GenericSchema, body: unknown, what: string): Result<Record<string, unknown>> {
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return ok(parsed.output as Record<string, unknown>);
  return fail({ reason: "invalid", what, fields: fieldProblems(parsed.issues, unknownFieldPaths(body, schema)) });
}
