-- The preview plans in steps (docs/sync-engine.md, "Preview"): its matching rules run over the key columns alone,
-- and an ambiguous item names its candidates, so each record's short name is kept beside its keys.
ALTER TABLE preview_records ADD COLUMN label TEXT;

-- A preview read before this column existed has no labels: it is read again from the start (reads only; links by
-- hand stay). Only a preview in progress has records (they are deleted when syncing starts).
UPDATE settings SET value = json_set(value, '$.readAt', NULL, '$.reviewedAt', NULL)
WHERE key = 'first-sync' AND json_valid(value) AND EXISTS (SELECT 1 FROM preview_records);
DELETE FROM settings WHERE key LIKE 'preview:feed:%' AND EXISTS (SELECT 1 FROM preview_records);
DELETE FROM preview_items WHERE EXISTS (SELECT 1 FROM preview_records);
DELETE FROM preview_records;
