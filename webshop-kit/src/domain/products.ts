/** Products: `sku` is unique in the shop, compared trimmed and case-insensitively (409 naming the holder). */
import type { RecordContent, StoredRecord } from "../adapter.js";
import type { Product } from "../contract/product.js";
import { ProductCreate, ProductPatch } from "../contract/product.js";
import { fail, ok, type Result } from "../core/failure.js";
import { parseLookup } from "./keys.js";
import { applyMembers, contentOf, mergeExternalIds, ordered, type ResourceModel } from "./model.js";
import { findOne, type Op } from "./steps.js";

type ProductContent = Omit<Product, "id" | "version" | "created_at" | "updated_at">;

export const PRODUCT_TEMPLATE: ProductContent = {
  sku: "",
  name: "",
  description: null,
  type: "product",
  price: "0.00",
  cost_price: null,
  gtin: null,
  unit: null,
  stock_quantity: null,
  active: true,
  external_ids: {},
};

export const productModel: ResourceModel = {
  resource: "products",
  createSchema: ProductCreate,
  patchSchema: ProductPatch,
  create: (input) => build(undefined, PRODUCT_TEMPLATE, input),
  patch: (current, patch) => build(current.id, contentOf(current) as ProductContent, patch),
};

function* build(
  id: string | undefined,
  base: ProductContent,
  input: Record<string, unknown>,
): Op<Result<RecordContent>> {
  const next = applyMembers(base, input, ["external_ids"]);
  next.external_ids = mergeExternalIds(base.external_ids, input.external_ids as Record<string, string | null>);
  const holder = yield* findBySku(next.sku);
  if (holder && holder.id !== id) {
    return fail({ reason: "duplicate", resource: "products", field: "sku", value: next.sku, existingId: holder.id });
  }
  return ok(ordered(PRODUCT_TEMPLATE, next));
}

/** The product holding `sku` (trimmed, case-insensitive), if any. */
export function* findBySku(sku: string): Op<StoredRecord | null> {
  const parsed = parseLookup("sku", sku);
  return "lookup" in parsed ? yield* findOne("products", parsed.lookup) : null;
}
