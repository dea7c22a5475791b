/**
 * @poweroffice-sync/webshop-kit: the Custom Webshop contract (docs/webshop-api.md) served from a web-standard
 * handler on top of the shop's storage adapter. See docs/webshop-kit.md.
 */
export type {
  ChangeKind,
  FeedPosition,
  IdempotencyClaim,
  Lookup,
  MatchField,
  OutboxEvent,
  RecordContent,
  RecordKeys,
  RecordWrite,
  StoredAnswer,
  StoredRecord,
  WebshopAdapter,
  WriteResult,
} from "./adapter.js";
export { createWebshopApi } from "./api/create-api.js";
export type { WebshopApi, WebshopApiOptions } from "./api/options.js";
/** The contract's valibot schemas and types (Customer, Product, Order, their Create and Patch bodies, Resource, …). */
export * from "./contract/index.js";
/** Webhooks delivered for the shop: createWebhookSender, deliverInBackground (Workers) and the schedule's defaults. */
export * from "./webhooks/index.js";
