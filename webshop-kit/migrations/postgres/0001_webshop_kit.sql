-- The webshop kit's tables for PostgreSQL (postgresAdapter), version 12 or later. Run it once, with psql or your
-- migration tool. All names start with webshop_kit_ so they sit beside the shop's own tables. Times are bigint
-- milliseconds since 1970 (UTC): exact, and ordered as numbers. Writes are serialised by the transaction-level
-- advisory lock 7_275_826_349_115_112_017 (pg_advisory_xact_lock), so the change clock is in commit order.

-- Customers, products and orders, one row per record. `content` is the record's JSON without id, version and the two
-- times (json, not jsonb, so its keys keep their order); `external_ids` is a jsonb copy of content's for indexed
-- `external_id=<key>:<value>` lookups; the match columns hold the normalised lookup values the kit computes (email
-- and sku trimmed and lower-case, organization_number digits only). Ids sort byte by byte (COLLATE "C"), whatever the
-- database's locale, as the feed's (updated_at, id) order needs.
CREATE TABLE webshop_kit_records (
  resource text NOT NULL CHECK (resource IN ('customers', 'products', 'orders')),
  id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL,
  content json NOT NULL,
  external_ids jsonb NOT NULL DEFAULT '{}',
  email text,
  sku text,
  organization_number text,
  department_code text,
  order_number text,
  PRIMARY KEY (resource, id)
);
-- The change feed: (updated_at, id) order per resource.
CREATE INDEX webshop_kit_records_feed ON webshop_kit_records (resource, updated_at, id);
CREATE INDEX webshop_kit_records_external_ids ON webshop_kit_records USING gin (external_ids jsonb_path_ops);
CREATE INDEX webshop_kit_records_email ON webshop_kit_records (resource, email) WHERE email IS NOT NULL;
CREATE INDEX webshop_kit_records_organization_number ON webshop_kit_records (resource, organization_number)
  WHERE organization_number IS NOT NULL;
CREATE INDEX webshop_kit_records_department_code ON webshop_kit_records (resource, department_code)
  WHERE department_code IS NOT NULL;
-- A product's sku and an order's order_number are unique (the adapter checks first, under the lock, and answers
-- which record holds it; these indexes are the last line).
CREATE UNIQUE INDEX webshop_kit_records_sku ON webshop_kit_records (resource, sku) WHERE sku IS NOT NULL;
CREATE UNIQUE INDEX webshop_kit_records_order_number ON webshop_kit_records (resource, order_number)
  WHERE order_number IS NOT NULL;

-- The shop-wide change clock: the last updated_at handed out. Every write, holding the advisory lock, moves it to
-- greatest(now, last + 1 ms) in its own transaction.
CREATE TABLE webshop_kit_clock (
  id integer PRIMARY KEY CHECK (id = 1),
  last_ms bigint NOT NULL
);
INSERT INTO webshop_kit_clock (id, last_ms) VALUES (1, 0);

-- The webhook outbox: one event per change, inserted in the write's transaction. `seq` orders events shop-wide (taken
-- under the lock, so in commit order); pending events are due when next_attempt_at <= now and no earlier event of the
-- same record is still pending.
CREATE TABLE webshop_kit_outbox (
  seq bigserial PRIMARY KEY,
  event_id text NOT NULL UNIQUE,
  resource text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
  record_id text NOT NULL,
  version integer NOT NULL,
  at_ms bigint NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  state text NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  last_error text
);
CREATE INDEX webshop_kit_outbox_pending ON webshop_kit_outbox (next_attempt_at, seq) WHERE state = 'pending';
CREATE INDEX webshop_kit_outbox_record ON webshop_kit_outbox (resource, record_id, seq) WHERE state = 'pending';

-- Idempotency-Key answers. A claim is a row without `answer` until its request completes; a row whose expires_at has
-- passed counts as absent (a running claim expires after the kit's running TTL, an answer after 24 h).
CREATE TABLE webshop_kit_idempotency (
  scope text NOT NULL,
  key text NOT NULL,
  fingerprint text NOT NULL,
  answer json,
  expires_at bigint NOT NULL,
  claim_token text NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX webshop_kit_idempotency_expiry ON webshop_kit_idempotency (expires_at);
