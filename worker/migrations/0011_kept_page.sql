-- A feed page read but not finished within one invocation (docs/sync-engine.md, "Cursors"): the records still to sync,
-- kept beside the cursor they were read at, so the next invocation goes on from them instead of reading the page again.
-- Written and cleared in the same D1 batch as the cursor and the links of the records already done. NULL: none kept.
ALTER TABLE cursors ADD COLUMN page TEXT CHECK (page IS NULL OR json_valid(page));
