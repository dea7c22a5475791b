/**
 * The kit's storage on PostgreSQL, through a node-postgres `Pool` the shop passes in (typed by shape: the kit never
 * imports `pg`). Tables: migrations/postgres/0001_webshop_kit.sql. Each write is one transaction holding the kit's
 * advisory lock, so the change clock is in commit order.
 */
import type { WebshopAdapter } from "../../adapter.js";
import { pgIdempotency } from "./pg-idempotency.js";
import { pgOutbox } from "./pg-outbox.js";
import { getRecord, readFeed, writeRecord } from "./pg-records.js";
import type { PgPoolLike } from "./pg-types.js";

export type { PgClientLike, PgPoolLike, PgQueryable } from "./pg-types.js";

export function postgresAdapter(pool: PgPoolLike): WebshopAdapter {
  return {
    get: (resource, id) => getRecord(pool, resource, id),
    feed: (resource, after, limit, lookup) => readFeed(pool, resource, after, limit, lookup),
    write: (write) => writeRecord(pool, write),
    idempotency: pgIdempotency(pool),
    outbox: pgOutbox(pool),
  };
}
