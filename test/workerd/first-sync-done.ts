/**
 * A database past its first sync: both sides' feeds of every dataflow read once and matched (the first-read gate
 * open, docs/sync-engine.md "Matching"), for tests of what a webhook, a push or a retry does in steady state.
 */
import { env } from "cloudflare:workers";
import { DATAFLOWS, SIDES } from "../../worker/core/types";
import { firstReadKey, matchedKey } from "../../worker/engine/settings";

export async function markFirstSyncDone(db: D1Database = env.DB): Promise<void> {
  const at = "2026-01-01T00:00:00.000Z";
  const keys = DATAFLOWS.flatMap((dataflow) =>
    SIDES.flatMap((side) => [firstReadKey(dataflow, side), matchedKey(dataflow, side)]),
  );
  await db.batch(
    keys.map((key) =>
      db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES (?, ?, ?)").bind(key, at, at),
    ),
  );
}
