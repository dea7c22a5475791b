/**
 * The one place that reads the worker's bindings: configuration, both connectors, the D1 store, the queue, the
 * clock and the engine, all metered against one invocation's subrequest budget. Tests pass `overrides`.
 */

import { type Budget, budgetFor } from "../budgets/budget";
import { type DailyLimit, type DailyLimitBook, dailyLimitGuard, isolateDailyLimits } from "../budgets/daily-limits";
import { type KvLike, meteredD1, meteredFetch, meteredKv, meteredQueue } from "../budgets/metered";
import { PREVIEW_PLAN_CHUNK } from "../budgets/plan-budget";
import { type UsageMeter, usageMeter } from "../budgets/usage-meter";
import { createPowerOfficeClient, type PowerOfficeClient } from "../connectors/poweroffice/client";
import type { RateLimiter } from "../connectors/poweroffice/rate-limiter";
import { createWebshopClient, type WebshopClient } from "../connectors/webshop/client";
import type { FetchLike } from "../connectors/webshop/runtime";
import type { Clock, CommitFence, SidePort, Store } from "../core/ports";
import type { ConflictPolicy, Side } from "../core/types";
import { createEngine, type Engine } from "../engine/engine";
import { type LeaseBook, leaseBook, sleepKeeping } from "../engine/lease-book";
import type { EngineLimits } from "../engine/limits";
import { type DeadLetterStore, d1DeadLetters } from "../messages/dead-letters";
import type { SyncQueueProducer } from "../messages/message";
import { createPowerOfficeSide } from "../sides/poweroffice-side";
import { createWebshopSide } from "../sides/webshop-side";
import { createD1Store } from "../store/d1-store";
import { d1WebhookInbox, type WebhookInbox } from "../webhooks/inbox";
import { type Config, readConfig } from "./config";
import { sealedClientKey } from "./poweroffice-connection";

export type { EngineLimits };

export interface DepsOverrides {
  /** How both systems are reached (default the global fetch); tests route to the in-process simulators. */
  fetch?: FetchLike;
  /** The connectors' waits between their own retries; tests pass one that moves a fake clock. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds, for everything: the engine, the connectors, the leases. */
  now?: () => number;
  /** Jitter of the connectors' retry delays. */
  random?: () => number;
  /** The PowerOffice client-side rate limiter (default: shared by the isolate); tests with a fake clock pass their own. */
  limiter?: RateLimiter;
  /** Makes each invocation's budget (default: the one WORKERS_PLAN allows, the Free plan's); tests keep them to check. */
  budget?: () => Budget;
  /** Wraps the D1 store, e.g. to make a commit fail once (a crash between steps). */
  wrapStore?: (store: Store) => Store;
  /** Wraps the queue producer, e.g. to record or fail sends. */
  wrapQueue?: (queue: SyncQueueProducer) => SyncQueueProducer;
  /** Wraps a side, e.g. to fail a call. */
  wrapSide?: (side: SidePort) => SidePort;
  /** The engine's limits (page size, brake); the triggers shrink the page size to what the budget allows. */
  limits?: EngineLimits;
  policy?: ConflictPolicy;
  log?: (line: string) => void;
  /** What is known used up of Cloudflare's daily allowances (default: the isolate's book); tests pass their own. */
  dailyLimits?: DailyLimitBook;
  /** Records the preview plans per invocation (default PREVIEW_PLAN_CHUNK by WORKERS_PLAN); tests make it small. */
  previewPlanChunk?: number;
}

/** What needs configuration: without it the sync stays off, and says why, while the inbox sweep keeps running. */
export type SyncSetup =
  | {
      ok: true;
      config: Config;
      poweroffice: PowerOfficeClient;
      webshop: WebshopClient;
      sides: Record<Side, SidePort>;
      engine: Engine;
      /**
       * The same engine with other limits (e.g. a page size that fits what is left of the budget), its commits fenced
       * by `fence` (the lease the work runs under) when given.
       */
      engineWith(limits: EngineLimits, fence?: CommitFence): Engine;
    }
  | { ok: false; problems: string[] };

export interface Deps {
  budget: Budget;
  /** How both systems are reached, each request counted against `budget` (the connectors of `sync` use it too). */
  fetch: FetchLike;
  /** The D1 database and the KV cache, each call counted against `budget`: routes read through these, never `env`. */
  db: D1Database;
  cache: KvLike;
  now: () => number;
  clock: Clock;
  queue: SyncQueueProducer;
  store: Store;
  /** The leases this invocation holds, renewed while it works and waits (worker/engine/lease-book.ts). */
  leases: LeaseBook;
  inbox: WebhookInbox;
  deadLetters: DeadLetterStore;
  sync: SyncSetup;
  log: (line: string) => void;
  /** Cloudflare's daily allowances known used up (worker/budgets/daily-limits.ts), shared by the isolate. */
  dailyLimits: DailyLimitBook;
  /** The daily allowance an error says is used up (noted in `dailyLimits`), or null for any other failure. */
  spotDailyLimit: (error: unknown) => DailyLimit | null;
  /** WORKERS_PLAN (Free when the configuration is incomplete): Free paces the first sync by the day's tally. */
  plan: "free" | "paid";
  /** What this invocation used of the daily allowances; the triggers add it to the day's tally at their end. */
  usage: UsageMeter;
  /** Records the preview plans per invocation, so that each fits the plan's CPU limit (docs/sync-engine.md, "Preview"). */
  previewPlanChunk: number;
  /**
   * Links the engine made due at once in this invocation because what they waited for was just linked; the trigger
   * queues their retries before it ends (worker/jobs/due-retries.ts).
   */
  woken: number[];
}

