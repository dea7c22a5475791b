/** The webshop Product, synced with PowerOffice Products; `sku` ↔ PowerOffice `Code` is the match key. */
import * as v from "valibot";
import { ExternalIds, ExternalIdsPatch, Meta, Money, optional, Text } from "./common.js";

export const PRODUCT_TYPES = ["product", "service"] as const;

const productFields = {
  sku: v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(100)),
  name: v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(255)),
  description: Text(4000),
  type: v.picklist(PRODUCT_TYPES),
  price: Money,
  cost_price: v.nullable(Money),
  gtin: Text(14),
  unit: Text(10),
  stock_quantity: v.nullable(v.number()),
  active: v.boolean(),
};

export const Product = v.object({ ...Meta, ...productFields });
export type Product = v.InferOutput<typeof Product>;

export const ProductCreate = v.strictObject({
  ...optional(productFields),
  sku: productFields.sku,
  name: productFields.name,
  price: productFields.price,
  external_ids: v.optional(ExternalIds),
});
export type ProductCreate = v.InferOutput<typeof ProductCreate>;

export const ProductPatch = v.strictObject({ ...optional(productFields), external_ids: v.optional(ExternalIdsPatch) });
export type ProductPatch = v.InferOutput<typeof ProductPatch>;
