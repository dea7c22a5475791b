-- One writer per record (docs/sync-engine.md, "One writer per record"): every link write moves `rev` on, and a commit's
-- write of a link it read carries the rev it read; a row whose rev moved meanwhile fails the whole batch.
ALTER TABLE links ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;

-- Never holds a row. A commit's guards insert into it only when a check fails (a link's rev moved, the fence's lease is
-- no longer held), and the NULL they insert fails the statement, and with it the commit's whole batch; the column
-- named in the error says which check failed.
CREATE TABLE commit_guard (
  stale_link INTEGER NOT NULL,
  lost_lease INTEGER NOT NULL
);
