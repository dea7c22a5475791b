/**
 * What the generic operations need to know about one resource: its input schemas, how a create or a merge patch
 * becomes the record's new content (with the resource's own rules), and its lookup fields.
 */
import type * as v from "valibot";
import type { Result } from "../core/failure";
import type { Resource, ResourceTypes } from "../types";
import type { Lookup } from "./lookups";
import type { Content, ShopState } from "./state";

export interface ResourceModel<R extends Resource = Resource> {
  resource: R;
  createSchema: v.GenericSchema;
  patchSchema: v.GenericSchema;
  /** Content of a new record from a validated create body (defaults filled, derived fields computed). */
  create(state: ShopState, input: Record<string, unknown>): Result<Content<ResourceTypes[R]>>;
  /** Content after a validated merge patch; `current` is the stored record. */
  patch(state: ShopState, current: ResourceTypes[R], patch: Record<string, unknown>): Result<Content<ResourceTypes[R]>>;
  /** Query parameters that filter this resource's list, besides external_id. */
  lookups: Record<string, Lookup<ResourceTypes[R]>>;
}

/** In a merge patch `external_ids` merges key by key and a null value removes the key (RFC 7396 on one level). */
export function mergeExternalIds(
  current: Record<string, string>,
  patch: Record<string, string | null> | undefined,
): Record<string, string> {
  if (!patch) return { ...current };
  const merged: Record<string, string> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

/**
 * Top-level merge patch: every member given replaces the stored one (null included, where the schema allowed it).
 * Nested objects other than external_ids (billing_address) are replaced whole, as the contract's schemas say.
 */
export function applyMembers<T extends object>(current: T, patch: Record<string, unknown>, special: string[]): T {
  const next = { ...current } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || special.includes(key)) continue;
    next[key] = value;
  }
  return next as T;
}

/** Keeps the keys of `template` in their order (the JSON the shop writes always lists fields the same way). */
export function ordered<T extends object>(template: T, values: T): T {
  return Object.fromEntries(Object.keys(template).map((k) => [k, (values as Record<string, unknown>)[k]])) as T;
}
