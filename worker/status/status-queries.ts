/**
 * The raw facts behind GET /api/status, read in ONE D1 batch (one round trip, one subrequest of the budget): links
 * counted per dataflow and state, the engine's switches, the feeds' cursors, each dataflow's latest activity, the
 * newest activity entries, the open queue dead letters and today's tally of the daily allowances. Every query is served by an index (worker/store/schema.md).
 */

import type { DailyUsage } from "../core/pacing";
import type { ActivityEntry } from "../core/types";
import { type ActivityRow, fromActivityRow } from "../store/activity-rows";
import { type DailyUsageRow, selectUsage, usageFromRow } from "../store/daily-usage";

export interface CountRow {
  dataflow: string;
  state: string;
  n: number;
  /** Links of this state with a next attempt scheduled. */
  scheduled: number;
  /** Errors without a next attempt: the record used up its attempts (dead-lettered) or cannot be retried by itself. */
  dead: number;
}

export interface SettingRow {
  key: string;
  value: string;
  updated_at: string;
}

export interface CursorRow {
  dataflow: string;
  side: string;
  updated_at: string;
}

export interface LatestRow {
  dataflow: string;
  at: string;
}

export interface StatusFacts {
  counts: CountRow[];
  settings: SettingRow[];
  cursors: CursorRow[];
  latest: LatestRow[];
  recent: ActivityEntry[];
  /** Queue dead letters not replayed yet. */
  queueDeadLetters: number;
  /** Today's tally of the daily allowances (worker/store/daily-usage.ts). */
  usage: DailyUsage;
}

const COUNTS = `SELECT dataflow, state, COUNT(*) AS n,
  SUM(CASE WHEN next_retry_at IS NOT NULL THEN 1 ELSE 0 END) AS scheduled,
  SUM(CASE WHEN state = 'error' AND next_retry_at IS NULL THEN 1 ELSE 0 END) AS dead
  FROM links GROUP BY dataflow, state`;
// The engine's keys (worker/engine/settings.ts); "brake:%" does not match "brake-window:…". daily-limit:… are the
// allowances found used up (worker/budgets/daily-limits.ts).
const SETTINGS = `SELECT key, value, updated_at FROM settings
  WHERE key LIKE 'pause:%' OR key LIKE 'brake:%' OR key LIKE 'backfill:%' OR key LIKE 'daily-limit:%'`;
const CURSORS = "SELECT dataflow, side, updated_at FROM cursors";
const LATEST = `SELECT dataflow, at FROM activity_log WHERE id IN
  (SELECT MAX(id) FROM activity_log WHERE dataflow IS NOT NULL GROUP BY dataflow)`;
// Served by the index dead_letters_open (replayed_at, id): the open ones are one range of it.
const OPEN_DEAD_LETTERS = "SELECT COUNT(*) AS n FROM dead_letters WHERE replayed_at IS NULL";
const RECENT = `SELECT at, action, message, dataflow, link_id, side, changes, actor FROM activity_log
  WHERE dataflow IS NOT NULL ORDER BY id DESC LIMIT ?`;

export async function readStatusFacts(db: D1Database, recentLimit: number, now: number): Promise<StatusFacts> {
  const [counts, settings, cursors, latest, recent, deadLetters, usage] = await db.batch([
    db.prepare(COUNTS),
    db.prepare(SETTINGS),
    db.prepare(CURSORS),
    db.prepare(LATEST),
    db.prepare(RECENT).bind(recentLimit),
    db.prepare(OPEN_DEAD_LETTERS),
    selectUsage(db, now),
  ]);
  return {
    counts: (counts?.results ?? []) as CountRow[],
    settings: (settings?.results ?? []) as SettingRow[],
    cursors: (cursors?.results ?? []) as CursorRow[],
    latest: (latest?.results ?? []) as LatestRow[],
    recent: ((recent?.results ?? []) as ActivityRow[]).map(fromActivityRow),
    queueDeadLetters: ((deadLetters?.results ?? []) as Array<{ n: number }>)[0]?.n ?? 0,
    usage: usageFromRow(((usage?.results ?? []) as DailyUsageRow[])[0]),
  };
}
