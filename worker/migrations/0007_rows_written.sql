-- 0007: fewer D1 rows written per write. D1 bills every row a statement writes: the table's row, each index entry it
-- adds, moves or removes, and every row a trigger writes (worker/store/schema.md, "Rows written").
-- Nothing here rebuilds `links` or the activity log: a rebuild writes every row and every index entry again, which
-- for a shop with many links is more than a day of Workers Free's rows-written allowance.

-- The admin's search text moves from the trigger-kept link_search table into a column of the link itself, which the
-- store writes in the same statement as the rest of the row (worker/store/link-search.ts computes the text that
-- link_search_source defines): a write that changes the text costs no row beyond the link's own.
-- The triggers that stay only compare: when a write leaves a text that is not the one link_search_source defines (a
-- write by code older than this migration, or SQL by hand), they write the right one. The store's writes leave the
-- right text, so for them the triggers write nothing.
-- link_search becomes a view of the column, with the same columns, so code older than this migration (a rollback)
-- still searches, and finds what it found before.
DROP TRIGGER link_search_after_insert;
DROP TRIGGER link_search_after_update;
DROP TRIGGER link_search_after_delete;
ALTER TABLE links ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE links SET search_text = coalesce((SELECT text FROM link_search_source WHERE link_search_source.link_id = links.id), '');
DROP TABLE link_search;
CREATE VIEW link_search AS SELECT id AS link_id, search_text AS text FROM links;

CREATE TRIGGER links_search_text_after_insert AFTER INSERT ON links
WHEN new.search_text IS NOT (SELECT text FROM link_search_source WHERE link_id = new.id)
BEGIN
  UPDATE links SET search_text = (SELECT text FROM link_search_source WHERE link_id = new.id) WHERE id = new.id;
END;

CREATE TRIGGER links_search_text_after_update
AFTER UPDATE OF poweroffice_id, webshop_id, match_key_po, match_key_shop, poweroffice_snapshot, webshop_snapshot,
  search_text ON links
WHEN new.search_text IS NOT (SELECT text FROM link_search_source WHERE link_id = new.id)
BEGIN
  UPDATE links SET search_text = (SELECT text FROM link_search_source WHERE link_id = new.id) WHERE id = new.id;
END;

-- Most links are linked, and the queries by state look for the others (pending, conflict, error, ...): links_state
-- leaves linked out, so a link becoming linked writes no index entry. A query by a state other than linked names
-- `state <> 'linked'` as well, which is how SQLite knows it may use the partial index (worker/store/d1-link-store.ts,
-- worker/status/health-details.ts); one for linked reads links_dataflow instead.
DROP INDEX links_state;
CREATE INDEX links_state ON links (state, dataflow, id) WHERE state <> 'linked';

-- The record index is the webhook consumer's; the sync engine's entries (resource NULL) no longer write an entry in it.
-- A query by resource implies resource IS NOT NULL, so it can still use the index.
DROP INDEX activity_log_record;
CREATE INDEX activity_log_record ON activity_log (resource, resource_id, id) WHERE resource IS NOT NULL;

-- Leases keyed by their name only: without a rowid, a lease (taken for every link a run writes) is one row written
-- instead of a row plus its primary-key index entry. Leases are short-lived, so the copy is a handful of rows.
CREATE TABLE leases_next (
  name TEXT PRIMARY KEY NOT NULL,
  holder TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO leases_next (name, holder, expires_at) SELECT name, holder, expires_at FROM leases;
DROP TABLE leases;
ALTER TABLE leases_next RENAME TO leases;

-- The inbox's status indexes hold a row only in the status their query looks for, so a delivery's row is not moved
-- from entry to entry at each step (received -> queued -> processed). Each query names that status literally, which
-- is how SQLite knows it may use a partial index.
-- The sweep of stranded rows: status = 'received' AND received_at < ? ORDER BY received_at.
DROP INDEX webhook_inbox_status_received_at;
CREATE INDEX webhook_inbox_unqueued ON webhook_inbox (received_at) WHERE status = 'received';
-- "Was this version of this record handed off already?": resource, resource_id, status = 'processed'.
DROP INDEX webhook_inbox_record;
CREATE INDEX webhook_inbox_record ON webhook_inbox (resource, resource_id, handled_version) WHERE status = 'processed';
