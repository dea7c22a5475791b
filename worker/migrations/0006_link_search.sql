-- The admin's record search (GET /api/records?q=): one row per link holding the text the search may match, kept by
-- triggers on every write to links, so a search reads this narrow table by link id instead of parsing each link's
-- JSON snapshots. worker/store/link-search.ts defines the text; the in-memory twin builds the same text.
-- The text is each searchable value, lower-cased (ASCII, as SQLite's lower()), joined by U+001F: either side's id,
-- either match key, and every text or whole-number value anywhere in either snapshot (property names are not in it).
-- A search term never holds U+001F, so it can only match within one value.
-- The text is defined once, in the view link_search_source, which the triggers and the backfill read. The triggers
-- delete, then insert: an OR REPLACE inside a trigger would yield to the outer statement's conflict handling (the
-- commit's upsert), and fail.
CREATE TABLE link_search (
  link_id INTEGER PRIMARY KEY NOT NULL,
  text TEXT NOT NULL
);

CREATE VIEW link_search_source AS
SELECT id AS link_id, lower(
    coalesce(poweroffice_id, '') || char(31) || coalesce(webshop_id, '') || char(31) ||
    coalesce(match_key_po, '') || char(31) || coalesce(match_key_shop, '') || char(31) ||
    coalesce((SELECT group_concat(CAST(atom AS TEXT), char(31)) FROM json_tree(links.poweroffice_snapshot)
              WHERE type IN ('text', 'integer')), '') || char(31) ||
    coalesce((SELECT group_concat(CAST(atom AS TEXT), char(31)) FROM json_tree(links.webshop_snapshot)
              WHERE type IN ('text', 'integer')), '')) AS text
FROM links;

CREATE TRIGGER link_search_after_insert AFTER INSERT ON links
BEGIN
  DELETE FROM link_search WHERE link_id = new.id;
  INSERT INTO link_search (link_id, text) SELECT link_id, text FROM link_search_source WHERE link_id = new.id;
END;

CREATE TRIGGER link_search_after_update
AFTER UPDATE OF poweroffice_id, webshop_id, match_key_po, match_key_shop, poweroffice_snapshot, webshop_snapshot
ON links
BEGIN
  DELETE FROM link_search WHERE link_id = new.id;
  INSERT INTO link_search (link_id, text) SELECT link_id, text FROM link_search_source WHERE link_id = new.id;
END;

CREATE TRIGGER link_search_after_delete AFTER DELETE ON links
BEGIN
  DELETE FROM link_search WHERE link_id = old.id;
END;

-- The links written before this migration.
INSERT INTO link_search (link_id, text) SELECT link_id, text FROM link_search_source;
