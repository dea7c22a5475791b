-- The webshop kit's tables for D1 / SQLite (d1Adapter). Apply with `wrangler d1 migrations apply` (copy this file into
-- your migrations folder) or run it once against any SQLite database. All names start with webshop_kit_ so they sit
-- beside the shop's own tables. Times are integer milliseconds since 1970 (UTC): exact, and ordered as numbers.

-- Customers, products and orders, one row per record. `content` is the record's JSON without id, version and the two
-- times; the match columns hold the normalised lookup values the kit computes (email and sku trimmed and lower-case,
-- organization_number digits only), so every lookup is an indexed equality. `write_token` marks the last write that
-- touched the row: the statements of one write's batch act only when the compare-and-set at its start took effect.
CREATE TABLE webshop_kit_records (
  resource TEXT NOT NULL CHECK (resource IN ('customers', 'products', 'orders')),
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  content TEXT NOT NULL,
  email TEXT,
  sku TEXT,
  organization_number TEXT,
  department_code TEXT,
  order_number TEXT,
  write_token TEXT NOT NULL,
  PRIMARY KEY (resource, id)
);
-- The change feed: (updated_at, id) order per resource.
CREATE INDEX webshop_kit_records_feed ON webshop_kit_records (resource, updated_at, id);
CREATE INDEX webshop_kit_records_email ON webshop_kit_records (resource, email) WHERE email IS NOT NULL;
CREATE INDEX webshop_kit_records_organization_number ON webshop_kit_records (resource, organization_number)
  WHERE organization_number IS NOT NULL;
CREATE INDEX webshop_kit_records_department_code ON webshop_kit_records (resource, department_code)
  WHERE department_code IS NOT NULL;
-- A product's sku and an order's order_number are unique (the adapter checks first and answers which record holds
-- it; these indexes are the last line).
CREATE UNIQUE INDEX webshop_kit_records_sku ON webshop_kit_records (resource, sku) WHERE sku IS NOT NULL;
CREATE UNIQUE INDEX webshop_kit_records_order_number ON webshop_kit_records (resource, order_number)
  WHERE order_number IS NOT NULL;

-- Each record's external_ids, one row per key, for `external_id=<key>:<value>` lookups (a copy of content's).
CREATE TABLE webshop_kit_external_ids (
  resource TEXT NOT NULL,
  record_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (resource, record_id, key)
);
CREATE INDEX webshop_kit_external_ids_lookup ON webshop_kit_external_ids (resource, key, value);

-- The shop-wide change clock: the last updated_at handed out. Every write moves it to max(now, last + 1 ms) in the
-- same batch as the write, so timestamps are strictly increasing in commit order.
CREATE TABLE webshop_kit_clock (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_ms INTEGER NOT NULL
);
INSERT INTO webshop_kit_clock (id, last_ms) VALUES (1, 0);

-- The webhook outbox: one event per change, appended in the write's batch. `seq` orders events shop-wide; pending
-- events are due when next_attempt_at <= now and no earlier event of the same record is still pending.
CREATE TABLE webshop_kit_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  resource TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('created', 'updated', 'deleted')),
  record_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  last_error TEXT
);
CREATE INDEX webshop_kit_outbox_pending ON webshop_kit_outbox (state, next_attempt_at, seq);
CREATE INDEX webshop_kit_outbox_record ON webshop_kit_outbox (resource, record_id, seq) WHERE state = 'pending';

-- Idempotency-Key answers. A claim is a row without `answer` until its request completes; a row whose expires_at has
-- passed counts as absent (a running claim expires after the kit's running TTL, an answer after 24 h).
-- `claim_token` tells a claimer whether its own insert took the key.
CREATE TABLE webshop_kit_idempotency (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  answer TEXT,
  expires_at INTEGER NOT NULL,
  claim_token TEXT NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX webshop_kit_idempotency_expiry ON webshop_kit_idempotency (expires_at);
