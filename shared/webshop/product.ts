/** The webshop Product, synced with PowerOffice Products; `sku` ↔ PowerOffice `Code` is the match key. */
import * as v from "valibot";
import { ExternalIds, Meta, Money, Text } from "./common";

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
  sku: productFields.sku,
  name: productFields.name,
  description: v.optional(productFields.description),
  type: v.optional(productFields.type),
  price: productFields.price,
  cost_price: v.optional(productFields.cost_price),
  gtin: v.optional(productFields.gtin),
  unit: v.optional(productFields.unit),
  stock_quantity: v.optional(productFields.stock_quantity),
  active: v.optional(productFields.active),
  external_ids: v.optional(ExternalIds),
});
export type ProductCreate = v.InferOutput<typeof ProductCreate>;

export const ProductPatch = v.strictObject({
  sku: v.optional(productFields.sku),
  name: v.optional(productFields.name),
  description: v.optional(productFields.description),
  type: v.optional(productFields.type),
  price: v.optional(productFields.price),
  cost_price: v.optional(productFields.cost_price),
  gtin: v.optional(productFields.gtin),
  unit: v.optional(productFields.unit),
  stock_quantity: v.optional(productFields.stock_quantity),
  active: v.optional(productFields.active),
  external_ids: v.optional(v.record(v.string(), v.nullable(v.pipe(v.string(), v.maxLength(255))))),
});
export type ProductPatch = v.InferOutput<typeof ProductPatch>;
