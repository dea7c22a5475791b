-- 0017: a run's claim on a link (docs/sync-engine.md, "One writer per record") moves from a lease row named
-- `link:<id>` into two columns of the link itself. D1 bills every row a statement writes: as a lease, a claim cost one
-- row to take and one more to give back. In the link, taking it with the write of a pending link costs no row beyond
-- that write, and giving it back with the commit that confirms the link costs none beyond the commit's. A claim taken
-- on its own (before an update) is still one row, like the lease was.
-- No index holds these columns, so writing them writes no index entry, and no trigger of `links` fires on them
-- (the triggers of 0007 and 0016 name the columns they watch).
ALTER TABLE links ADD COLUMN claim_holder TEXT;
ALTER TABLE links ADD COLUMN claim_until INTEGER;

-- A run that holds a claim while this migration is applied keeps it: the lease's holder and expiry move into the link.
UPDATE links SET (claim_holder, claim_until) =
  (SELECT holder, expires_at FROM leases WHERE leases.name = 'link:' || links.id)
WHERE id IN (SELECT CAST(substr(name, 6) AS INTEGER) FROM leases WHERE name LIKE 'link:%');
DELETE FROM leases WHERE name LIKE 'link:%';
