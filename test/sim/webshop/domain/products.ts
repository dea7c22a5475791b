/** Products: `sku` is unique in the shop, compared trimmed and case-insensitively (409 naming the holder). */
import { ProductCreate, ProductPatch } from "../../../../shared/webshop";
import { fail, ok, type Result } from "../core/failure";
import type { Product } from "../types";
import { foldedLookup } from "./lookups";
import { applyMembers, mergeExternalIds, ordered, type ResourceModel } from "./model";
import type { Content, ShopState } from "./state";

type ProductContent = Content<Product>;

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

export const productModel: ResourceModel<"products"> = {
  resource: "products",
  createSchema: ProductCreate,
  patchSchema: ProductPatch,
  create: (state, input) => build(state, undefined, PRODUCT_TEMPLATE, input),
  patch: (state, current, patch) => build(state, current.id, current, patch),
  lookups: { sku: foldedLookup((p) => p.sku) },
};

export function build(
  state: ShopState,
  id: string | undefined,
  base: ProductContent,
  input: Record<string, unknown>,
): Result<ProductContent> {
  const next = applyMembers(base, input, ["external_ids"]);
  next.external_ids = mergeExternalIds(base.external_ids, input.external_ids as Record<string, string | null>);
  const holder = findBySku(state, next.sku);
  if (holder && holder.id !== id) {
    return fail({ reason: "duplicate", resource: "products", field: "sku", value: next.sku, existingId: holder.id });
  }
  return ok(ordered(PRODUCT_TEMPLATE, next));
}

export function findBySku(state: ShopState, sku: string): Product | undefined {
  const wanted = sku.trim().toLowerCase();
  return state.values("products").find((p) => p.sku.trim().toLowerCase() === wanted);
}
