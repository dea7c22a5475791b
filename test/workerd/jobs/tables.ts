/** Reading and resetting the sync's D1 tables from the integration tests (raw SQL: the test's own view of state). */
import { env } from "cloudflare:workers";

const SYNC_TABLES = [
  "links",
  "cursors",
  "leases",
  "settings",
  "activity_log",
  "webhook_inbox",
  "dead_letters",
  "daily_usage",
  "poweroffice_connection",
  "poweroffice_onboarding",
  "preview_records",
  "preview_items",
];

export async function resetSyncTables(db: D1Database): Promise<void> {
  await db.batch(SYNC_TABLES.map((table) => db.prepare(`DELETE FROM ${table}`)));
}

export interface LinkRow {
  id: number;
  /** Moved on by every write of the link. */
  rev: number;
  dataflow: string;
  poweroffice_id: string | null;
  webshop_id: string | null;
  state: string;
  reference: string | null;
  last_error: string | null;
  error_code: string | null;
  attempts: number;
  next_retry_at: string | null;
  conflicts: string | null;
}

export async function linkRows(dataflow?: string): Promise<LinkRow[]> {
  const statement = dataflow
    ? env.DB.prepare("SELECT * FROM links WHERE dataflow = ? ORDER BY id").bind(dataflow)
    : env.DB.prepare("SELECT * FROM links ORDER BY id");
  return (await statement.all<LinkRow>()).results;
}

export interface ActivityRow {
  id: number;
  action: string;
  dataflow: string | null;
  link_id: number | null;
  side: string | null;
  changes: string | null;
  message: string;
  /** JSON { sub } on an admin's actions (0005). */
  actor: string | null;
}

export async function activityRows(filter: { dataflow?: string; action?: string } = {}): Promise<ActivityRow[]> {
  const { results } = await env.DB.prepare(
    "SELECT * FROM activity_log WHERE dataflow IS NOT NULL ORDER BY id",
  ).all<ActivityRow>();
  return results.filter(
    (row) =>
      (filter.dataflow === undefined || row.dataflow === filter.dataflow) &&
      (filter.action === undefined || row.action === filter.action),
  );
}

export async function deadLetterRows() {
  const { results } = await env.DB.prepare("SELECT * FROM dead_letters ORDER BY id").all<{
    kind: string | null;
    reason: string;
    body: string;
  }>();
  return results;
}

export async function leaseRow(name: string) {
  return env.DB.prepare("SELECT * FROM leases WHERE name = ?")
    .bind(name)
    .first<{ name: string; holder: string; expires_at: number }>();
}
