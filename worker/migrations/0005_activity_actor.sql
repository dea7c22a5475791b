-- 0005: who asked for an activity entry. The admin's actions (push, retry, replay, resolve, link, unlink, relink,
-- pause, resume, brake release) record the widget token's subject as JSON {"sub": "<sub>"} ({"sub": null} for a
-- token without one); NULL for what the sync did by itself and for every older row.
ALTER TABLE activity_log ADD COLUMN actor TEXT CHECK (actor IS NULL OR json_valid(actor));
