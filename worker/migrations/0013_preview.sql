-- The preview of the first sync (docs/sync-engine.md, "Preview"): what the worker read of both systems before it
-- wrote anything, and the plan built from it for the admin to review. Both tables are emptied when the preview is
-- read again; preview_records also when syncing starts (the plan's items stay, as the record of what was shown).

-- One row per record read: the record as the feed answered it (JSON {id, marker, changedAt, archived, raw}), in read
-- order (rowid), with its match key and the partner it names (ExternalImportReference ws-…, external_ids.poweroffice_…).
CREATE TABLE preview_records (
  dataflow TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('poweroffice', 'webshop')),
  id TEXT NOT NULL,
  match_key TEXT,
  origin TEXT,
  archived INTEGER NOT NULL DEFAULT 0,
  record TEXT NOT NULL CHECK (json_valid(record)),
  UNIQUE (dataflow, side, id)
);

-- One row per item of the plan: what the first sync would do with one record or one pair (PreviewItem in
-- shared/api/preview.ts, as JSON), its action, whether a pair's values differ, and the text the admin's search matches.
CREATE TABLE preview_items (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  dataflow TEXT NOT NULL,
  action TEXT NOT NULL,
  differing INTEGER NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL,
  item TEXT NOT NULL CHECK (json_valid(item))
);
CREATE INDEX preview_items_filter ON preview_items (dataflow, action, seq);

-- A database that has synced before this migration is never sent back to preview (FIRST_SYNC defaults to preview):
-- with any link or cursor its first sync counts as started.
INSERT OR IGNORE INTO settings (key, value)
SELECT 'first-sync', '{"mode":"started","startedAt":null}'
WHERE EXISTS (SELECT 1 FROM links) OR EXISTS (SELECT 1 FROM cursors);
