-- 0012: PowerOffice connected from the widget (docs/widget.md, "Connecting PowerOffice"). The client key that
-- onboarding hands out is kept here, sealed with AES-GCM under the CREDENTIALS_KEY secret: D1 never holds it in clear.
-- At most one connection (id = 1); a disconnect deletes the row, and links, cursors and history stay as they are.
CREATE TABLE poweroffice_connection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- random, names this connection's access token in the KV cache (never the key itself); new on every connect
  connection_id TEXT NOT NULL,
  -- 'v1.' base64url(12-byte IV) '.' base64url(ciphertext and tag); the IV is random per sealing
  client_key_sealed TEXT NOT NULL,
  client_name TEXT,
  organization_number TEXT NOT NULL,
  environment TEXT NOT NULL CHECK (environment IN ('demo', 'production')),
  connected_at TEXT NOT NULL,
  -- the widget token's sub of the admin who connected (NULL when the token had none)
  connected_by TEXT,
  -- JSON array of { privilege, area, whatToDo } from ClientIntegrationInformation; NULL until it was read
  missing_privileges TEXT CHECK (missing_privileges IS NULL OR json_valid(missing_privileges))
);

-- One row per "Connect PowerOffice": the one-time state value that rides on the callback URL, stored as its SHA-256
-- (hex), bound to the admin who started it, their organisation number and the admin page to return to.
CREATE TABLE poweroffice_onboarding (
  state_hash TEXT PRIMARY KEY NOT NULL,
  started_by TEXT,
  organization_number TEXT NOT NULL,
  return_url TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  -- set once by the first callback that names it (or by a newer start that replaced it); a used state changes nothing
  used_at TEXT,
  -- what ended it: an outcome of the callback, or 'superseded'
  outcome TEXT
);
CREATE INDEX poweroffice_onboarding_open ON poweroffice_onboarding (used_at, created_at);
