/** Public surface of the webshop connector (see docs/webshop-connector.md). */
export type { FeedOptions, FeedPage } from "./change-feed";
export { createWebshopClient, type WebshopClient } from "./client";
export type { FetchLike, WebshopDeps } from "./deps";
export type { ContractRule, Result, WebshopError, WebshopErrorKind } from "./errors";
export { buildMergePatch, isEmptyPatch } from "./merge-patch";
export type { CreateOf, MatchField, PatchOf, RecordOf, WebshopRecord } from "./resources";
export { MATCH_FIELDS } from "./resources";
export { MAX_ATTEMPTS, MAX_THROTTLE_RETRIES, MAX_THROTTLE_WAIT_MS } from "./retry-policy";
export type { ShopError } from "./shop-error";
export type { Updated } from "./update";
