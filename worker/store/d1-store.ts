/**
 * `Store` on D1 (schema: worker/migrations/0003_sync_state.sql, described in worker/store/schema.md). The clock
 * stamps updated_at; the engine passes its own so tests control time.
 */

import type { Clock, Store } from "../core/ports";
import type { ActivityEntry, DataflowId } from "../core/types";
import { type ActivityRow, fromActivityRow } from "./activity-rows";
import { skipValues } from "./commit-checks";
import { DELETE_SETTING, d1Commit, UPSERT_SETTING } from "./d1-commit";
import { d1Leases } from "./d1-leases";
import { d1LinkStore } from "./d1-link-store";
import { allInChunks, inPlaceholders } from "./in-list";
import { keptPageOf } from "./kept-page";
import { checkLimit } from "./limits";
import { readRows } from "./read-rows";
import type { StoreOptions } from "./store-options";

const systemClock: Clock = { now: () => Date.now() };

/** `Store.cursors.skip`: one row written when it moves, none when it does not. */
const SKIP_CURSOR = `UPDATE cursors SET value = ?4, updated_at = ?5
  WHERE dataflow = ?1 AND side = ?2 AND value = ?3 AND page IS NULL
    AND NOT EXISTS (SELECT 1 FROM leases WHERE name = ?6 AND expires_at > ?7)`;

export function createD1Store(db: D1Database, options: StoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const read = readRows();
  return {
    links: d1LinkStore(db, clock, read),
    cursors: {
      async get(dataflow, side) {
        const row = await db
          .prepare("SELECT value FROM cursors WHERE dataflow = ? AND side = ?")
          .bind(dataflow, side)
          .first<{ value: string }>();
        return row ? JSON.parse(row.value) : null;
      },
      async read(dataflow, side) {
        const row = await db
          .prepare("SELECT value, page FROM cursors WHERE dataflow = ? AND side = ?")
          .bind(dataflow, side)
          .first<{ value: string; page: string | null }>();
        return row ? { value: JSON.parse(row.value), page: keptPageOf(row.page) } : { value: null, page: null };
      },
      async skip(dataflow, side, move) {
        const [from, to] = skipValues(dataflow, side, move);
        const result = await db
          .prepare(SKIP_CURSOR)
          .bind(dataflow, side, from, to, new Date(move.nowMs).toISOString(), move.lease, move.nowMs)
          .run();
        return result.meta.changes === 1;
      },
    },
    commit: d1Commit(db, clock, read, options),
    leases: d1Leases(db),
    settings: {
      async get(key) {
        const row = await db.prepare("SELECT value FROM settings WHERE key = ?").bind(key).first<{ value: string }>();
        return row?.value ?? null;
      },
      async getMany(keys) {
        const out: Record<string, string | null> = Object.fromEntries(keys.map((key) => [key, null]));
        const rows = await allInChunks<{ key: string; value: string }>(db, keys, 0, (chunk) =>
          db.prepare(`SELECT key, value FROM settings WHERE key IN (${inPlaceholders(chunk.length)})`).bind(...chunk),
        );
        for (const row of rows) out[row.key] = row.value;
        return out;
      },
      async set(key, value) {
        const statement =
          value === null
            ? db.prepare(DELETE_SETTING).bind(key)
            : db.prepare(UPSERT_SETTING).bind(key, value, new Date(clock.now()).toISOString());
        await statement.run();
      },
    },
    activity: {
      async recent(limit, filter: { dataflow?: DataflowId; linkId?: number } = {}): Promise<ActivityEntry[]> {
        const where = ["dataflow IS NOT NULL"];
        const binds: unknown[] = [];
        if (filter.dataflow !== undefined) {
          where.push("dataflow = ?");
          binds.push(filter.dataflow);
        }
        if (filter.linkId !== undefined) {
          where.push("link_id = ?");
          binds.push(filter.linkId);
        }
        const { results } = await db
          .prepare(`SELECT * FROM activity_log WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT ?`)
          .bind(...binds, checkLimit(limit))
          .all<ActivityRow>();
        return results.map(fromActivityRow);
      },
    },
  };
}
