/**
 * Is D1's schema one this code can work on? Migrations are additive, so the code works on its own schema and on any
 * newer one (a rollback of the code); against an older one (the code deployed before its migration) every job does
 * nothing but report it (docs/operations.md, Upgrades). The answer is kept per isolate for a while, so a quiet cron
 * minute does not pay a D1 read for it each time.
 */
import { LATEST_MIGRATION } from "./schema-version";

export type SchemaState =
  /** Exactly the schema this code was written for. */
  | { usable: true; state: "current"; applied: string; expected: string }
  /** Newer migrations applied on top of this code's (the code was rolled back): additive, so still usable. */
  | { usable: true; state: "ahead"; applied: string; expected: string }
  /** Older, none at all, or D1 could not say: the code does nothing until it is current. */
  | { usable: false; state: "behind" | "unknown"; applied: string | null; expected: string; problem: string };

/** A usable answer holds this long; a migration that makes an older schema usable is seen within UNUSABLE_TTL_MS. */
export const USABLE_TTL_MS = 5 * 60_000;
export const UNUSABLE_TTL_MS = 10_000;

let cached: { state: SchemaState; until: number } | null = null;

/** The per-isolate answer, read again once it is older than its TTL (a read that failed is never kept). */
export async function checkSchema(db: D1Database, nowMs = Date.now()): Promise<SchemaState> {
  if (cached && nowMs < cached.until) return cached.state;
  return readSchemaState(db, nowMs);
}

/** Always reads D1 (GET /health), and keeps the fresh answer for the jobs. */
export async function readSchemaState(db: D1Database, nowMs = Date.now()): Promise<SchemaState> {
  const state = await querySchema(db);
  if (state.usable) cached = { state, until: nowMs + USABLE_TTL_MS };
  else if (state.state === "behind") cached = { state, until: nowMs + UNUSABLE_TTL_MS };
  else cached = null;
  return state;
}

/** Forgets the kept answer (tests that change d1_migrations under a running isolate). */
export function forgetSchemaState(): void {
  cached = null;
}

const APPLY = "run: npx wrangler d1 migrations apply DB --remote (npm run deploy does it before deploying)";

async function querySchema(db: D1Database): Promise<SchemaState> {
  const expected = LATEST_MIGRATION;
  let row: { latest: string | null; has_expected: number } | null;
  try {
    row = await db
      .prepare(
        `SELECT (SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1) AS latest,
           EXISTS (SELECT 1 FROM d1_migrations WHERE name = ?) AS has_expected`,
      )
      .bind(expected)
      .first();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/no such table: d1_migrations/.test(text)) return behind(null);
    return {
      usable: false,
      state: "unknown",
      applied: null,
      expected,
      problem: `D1 could not say which migrations are applied (${text}); the worker waits and asks again.`,
    };
  }
  const applied = row?.latest ?? null;
  if (applied === null) return behind(null);
  if (row?.has_expected) {
    return { usable: true, state: applied === expected ? "current" : "ahead", applied, expected };
  }
  return behind(applied);
}

function behind(applied: string | null): SchemaState {
  const expected = LATEST_MIGRATION;
  const at = applied === null ? "D1 has no migrations applied" : `D1 schema is at ${applied}`;
  return { usable: false, state: "behind", applied, expected, problem: `${at}, this code needs ${expected}: ${APPLY}` };
}