/** Built once per invocation (an HTTP request, a cron run, a queue batch): the budget is that invocation's. */
export function buildDeps(env: Env, overrides: DepsOverrides = {}): Deps {
  const parsed = readConfig(env);
  const budget = overrides.budget?.() ?? budgetFor(parsed.ok ? parsed.config.workersPlan : "free");
  const now = overrides.now ?? (() => Date.now());
  const clock: Clock = { now };
  const log = overrides.log ?? ((line: string) => console.log(line));
  const dailyLimits = overrides.dailyLimits ?? isolateDailyLimits;
  const plan = parsed.ok ? parsed.config.workersPlan : "free";
  const { spot: spotDailyLimit, guard } = dailyLimitGuard(dailyLimits, { now, plan });
  const usage = usageMeter();
  const db = meteredD1(env.DB, budget, guard, usage);
  const rawQueue = meteredQueue(env.SYNC_QUEUE as unknown as SyncQueueProducer, budget, guard, usage);
  const queue = overrides.wrapQueue ? overrides.wrapQueue(rawQueue) : rawQueue;
  // A configuration that does not parse syncs nothing, so it needs no retention either: nothing is deleted then.
  const activityRetentionDays = parsed.ok ? parsed.config.activityRetentionDays : undefined;
  const d1Store = createD1Store(db, { clock, activityRetentionDays });
  const store = overrides.wrapStore ? overrides.wrapStore(d1Store) : d1Store;
  const woken: number[] = [];
  const leases = leaseBook(store, clock);
  const cache = meteredKv(env.CACHE, budget, guard, usage);
  const fetch = meteredFetch(overrides.fetch ?? ((request) => globalThis.fetch(request)), budget);
  return {
    budget,
    fetch,
    db,
    cache,
    now,
    clock,
    queue,
    store,
    leases,
    inbox: d1WebhookInbox(db),
    deadLetters: d1DeadLetters(db),
    sync: syncSetup(env, overrides, { budget, fetch, cache, db, now, clock, store, leases, log, woken }),
    log,
    dailyLimits,
    spotDailyLimit,
    plan,
    usage,
    previewPlanChunk: overrides.previewPlanChunk ?? PREVIEW_PLAN_CHUNK[plan],
    woken,
  };
}

function syncSetup(
  env: Env,
  overrides: DepsOverrides,
  base: {
    budget: Budget;
    fetch: FetchLike;
    cache: KvLike;
    db: D1Database;
    now: () => number;
    clock: Clock;
    store: Store;
    leases: LeaseBook;
    log: (line: string) => void;
    woken: number[];
  },
): SyncSetup {
  const parsed = readConfig(env);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const config = parsed.config;
  const { budget, fetch, cache, db, now, clock, store, leases, log, woken } = base;
  const realSleep = overrides.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Once nothing more may be sent in this invocation, waiting before a connector's next attempt only burns time.
  // A wait longer than a held lease's renewal interval renews it on the way (the wait may be minutes on a 429).
  const keeping = sleepKeeping(leases, realSleep, now);
  const sleep = (ms: number) => (budget.exhausted() ? Promise.resolve() : keeping(ms));
  const timing = { now, sleep, ...(overrides.random ? { random: overrides.random } : {}) };
  const poweroffice = createPowerOfficeClient({
    // The secret wins; without it, the key onboarding sealed in D1, opened only when a token is minted.
    config: {
      ...config.poweroffice,
      clientKey: config.poweroffice.clientKey ?? sealedClientKey(db, config.credentialsKey),
    },
    fetch,
    cache,
    ...timing,
    ...(overrides.limiter ? { limiter: overrides.limiter } : {}),
  });
  const webshop = createWebshopClient({ config: config.webshop, fetch, ...timing });
  const wrap = overrides.wrapSide ?? ((side: SidePort) => side);
  const sides: Record<Side, SidePort> = {
    poweroffice: wrap(createPowerOfficeSide(poweroffice)),
    webshop: wrap(createWebshopSide(webshop)),
  };
  const policy = overrides.policy ?? config.conflictPolicy;
  const engineWith = (limits: EngineLimits, fence?: CommitFence) =>
    createEngine({
      store,
      sides,
      clock,
      policy,
      log,
      limits: { ...overrides.limits, ...limits },
      onWoken: (ids) => woken.push(...ids),
      leases,
      ...(fence ? { fence } : {}),
    });
  return { ok: true, config, poweroffice, webshop, sides, engine: engineWith({}), engineWith };
}
