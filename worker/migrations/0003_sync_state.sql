-- The sync engine's state (docs/sync-engine.md, worker/store/schema.md): links between records, feed cursors, leases,
-- and the activity log extended for the engine. Times are RFC 3339 UTC with milliseconds, so text order is time order.

-- One row per pair of records (or per record still waiting for its partner). Never deleted: archived is a state.
-- AUTOINCREMENT so an id is never reused: activity rows and `link:<n>` references in snapshots point at it.
CREATE TABLE links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dataflow TEXT NOT NULL CHECK (dataflow IN ('customers', 'departments', 'products', 'orders')),
  poweroffice_id TEXT,
  webshop_id TEXT,
  state TEXT NOT NULL
    CHECK (state IN ('pending', 'linked', 'conflict', 'ambiguous', 'error', 'archived', 'skipped')),
  -- the deterministic create key, written before the create is sent
  reference TEXT,
  -- canonical form of each side's record after the last successful sync (JSON object), NULL before the first
  poweroffice_snapshot TEXT CHECK (poweroffice_snapshot IS NULL OR json_valid(poweroffice_snapshot)),
  webshop_snapshot TEXT CHECK (webshop_snapshot IS NULL OR json_valid(webshop_snapshot)),
  -- each side's change marker at that sync: PowerOffice LastChangedDateTimeOffset, webshop version
  poweroffice_seen TEXT,
  webshop_seen TEXT,
  -- normalised match keys, PowerOffice customers cannot be searched by e-mail or org number, so this is the index
  match_key_po TEXT,
  match_key_shop TEXT,
  -- the last failure in words, its code and the side that answered it, all NULL when the link is healthy
  last_error TEXT,
  error_code TEXT,
  error_side TEXT CHECK (error_side IS NULL OR error_side IN ('poweroffice', 'webshop')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_retry_at TEXT,
  -- open conflicts waiting for the admin (policy manual), a JSON array, NULL when there are none
  conflicts TEXT CHECK (conflicts IS NULL OR json_valid(conflicts)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (poweroffice_id IS NOT NULL OR webshop_id IS NOT NULL),
  -- a record has at most one link per dataflow, NULLs (no partner yet) do not collide
  UNIQUE (dataflow, poweroffice_id),
  UNIQUE (dataflow, webshop_id)
);
CREATE INDEX links_match_key_po ON links (dataflow, match_key_po) WHERE match_key_po IS NOT NULL;
CREATE INDEX links_match_key_shop ON links (dataflow, match_key_shop) WHERE match_key_shop IS NOT NULL;
CREATE INDEX links_state ON links (state, dataflow, id);
CREATE INDEX links_dataflow ON links (dataflow, id);
CREATE INDEX links_next_retry_at ON links (next_retry_at, id) WHERE next_retry_at IS NOT NULL;

-- Where each dataflow's change feed stopped, per side: the connector's cursor as JSON.
CREATE TABLE cursors (
  dataflow TEXT NOT NULL CHECK (dataflow IN ('customers', 'departments', 'products', 'orders')),
  side TEXT NOT NULL CHECK (side IN ('poweroffice', 'webshop')),
  value TEXT NOT NULL CHECK (json_valid(value)),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (dataflow, side)
);

-- Who runs what: a lease is held until expires_at (epoch ms), so a crashed holder frees it by itself.
CREATE TABLE leases (
  name TEXT PRIMARY KEY NOT NULL,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- The activity log gains the engine's columns. resource and resource_id (the webhook consumer's) become nullable,
-- which SQLite can only do by rebuilding the table, ids are kept, so AUTOINCREMENT goes on from the old highest.
CREATE TABLE activity_log_next (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  -- 'webshop-webhook' (the consumer's hand-off) or 'sync-engine'
  source TEXT NOT NULL,
  action TEXT NOT NULL,
  resource TEXT,
  resource_id TEXT,
  version INTEGER,
  message TEXT NOT NULL,
  -- the engine's rows: dataflow, the link, the side written (NULL for a decision without a write) and
  -- property -> [before, after] as a JSON object
  dataflow TEXT CHECK (dataflow IS NULL OR dataflow IN ('customers', 'departments', 'products', 'orders')),
  link_id INTEGER,
  side TEXT CHECK (side IS NULL OR side IN ('poweroffice', 'webshop')),
  changes TEXT CHECK (changes IS NULL OR json_valid(changes))
);
INSERT INTO activity_log_next (id, at, source, action, resource, resource_id, version, message)
  SELECT id, at, source, action, resource, resource_id, version, message FROM activity_log;
DROP TABLE activity_log;
ALTER TABLE activity_log_next RENAME TO activity_log;
CREATE INDEX activity_log_record ON activity_log (resource, resource_id, id);
CREATE INDEX activity_log_dataflow ON activity_log (dataflow, id) WHERE dataflow IS NOT NULL;
CREATE INDEX activity_log_link ON activity_log (link_id, id) WHERE link_id IS NOT NULL;
