-- What the worker's own invocations used of Cloudflare's daily allowances on one UTC day, added to once per
-- invocation that did sync work (worker/store/daily-usage.ts). The first sync on Workers Free paces itself by it
-- (docs/sync-engine.md, "First sync on Workers Free"); GET /api/status estimates the first sync's end from it.
-- WITHOUT ROWID: the day is the only key, so an upsert writes one row and no index entry.
CREATE TABLE daily_usage (
  day TEXT PRIMARY KEY NOT NULL,
  requests INTEGER NOT NULL DEFAULT 0,
  queue_operations INTEGER NOT NULL DEFAULT 0,
  d1_rows_read INTEGER NOT NULL DEFAULT 0,
  d1_rows_written INTEGER NOT NULL DEFAULT 0,
  kv_writes INTEGER NOT NULL DEFAULT 0,
  backfill_records INTEGER NOT NULL DEFAULT 0,
  backfill_first_at INTEGER,
  backfill_last_at INTEGER
) WITHOUT ROWID;

-- A feed read to its end once is past its first sync (worker/store/first-read.ts). A database this migration finds
-- with cursors synced before the setting existed: each feed with a cursor counts as read, so nothing that ran
-- unpaced before is paced now, and the status does not show a first sync of a shop that has long been in sync.
INSERT OR IGNORE INTO settings (key, value)
SELECT 'backfill:read:' || dataflow || ':' || side, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM cursors;
