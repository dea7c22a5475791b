/**
 * The kit's storage on Cloudflare D1 (or any SQLite behind the same `prepare`/`batch` shape). Tables:
 * migrations/d1/0001_webshop_kit.sql. Every write is one atomic batch; D1 runs batches one at a time, so the change
 * clock the batch advances is in commit order.
 */
import type { WebshopAdapter } from "../../adapter.js";
import { d1Idempotency } from "./d1-idempotency.js";
import { d1Outbox } from "./d1-outbox.js";
import { getRecord, readFeed, writeRecord } from "./d1-records.js";
import type { D1DatabaseLike } from "./d1-types.js";

export type { D1DatabaseLike, D1StatementLike } from "./d1-types.js";

export function d1Adapter(db: D1DatabaseLike): WebshopAdapter {
  return {
    get: (resource, id) => getRecord(db, resource, id),
    feed: (resource, after, limit, lookup) => readFeed(db, resource, after, limit, lookup),
    write: (write) => writeRecord(db, write),
    idempotency: d1Idempotency(db),
    outbox: d1Outbox(db),
  };
}
