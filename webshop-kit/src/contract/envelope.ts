/** The list envelope, the error body and the webhook event of the webshop contract. */
import * as v from "valibot";
import { Id, Version } from "./common.js";

export const ListEnvelope = <T extends v.GenericSchema>(item: T) =>
  v.object({
    data: v.array(item),
    next_cursor: v.pipe(v.string(), v.minLength(1), v.description("Opaque; never null. Keep it and ask again later.")),
    has_more: v.boolean(),
  });

/** Errors: a machine code (one of docs/webshop-api.md's, or the shop's own), a human message, optional details. */
export const ErrorBody = v.object({
  error: v.object({
    code: v.pipe(v.string(), v.minLength(1)),
    message: v.string(),
    details: v.optional(v.record(v.string(), v.unknown())),
  }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBody>;

/** The `webhook-id` header: 1–255 printable ASCII characters (docs/webhooks.md); also the inbox's key. */
export const MAX_WEBHOOK_ID_LENGTH = 255;

export const WEBHOOK_EVENT_TYPES = [
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "product.created",
  "product.updated",
  "product.deleted",
  "order.created",
  "order.updated",
  "order.deleted",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The webhook body. `data` may carry the whole object, but the worker always re-reads it: it may be stale. */
export const WebhookEvent = v.object({
  type: v.picklist(WEBHOOK_EVENT_TYPES),
  timestamp: v.pipe(v.string(), v.isoTimestamp("must be an RFC 3339 time")),
  data: v.looseObject({ id: Id, version: Version }),
});
export type WebhookEvent = v.InferOutput<typeof WebhookEvent>;

/** Singular event resource name → the API's plural resource path. */
export const EVENT_RESOURCE = { customer: "customers", product: "products", order: "orders" } as const;
