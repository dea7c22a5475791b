-- The first-read gate (docs/sync-engine.md, "Matching"): a record without a partner is matched only once both
-- sides' feeds of its dataflow were read to their end, and by the links alone until its side's first sync ended.
-- A database that already synced under the older rules read its feeds with a lookup per record: every feed with a
-- cursor counts as read and matched, so it goes on exactly as before (lookups, no waiting, no feed read again).
-- PowerOffice's customers feed counts as read only where the older customers gate says so.
INSERT OR IGNORE INTO settings (key, value, updated_at)
  SELECT 'first-read:' || dataflow || ':' || side, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM cursors
  WHERE dataflow <> 'orders' AND NOT (dataflow = 'customers' AND side = 'poweroffice');

INSERT OR IGNORE INTO settings (key, value, updated_at)
  SELECT 'matched:' || dataflow || ':' || side, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM cursors
  WHERE dataflow <> 'orders'
    AND (NOT (dataflow = 'customers' AND side = 'poweroffice')
         OR EXISTS (SELECT 1 FROM settings WHERE key = 'backfill:customers:poweroffice'));
