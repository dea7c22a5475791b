/**
 * Deterministic create keys (docs/sync-engine.md, "Idempotent creates"): the same record always yields the same key,
 * so a create repeated after a crash finds the record instead of making a second one.
 */
import { base32, sha256 } from "./sha256";
import type { DataflowId, Side } from "./types";
import { text } from "./values";

/** PowerOffice keeps at most 50 characters of an ExternalImportReference. */
export const MAX_REFERENCE_LENGTH = 50;

const PREFIX = { customers: "ws-c-", orders: "ws-o-" } as const;

/** `prefix + id`, or `prefix + "h-" + 40 base32 characters of SHA-256(id)` when that would pass 50 characters. */
export function shopReference(prefix: string, shopId: string): string {
  const plain = prefix + shopId;
  if (plain.length <= MAX_REFERENCE_LENGTH) return plain;
  return `${prefix}h-${base32(sha256(shopId)).slice(0, 40)}`;
}

/** A PowerOffice line's ExternalImportReference for the shop line it is created from (unique within the order). */
export const lineReference = (shopLineId: string): string => shopReference("ws-l-", shopLineId);

/**
 * The key a create into `targetSide` is sent with, for the record `sourceId` (raw: the source record):
 * - into PowerOffice: customers and orders `ws-c-<id>` / `ws-o-<id>` (ExternalImportReference); products and
 *   departments their Code, taken from the shop's sku / department_code (trimmed) — null-safe: "" when missing;
 * - into the shop: the Idempotency-Key `po-<dataflow>-<PowerOffice id>`.
 */
export function createReference(dataflow: DataflowId, targetSide: Side, sourceId: string, raw: unknown): string {
  if (targetSide === "webshop") return `po-${dataflow}-${sourceId}`;
  if (dataflow === "customers" || dataflow === "orders") return shopReference(PREFIX[dataflow], sourceId);
  const record = (raw ?? {}) as Record<string, unknown>;
  return text(dataflow === "products" ? record.sku : record.department_code) ?? "";
}
