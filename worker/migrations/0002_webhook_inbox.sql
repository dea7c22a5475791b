-- The webshop webhook inbox, the sync activity log and dead letters of the sync queue (docs/webhooks.md).
-- Times are RFC 3339 UTC with milliseconds ("2026-11-26T12:00:00.000Z"), so text order is time order.

-- One row per webhook-id the shop sent: the dedup key and the outbox that makes "record, then enqueue" safe.
-- status: received (recorded, not yet known to be on the queue) -> queued -> processed, or dead-lettered.
CREATE TABLE webhook_inbox (
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
);
-- The cron's sweep of stranded 'received' rows, and its pruning by age.
CREATE INDEX webhook_inbox_status_received_at ON webhook_inbox (status, received_at);
CREATE INDEX webhook_inbox_received_at ON webhook_inbox (received_at);
-- "Was this version of this record handed off already?"
CREATE INDEX webhook_inbox_record ON webhook_inbox (resource, resource_id, status);

-- What the sync did, newest last, for the admin widget. Append-only.
CREATE TABLE activity_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  -- where it came from, e.g. 'webshop-webhook'
  source TEXT NOT NULL,
  -- e.g. 'webshop-record-changed', 'webshop-record-deleted'
  action TEXT NOT NULL,
  resource TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  version INTEGER,
  message TEXT NOT NULL
);
CREATE INDEX activity_log_record ON activity_log (resource, resource_id, id);

-- Queue messages given up on (malformed, or still failing after the bounded attempts), kept to be replayed.
CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at TEXT NOT NULL,
  queue_message_id TEXT NOT NULL,
  -- the message's kind when it could be read, e.g. 'webshop-event'
  kind TEXT,
  -- the message body as JSON, exactly what a replay sends again
  body TEXT NOT NULL,
  reason TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  replayed_at TEXT
);
CREATE INDEX dead_letters_open ON dead_letters (replayed_at, id);
