/**
 * The details GET /health gives a widget token (docs/operations.md): per dataflow when it last did something and how
 * long its oldest waiting work has waited, the queue's dead letters no one has replayed, and the database's size. One
 * D1 batch.
 */
import type { DailyLimitView } from "../../shared/api/status";
import { DATAFLOWS, type DataflowId } from "../core/types";
import type { DailyLimit } from "../store/daily-limit-setting";
import { buildStatus } from "./status-model";
import { readStatusFacts } from "./status-queries";

export interface DataflowHealth {
  dataflow: DataflowId;
  /** The last time a feed advanced or a record of it was synced; null before its first run. */
  lastRunAt: string | null;
  /** Links waiting to be synced: pending, or with a retry scheduled. */
  backlog: number;
  /** Seconds the oldest of those due now has waited since it last changed; 0 when nothing is due. */
  lagSeconds: number;
  paused: boolean;
  braked: boolean;
}

export interface HealthDetails {
  dataflows: DataflowHealth[];
  /** Queue messages given up on (by the consumer or the platform's dead-letter queue), not replayed yet. */
  deadLetters: number;
  /** Cloudflare's daily allowances used up now (docs/operations.md, Daily allowances); empty on a normal day. */
  dailyLimits: DailyLimitView[];
  /**
   * The D1 database's size in bytes, as D1 reports it with every answer (`meta.size_after`): what its size limit
   * counts (500 MB on Workers Free). Null when D1 did not say.
   */
  databaseBytes: number | null;
}

// `state <> 'linked'` lets SQLite use the partial index links_state (worker/store/schema.md).
const WAITING = `SELECT dataflow, MIN(updated_at) AS since FROM links
  WHERE (state = 'pending' AND state <> 'linked') OR (next_retry_at IS NOT NULL AND next_retry_at <= ?) GROUP BY dataflow`;
const DEAD = "SELECT COUNT(*) AS n FROM dead_letters WHERE replayed_at IS NULL";

export async function readHealthDetails(db: D1Database, now: number, known: DailyLimit[] = []): Promise<HealthDetails> {
  const [facts, [waiting, dead]] = await Promise.all([
    readStatusFacts(db, 0, now),
    db.batch([db.prepare(WAITING).bind(new Date(now).toISOString()), db.prepare(DEAD)]),
  ]);
  const status = buildStatus(facts, { now, policy: "newest-wins", dailyLimits: known });
  const since = new Map(
    ((waiting?.results ?? []) as Array<{ dataflow: string; since: string }>).map((r) => [r.dataflow, r.since]),
  );
  return {
    dataflows: DATAFLOWS.map((dataflow) => {
      const flow = status.dataflows.find((d) => d.dataflow === dataflow)!;
      const oldest = since.get(dataflow);
      return {
        dataflow,
        lastRunAt: flow.lastRunAt,
        backlog: flow.backlog,
        lagSeconds: oldest ? Math.max(0, Math.round((now - Date.parse(oldest)) / 1000)) : 0,
        paused: flow.directions.some((d) => d.paused),
        braked: flow.brake !== null,
      };
    }),
    deadLetters: Number((dead?.results?.[0] as { n?: number } | undefined)?.n ?? 0),
    dailyLimits: status.dailyLimits,
    databaseBytes: sizeOf(dead),
  };
}

function sizeOf(result: D1Result | undefined): number | null {
  const size = (result?.meta as { size_after?: unknown } | undefined)?.size_after;
  return typeof size === "number" && Number.isFinite(size) ? size : null;
}
