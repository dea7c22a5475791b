/**
 * D1 rows of the PowerOffice connection made from the widget (0012): the one connection with its sealed client key,
 * the one-time onboarding states, and the last problem a connection attempt ended with (a setting). Connecting and
 * disconnecting write their activity entry in the same batch (source 'admin', no dataflow).
 */

export interface MissingPrivilege {
  privilege: string;
  area: "customers" | "products" | "sales-orders" | "departments" | "other";
  whatToDo: string;
}

export interface ConnectionRow {
  connection_id: string;
  client_key_sealed: string;
  client_name: string | null;
  organization_number: string;
  environment: "demo" | "production";
  connected_at: string;
  connected_by: string | null;
  missing_privileges: string | null;
}

export interface OnboardingRow {
  state_hash: string;
  started_by: string | null;
  organization_number: string;
  return_url: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  outcome: string | null;
}

export const LAST_PROBLEM_SETTING = "poweroffice:last-problem";
/** The privileges ClientIntegrationInformation gave for a POWEROFFICE_CLIENT_KEY, keyed by a hash of that key. */
export const SECRET_CHECK_SETTING = "poweroffice:secret-check";
/** Onboarding rows are kept this long for the replay check, then deleted by the next start. */
const KEEP_ONBOARDING_MS = 24 * 3600_000;

const ADMIN_SOURCE = "admin";

export function readConnectionRow(db: D1Database): Promise<ConnectionRow | null> {
  return db.prepare("SELECT * FROM poweroffice_connection WHERE id = 1").first<ConnectionRow>();
}

function activity(db: D1Database, at: string, action: string, message: string, actor: string | null) {
  return db
    .prepare("INSERT INTO activity_log (at, source, action, message, actor) VALUES (?, ?, ?, ?, ?)")
    .bind(at, ADMIN_SOURCE, action, message, JSON.stringify({ sub: actor }));
}

/** Replaces any connection, clears the last problem and ends the onboarding state, in one batch. */
export async function saveConnection(
  db: D1Database,
  row: ConnectionRow,
  stateHash: string,
  message: string,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT OR REPLACE INTO poweroffice_connection (id, connection_id, client_key_sealed, client_name,
          organization_number, environment, connected_at, connected_by, missing_privileges)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        row.connection_id,
        row.client_key_sealed,
        row.client_name,
        row.organization_number,
        row.environment,
        row.connected_at,
        row.connected_by,
        row.missing_privileges,
      ),
    db.prepare("DELETE FROM settings WHERE key = ?").bind(LAST_PROBLEM_SETTING),
    db.prepare("UPDATE poweroffice_onboarding SET outcome = 'connected' WHERE state_hash = ?").bind(stateHash),
    activity(db, row.connected_at, "poweroffice-connected", message, row.connected_by),
  ]);
}

export async function saveMissingPrivileges(db: D1Database, connectionId: string, missing: MissingPrivilege[]) {
  await db
    .prepare("UPDATE poweroffice_connection SET missing_privileges = ? WHERE id = 1 AND connection_id = ?")
    .bind(JSON.stringify(missing), connectionId)
    .run();
}

/** Deletes the connection (links, cursors and history stay); false when there was none. */
export async function deleteConnection(db: D1Database, at: string, message: string, actor: string | null) {
  const [deleted] = await db.batch([
    db.prepare("DELETE FROM poweroffice_connection WHERE id = 1"),
    db.prepare("DELETE FROM settings WHERE key = ?").bind(LAST_PROBLEM_SETTING),
    activity(db, at, "poweroffice-disconnected", message, actor),
  ]);
  return (deleted?.meta.changes ?? 0) > 0;
}

/** A new start: older open states are superseded (one connection attempt at a time), old rows go. */
export async function insertOnboarding(db: D1Database, row: OnboardingRow, nowMs: number): Promise<void> {
  await db.batch([
    db
      .prepare("DELETE FROM poweroffice_onboarding WHERE created_at < ?")
      .bind(new Date(nowMs - KEEP_ONBOARDING_MS).toISOString()),
    db
      .prepare("UPDATE poweroffice_onboarding SET used_at = ?, outcome = 'superseded' WHERE used_at IS NULL")
      .bind(row.created_at),
    db
      .prepare(
        `INSERT INTO poweroffice_onboarding (state_hash, started_by, organization_number, return_url, created_at,
          expires_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .bind(row.state_hash, row.started_by, row.organization_number, row.return_url, row.created_at, row.expires_at),
  ]);
}

/**
 * Marks the state used, once: the row when this call used it, else what is known of it (used before, superseded,
 * or null when the worker never issued it).
 */
export async function claimOnboarding(
  db: D1Database,
  stateHash: string,
  at: string,
): Promise<{ claimed: true; row: OnboardingRow } | { claimed: false; row: OnboardingRow | null }> {
  const claimed = await db
    .prepare("UPDATE poweroffice_onboarding SET used_at = ? WHERE state_hash = ? AND used_at IS NULL RETURNING *")
    .bind(at, stateHash)
    .first<OnboardingRow>();
  if (claimed) return { claimed: true, row: claimed };
  const known = await db
    .prepare("SELECT * FROM poweroffice_onboarding WHERE state_hash = ?")
    .bind(stateHash)
    .first<OnboardingRow>();
  return { claimed: false, row: known };
}

/** How a used state ended, and (for a failure) the problem the widget shows until the next connect. */
export async function endOnboarding(
  db: D1Database,
  stateHash: string,
  outcome: string,
  problem: { code: string; message: string } | null,
): Promise<void> {
  const statements = [
    db.prepare("UPDATE poweroffice_onboarding SET outcome = ? WHERE state_hash = ?").bind(outcome, stateHash),
  ];
  if (problem) {
    statements.push(
      db
        .prepare(
          `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
           ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        )
        .bind(LAST_PROBLEM_SETTING, JSON.stringify(problem)),
    );
  }
  await db.batch(statements);
}

export async function readSetting(db: D1Database, key: string): Promise<string | null> {
  const row = await db.prepare("SELECT value FROM settings WHERE key = ?").bind(key).first<{ value: string }>();
  return row?.value ?? null;
}

export async function writeSetting(db: D1Database, key: string, value: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .bind(key, value)
    .run();
}
