-- 0007: fewer D1 rows written per write. D1 bills every row a statement writes: the table's row, each index entry it
-- adds, and every row a trigger writes (worker/store/schema.md, "Rows written").
-- Nothing here rebuilds `links` or the activity log: a rebuild writes every row and every index entry again, which
-- for a shop with many links is more than a day of Workers Free's rows-written allowance.

-- The admin's search text moves from the trigger-kept link_search table into a column of the link itself, which the
-- store writes in the same statement as the rest of the row (worker/store/link-search.ts computes the text that
-- link_search_source defines): a write that changes the text costs no row beyond the link's own.
-- Two triggers stay for writers that leave the column as it was: code older than this migration (a rollback) and SQL
-- by hand. They fire only when such a write inserts a link without the text, or changes a searchable value while the
-- text stays the same, and then write the text link_search_source defines. The store's writes set the text with the
-- values, so for them the triggers neither compute it (json_tree's rows count as rows read) nor write a row.
-- link_search becomes a view of the column, with the same columns, so code older than this migration still searches,
-- and finds what it found before.
DROP TRIGGER link_search_after_insert;
DROP TRIGGER link_search_after_update;
DROP TRIGGER link_search_after_delete;
ALTER TABLE links ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE links SET search_text = coalesce((SELECT text FROM link_search_source WHERE link_search_source.link_id = links.id), '');
DROP TABLE link_search;
CREATE VIEW link_search AS SELECT id AS link_id, search_text AS text FROM links;

CREATE TRIGGER links_search_text_after_insert AFTER INSERT ON links
WHEN new.search_text = ''
BEGIN
  UPDATE links SET search_text = (SELECT text FROM link_search_source WHERE link_id = new.id) WHERE id = new.id;
END;

CREATE TRIGGER links_search_text_after_update
AFTER UPDATE OF poweroffice_id, webshop_id, match_key_po, match_key_shop, poweroffice_snapshot, webshop_snapshot ON links
WHEN new.search_text IS old.search_text AND (new.poweroffice_id IS NOT old.poweroffice_id
  OR new.webshop_id IS NOT old.webshop_id OR new.match_key_po IS NOT old.match_key_po
  OR new.match_key_shop IS NOT old.match_key_shop OR new.poweroffice_snapshot IS NOT old.poweroffice_snapshot
  OR new.webshop_snapshot IS NOT old.webshop_snapshot)
BEGIN
  UPDATE links SET search_text = (SELECT text FROM link_search_source WHERE link_id = new.id)
  WHERE id = new.id AND search_text IS NOT (SELECT text FROM link_search_source WHERE link_id = new.id);
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
