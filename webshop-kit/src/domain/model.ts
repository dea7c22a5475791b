/**
 * What the generic operations need to know about one resource: its input schemas, and how a create or a merge patch
 * becomes the record's new content (defaults, derived fields and the resource's own rules, with the reads they need).
 */
import type * as v from "valibot";
import type { RecordContent, Resource, StoredRecord } from "../adapter.js";
import type { Result } from "../core/failure.js";
import type { Op } from "./steps.js";

export interface BuildContext {
  /** The shop's clock (ms): an order's default date. */
  now: number;
}

export interface ResourceModel {
  resource: Resource;
  createSchema: v.GenericSchema;
  patchSchema: v.GenericSchema;
  /** Content of a new record from a validated create body (defaults filled, derived fields computed). */
  create(input: Record<string, unknown>, context: BuildContext): Op<Result<RecordContent>>;
  /** Content after a validated merge patch; `current` is the stored record. */
  patch(current: StoredRecord, patch: Record<string, unknown>, context: BuildContext): Op<Result<RecordContent>>;
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

/** The stored content of a record: everything but the meta fields the adapter owns. */
export function contentOf(record: StoredRecord): RecordContent {
  const { id: _id, version: _version, created_at: _created, updated_at: _updated, ...content } = record;
  return content;
}
