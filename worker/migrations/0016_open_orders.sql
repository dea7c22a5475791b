-- 0016: the cron's look for orders invoiced in PowerOffice (worker/engine/gone-orders.ts) compares PowerOffice's open
-- orders with the linked ones every minute. It read those links through links_dataflow: every order link ever made,
-- archived ones included, 1,440 times a day. A shop with 3,500 orders synced since it started (invoiced or not) used
-- all of Workers Free's 5 million rows read a day on that alone. Now it reads a snapshot of the open orders' ids (one
-- row) and reads the links again only when that set has changed since the snapshot (worker/store/open-orders.ts).

-- The links of open orders, on their own: a read of them (a snapshot's refresh) reads these entries only, not every
-- order ever linked. A link entering the set writes one entry; leaving it writes none.
CREATE INDEX links_open_orders ON links (dataflow, state, poweroffice_id)
WHERE dataflow = 'orders' AND state IN ('linked', 'conflict');

-- A count per set of links that moves whenever the set does; the triggers below keep it, so every writer of links (the
-- store, code older than this migration, SQL by hand) moves it. A snapshot taken at the same count is still exact.
CREATE TABLE link_set_generations (
  name TEXT PRIMARY KEY NOT NULL,
  generation INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO link_set_generations (name, generation) VALUES ('open-orders', 0);

-- The set's last snapshot: the count it was taken at, the limit it was read with, and [link id, PowerOffice id] pairs.
CREATE TABLE link_set_snapshots (
  name TEXT PRIMARY KEY NOT NULL,
  generation INTEGER NOT NULL,
  row_limit INTEGER NOT NULL,
  ids TEXT NOT NULL CHECK (json_valid(ids))
) WITHOUT ROWID;

-- The set: an order's link in state linked or conflict (the states gone-orders.ts calls open). One row written per
-- move; a link moving between linked and conflict stays in the set and moves nothing.
CREATE TRIGGER links_open_orders_after_insert AFTER INSERT ON links
WHEN new.dataflow = 'orders' AND new.state IN ('linked', 'conflict')
BEGIN
  UPDATE link_set_generations SET generation = generation + 1 WHERE name = 'open-orders';
END;

CREATE TRIGGER links_open_orders_after_update AFTER UPDATE OF dataflow, state, poweroffice_id ON links
WHEN (old.dataflow = 'orders' AND old.state IN ('linked', 'conflict'))
    IS NOT (new.dataflow = 'orders' AND new.state IN ('linked', 'conflict'))
  OR (new.dataflow = 'orders' AND new.state IN ('linked', 'conflict') AND new.poweroffice_id IS NOT old.poweroffice_id)
BEGIN
  UPDATE link_set_generations SET generation = generation + 1 WHERE name = 'open-orders';
END;

CREATE TRIGGER links_open_orders_after_delete AFTER DELETE ON links
WHEN old.dataflow = 'orders' AND old.state IN ('linked', 'conflict')
BEGIN
  UPDATE link_set_generations SET generation = generation + 1 WHERE name = 'open-orders';
END;
