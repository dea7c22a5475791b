/**
 * GET /api/status from the facts of one D1 batch (status-queries.ts): per dataflow its counts, backlog, backfill,
 * feeds, pause switches and brake, plus what needs the admin. Pure: the facts and the clock in, the answer out.
 */
import {
  DAILY_ALLOWANCES,
  type DailyAllowance,
  type DailyLimitView,
  type DataflowStatus,
  type StateCounts,
  type StatusResponse,
} from "../../shared/api/status";
import { VERSION } from "../../shared/version";
import { type ConflictPolicy, DATAFLOWS, type DataflowId, DIRECTIONS, LINK_STATES, SIDES } from "../core/types";
import { brakeWords } from "../engine/holds";
import { brakeKey, CUSTOMERS_GATE_KEY, pauseKey } from "../engine/settings";
import { type DailyLimit, dailyLimitKey, keptDailyLimit } from "../store/daily-limit-setting";
import { feedReadToEnd, firstSyncOf } from "./first-sync-view";
import type { StatusFacts } from "./status-queries";

/** The cron fires every minute (wrangler.toml `crons = ["* * * * *"]`). */
export const CRON_EVERY_MS = 60_000;
export const RECENT_ACTIVITY = 20;

export interface StatusContext {
  now: number;
  policy: ConflictPolicy;
  /** Allowances this isolate knows are used up (worker/budgets/daily-limits.ts), besides those kept in D1. */
  dailyLimits?: DailyLimit[];
  /** WORKERS_PLAN: Workers Free paces the first sync (default free). */
  plan?: "free" | "paid";
}

const iso = (ms: number) => new Date(ms).toISOString();
const latestOf = (times: Array<string | null | undefined>): string | null =>
  times
    .filter((t): t is string => typeof t === "string")
    .sort()
    .at(-1) ?? null;

export function buildStatus(facts: StatusFacts, context: StatusContext): StatusResponse {
  const settings = new Map(facts.settings.map((row) => [row.key, row]));
  const nextRunAt = iso((Math.floor(context.now / CRON_EVERY_MS) + 1) * CRON_EVERY_MS);
  const keys = new Set(settings.keys());
  const firstSyncContext = {
    now: context.now,
    plan: context.plan ?? "free",
    usage: facts.usage,
    resetsAt: Date.UTC(
      new Date(context.now).getUTCFullYear(),
      new Date(context.now).getUTCMonth(),
      new Date(context.now).getUTCDate() + 1,
    ),
    settings: keys,
    anyInFirstSync: DATAFLOWS.some((dataflow) => SIDES.some((side) => !feedReadToEnd(keys, dataflow, side))),
  };
  const attention = { errors: 0, conflicts: 0, ambiguous: 0, deadLetters: 0, queueDeadLetters: facts.queueDeadLetters };

  const dataflows = DATAFLOWS.map((dataflow): DataflowStatus => {
    const rows = facts.counts.filter((row) => row.dataflow === dataflow);
    const counts = Object.fromEntries(LINK_STATES.map((state) => [state, 0])) as StateCounts;
    let backlog = 0;
    for (const row of rows) {
      if (!(row.state in counts)) continue;
      counts[row.state as keyof StateCounts] = row.n;
      backlog += row.state === "pending" ? row.n : row.scheduled;
      attention.deadLetters += row.dead;
    }
    attention.errors += counts.error;
    attention.conflicts += counts.conflict;
    attention.ambiguous += counts.ambiguous;
    const total = LINK_STATES.reduce((sum, state) => sum + counts[state], 0);
    const cursors = facts.cursors.filter((row) => row.dataflow === dataflow);
    const feeds = SIDES.map((side) => {
      const cursor = cursors.find((row) => row.side === side);
      return { side, started: cursor !== undefined, advancedAt: cursor?.updated_at ?? null };
    });
    const brake = settings.get(brakeKey(dataflow));
    return {
      dataflow,
      directions: DIRECTIONS.map((direction) => {
        const pause = settings.get(pauseKey(dataflow, direction));
        return {
          direction,
          paused: pause !== undefined,
          pausedAt: pause ? pausedAt(pause.value, pause.updated_at) : null,
        };
      }),
      counts,
      total,
      backlog,
      backfill: {
        done: counts.linked + counts.archived + counts.skipped,
        total,
        complete: feeds.every((feed) => feed.started) && counts.pending === 0 && gateOpen(dataflow, settings),
      },
      firstSync: firstSyncOf(dataflow, counts, firstSyncContext),
      feeds,
      lastRunAt: latestOf([...feeds.map((f) => f.advancedAt), facts.latest.find((r) => r.dataflow === dataflow)?.at]),
      nextRunAt,
      brake: brake ? { since: brakeSince(brake.value, brake.updated_at), message: brakeWords(brake.value) } : null,
    };
  });

  return {
    version: VERSION,
    generatedAt: iso(context.now),
    conflictPolicy: context.policy,
    dataflows,
    attention,
    // The API names the actor on every entry: null for what the sync did by itself.
    recentActivity: facts.recent.map((entry) => ({ ...entry, actor: entry.actor ?? null })),
    dailyLimits: dailyLimitsOf(facts, context),
  };
}

/** Kept in D1 (Queue operations, KV writes) or known to this isolate (also D1's own), each once, while in force. */
export function dailyLimitsOf(facts: Pick<StatusFacts, "settings">, context: StatusContext): DailyLimitView[] {
  const found = new Map<DailyAllowance, number>();
  for (const limit of context.dailyLimits ?? []) found.set(limit.allowance, limit.resetsAt);
  for (const allowance of DAILY_ALLOWANCES) {
    const row = facts.settings.find((r) => r.key === dailyLimitKey(allowance));
    const kept = row ? keptDailyLimit(allowance, row.value, context.now) : null;
    if (kept && !found.has(allowance)) found.set(allowance, kept.resetsAt);
  }
  return DAILY_ALLOWANCES.filter((a) => found.has(a) && found.get(a)! > context.now).map((allowance) => ({
    allowance,
    resetsAt: iso(found.get(allowance)!),
  }));
}

/** Customers are complete only once the PowerOffice feed was read to its end (the engine's backfill gate). */
function gateOpen(dataflow: DataflowId, settings: Map<string, { value: string }>): boolean {
  return dataflow !== "customers" || settings.has(CUSTOMERS_GATE_KEY);
}

/** The engine writes the pause time as the value; the row's own time is the fallback. */
const pausedAt = (value: string, updatedAt: string) =>
  Number.isNaN(Date.parse(value)) ? updatedAt : iso(Date.parse(value));

function brakeSince(value: string, updatedAt: string): string {
  try {
    const at = (JSON.parse(value) as { at?: unknown }).at;
    if (typeof at === "string" && !Number.isNaN(Date.parse(at))) return iso(Date.parse(at));
  } catch {
    // The message below says the brake holds either way.
  }
  return updatedAt;
}
