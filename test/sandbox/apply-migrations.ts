/**
 * Applies worker/migrations to a Miniflare D1 as `wrangler d1 migrations apply` does: each file's statements, then
 * its name in d1_migrations (wrangler's own table), which the worker reads before every job (docs/operations.md).
 */
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";

interface D1Like {
  prepare(sql: string): { bind(...values: unknown[]): { run(): Promise<unknown> }; run(): Promise<unknown> };
}

/** wrangler's d1_migrations table, as `wrangler d1 migrations apply` creates it. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`;

export async function applyMigrations(db: D1Like, dir: string): Promise<void> {
  await db.prepare(MIGRATIONS_TABLE).run();
  for (const migration of await readD1Migrations(dir)) {
    for (const sql of migration.queries) await db.prepare(sql).run();
    await db.prepare("INSERT INTO d1_migrations (name) VALUES (?)").bind(migration.name).run();
  }
}
