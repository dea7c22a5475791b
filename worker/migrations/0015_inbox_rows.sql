-- 0015: fewer D1 rows written per webhook (worker/store/schema.md, "Rows written"). During a first sync nearly every
-- delivery is the echo of a write the sync was still committing: its row is written 'received', then settled by the
-- sweep. That was 4 rows (the row, its primary-key entry, webhook_inbox_received_at, webhook_inbox_unqueued) and 2
-- more to mark it processed. Now it is 2 rows, and the sweep deletes a settled echo (1 row, docs/webhooks.md).
--
-- The inbox is keyed by its webhook-id alone (WITHOUT ROWID): the row is its primary-key entry, one row written,
-- not two. This rebuilds the table: every row and index entry is written once more. The inbox keeps a week of
-- deliveries (worker/webhooks/sweep.ts, INBOX_RETENTION_MS), so that is a bounded, one-time cost.
CREATE TABLE webhook_inbox_next (
  webhook_id TEXT PRIMARY KEY NOT NULL,
  received_at TEXT NOT NULL,
  event_type TEXT NOT NULL,
  resource TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'received'
    CHECK (status IN ('received', 'queued', 'processed', 'dead-lettered')),
  queued_at TEXT,
  processed_at TEXT,
  -- changed | deleted (handed to the sync core) | skipped (that version or the deletion was handed off already)
  outcome TEXT CHECK (outcome IS NULL OR outcome IN ('changed', 'deleted', 'skipped')),
  -- the version of the shop's record that was handed off (not the event's, which may be stale)
  handled_version INTEGER,
  -- the last failure of the consumer, or why the row was skipped
  note TEXT
) WITHOUT ROWID;
INSERT INTO webhook_inbox_next (webhook_id, received_at, event_type, resource, resource_id, version, status, queued_at,
    processed_at, outcome, handled_version, note)
  SELECT webhook_id, received_at, event_type, resource, resource_id, version, status, queued_at, processed_at, outcome,
    handled_version, note
  FROM webhook_inbox;
DROP TABLE webhook_inbox;
ALTER TABLE webhook_inbox_next RENAME TO webhook_inbox;

-- The sweep of stranded rows: status = 'received' AND received_at < ? ORDER BY received_at (as in 0007).
CREATE INDEX webhook_inbox_unqueued ON webhook_inbox (received_at) WHERE status = 'received';
-- "Was this version of this record handed off already?": resource, resource_id, status = 'processed' (as in 0007).
CREATE INDEX webhook_inbox_record ON webhook_inbox (resource, resource_id, handled_version) WHERE status = 'processed';
-- The prune by age, which only deletes rows that left 'received' (it names `status <> 'received'` literally, so SQLite
-- may use this partial index). A row still 'received' has its entry in webhook_inbox_unqueued only, so recording a
-- delivery writes one index entry, not two.
CREATE INDEX webhook_inbox_settled ON webhook_inbox (received_at) WHERE status <> 'received';
