/** The webshop Order with its lines, synced with PowerOffice Salesorders and Salesorderlines. */
import * as v from "valibot";
import { CalendarDate, ExternalIds, ExternalIdsPatch, Id, Meta, Money, optional, Text } from "./common.js";

export const ORDER_STATUSES = ["pending", "confirmed", "cancelled", "invoiced"] as const;

const lineFields = {
  product_id: v.nullable(Id),
  sku: Text(100),
  description: Text(4000),
  quantity: v.pipe(v.number(), v.finite()),
  unit_price: Money,
  discount_percent: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
};

/** A line's id is stable for the life of the order. A line with no product (product_id null) is a text line. */
export const Line = v.object({ id: Id, ...lineFields, external_ids: ExternalIds });
export type Line = v.InferOutput<typeof Line>;

/** A line in a create or in a PATCH's `lines`: with the `id` of an existing line it updates that line; without, it is new. */
export const LineInput = v.strictObject({
  ...optional(lineFields),
  id: v.optional(Id),
  quantity: lineFields.quantity,
  unit_price: lineFields.unit_price,
  external_ids: v.optional(ExternalIds),
});
export type LineInput = v.InferOutput<typeof LineInput>;

const orderFields = {
  order_number: v.pipe(v.string(), v.minLength(1), v.maxLength(50)),
  customer_id: Id,
  status: v.picklist(ORDER_STATUSES),
  order_date: v.nullable(CalendarDate),
  delivery_date: v.nullable(CalendarDate),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "must be an ISO 4217 code like NOK")),
  customer_reference: Text(),
  purchase_order_reference: Text(),
};

export const Order = v.object({
  ...Meta,
  ...orderFields,
  lines: v.array(Line),
  total_excl_vat: Money,
  total_incl_vat: Money,
});
export type Order = v.InferOutput<typeof Order>;

/** POST /orders. Without `order_number` the shop assigns one (orders born in PowerOffice). */
export const OrderCreate = v.strictObject({
  ...optional(orderFields),
  customer_id: orderFields.customer_id,
  lines: v.optional(v.array(LineInput)),
  external_ids: v.optional(ExternalIds),
});
export type OrderCreate = v.InferOutput<typeof OrderCreate>;

/**
 * PATCH /orders/{id}: a JSON merge patch. As RFC 7396 says for arrays, `lines` replaces the whole list: lines kept
 * carry their `id`, lines left out are removed, lines without an id are added.
 */
export const OrderPatch = v.strictObject({
  ...optional(orderFields),
  lines: v.optional(v.array(LineInput)),
  external_ids: v.optional(ExternalIdsPatch),
});
export type OrderPatch = v.InferOutput<typeof OrderPatch>;
