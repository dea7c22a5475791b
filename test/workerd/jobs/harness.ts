/**
 * A whole world for the sync's integration tests inside workerd: both simulators in-process behind simFetch, the
 * worker's own handlers (cron, queue, webhook route) on the real local D1 and KV, a recording queue, one fake clock.
 * runCron() / deliverWebhooks() / drainQueue() drive it; cycle() does all three until nothing is left to do.
 */

import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { env } from "cloudflare:workers";
import { type Budget, createBudget, SUBREQUEST_BUDGET } from "../../../worker/budgets/budget";
import { createRateLimiter } from "../../../worker/connectors/poweroffice/rate-limiter";
import type { ConflictPolicy } from "../../../worker/core/types";
import { createWorker } from "../../../worker/index";
import type { CronReport } from "../../../worker/jobs/cron";
import type { DepsOverrides } from "../../../worker/wiring/build-deps";
import { createPowerOfficeSim, type PowerOfficeSimOptions } from "../../sim/poweroffice";
import { createReferenceWebshop, type ReferenceWebshopOptions } from "../../sim/webshop";
import { fakeClock } from "../fake-clock";
import { simFetch } from "../sim-fetch";
import { type QueuedMessage, recordingQueue } from "./recording-queue";
import { resetSyncTables } from "./tables";

export const START = Date.UTC(2026, 10, 26, 12, 0, 0);
export const WEBHOOK_URL = "https://worker.test/webhooks/webshop";
const QUEUE_NAME = "poweroffice-sync-work";
/** Rounds of one queue batch each before drainQueue gives up (a message that keeps requeueing itself is a bug). */
const MAX_DRAIN_ROUNDS = 200;

export interface WorldOptions {
  policy?: ConflictPolicy;
  poweroffice?: PowerOfficeSimOptions;
  shop?: Omit<ReferenceWebshopOptions, "webhooks" | "now">;
  /**
   * Count subrequests without ever refusing one (the hard limit far away), to measure what the planning alone keeps
   * an invocation to; by default the production budget refuses past the Free plan's limit.
   */
  measureOnly?: boolean;
  /** Other overrides for buildDeps (wrapStore, wrapSide, wrapQueue, limits). */
  overrides?: Omit<DepsOverrides, "fetch" | "sleep" | "now" | "budget" | "limiter">;
  /**
   * Replaces bindings the worker gets (D1, the queue, KV), given the world's own and its clock, e.g. to refuse calls
   * as Cloudflare does once a daily allowance is used up.
   */
  bindings?: (env: Env, now: () => number) => Partial<Env>;
}

let worldCount = 0;

/** Empties the sync tables first: tests of one file share one D1, and each world starts from nothing. */
export async function createWorld(options: WorldOptions = {}) {
  await resetSyncTables(env.DB);
  worldCount += 1;
  const tag = `${Date.now().toString(36)}-${worldCount}`;
  const keys = { applicationKey: `app-${tag}`, clientKey: `client-${tag}`, subscriptionKey: `sub-${tag}` };
  const clock = fakeClock(START);
  const poweroffice = createPowerOfficeSim({ ...keys, now: clock.now, ...options.poweroffice });
  const queue = recordingQueue();
  const budgets: Budget[] = [];
  const cronReports: CronReport[] = [];
  const webhookAnswers: number[] = [];
  /** The worker's log lines (cron summaries, the engine's notes), kept instead of printed. */
  const logs: string[] = [];
  // Unique PowerOffice keys per world, so the real KV token cache never hands a token from another world's simulator.
  const baseEnv = {
    ...env,
    SYNC_QUEUE: queue.queue,
    POWEROFFICE_APPLICATION_KEY: keys.applicationKey,
    POWEROFFICE_CLIENT_KEY: keys.clientKey,
    POWEROFFICE_SUBSCRIPTION_KEY: keys.subscriptionKey,
    CONFLICT_POLICY: options.policy ?? "newest-wins",
  } as typeof env;
  const workerEnv = options.bindings ? { ...baseEnv, ...options.bindings(baseEnv, clock.now) } : baseEnv;
  const worker = createWorker(
    {
      fetch: simFetch({ "poweroffice.sim": poweroffice, "webshop.sim": { fetch: (r) => shop.fetch(r) } }),
      sleep: clock.sleep,
      now: clock.now,
      random: () => 0.5,
      limiter: createRateLimiter(),
      log: (line) => logs.push(line),
      budget: () => {
        const budget = options.measureOnly ? createBudget(SUBREQUEST_BUDGET, 10_000) : createBudget();
        budgets.push(budget);
        return budget;
      },
      ...options.overrides,
    },
    { onCron: (report) => cronReports.push(report) },
  );
  const shop = createReferenceWebshop({
    ...options.shop,
    now: clock.now,
    webhooks: {
      url: WEBHOOK_URL,
      secret: env.WEBSHOP_WEBHOOK_SECRET as string,
      mode: "manual",
      // Intake checks the signature's timestamp against the worker's clock: the same fake one.
      now: clock.now,
      deliver: async (request) => {
        const ctx = createExecutionContext();
        const response = await worker.fetch(request, workerEnv, ctx);
        webhookAnswers.push(response.status);
        // The event is synced after the answer, in the same invocation (waitUntil): a delivery ends when that does.
        await waitOnExecutionContext(ctx);
        return response;
      },
    },
  });

  async function runCron(): Promise<CronReport> {
    const ctx = createExecutionContext();
    const controller = createScheduledController({ scheduledTime: clock.now(), cron: "* * * * *" });
    await worker.scheduled(controller, workerEnv, ctx);
    await waitOnExecutionContext(ctx);
    return cronReports[cronReports.length - 1]!;
  }

  /** One batch of up to 10 pending messages through the worker's queue handler; retried ones go back in line. */
  async function consumeOnce(size = 10) {
    const taken = queue.take(size);
    if (taken.length === 0) return { acked: [] as QueuedMessage[], retried: [] as QueuedMessage[] };
    const batch = createMessageBatch<unknown>(
      QUEUE_NAME,
      taken.map((m) => ({ id: m.id, timestamp: new Date(clock.now()), attempts: m.attempts, body: m.body })),
    );
    const ctx = createExecutionContext();
    await worker.queue(batch, workerEnv, ctx);
    const result: { explicitAcks: string[]; retryMessages: Array<{ msgId: string }> } = await getQueueResult(
      batch,
      ctx,
    );
    const retriedIds = new Set(result.retryMessages.map((r) => r.msgId));
    const retried = taken.filter((m) => retriedIds.has(m.id));
    queue.requeue(retried);
    return { acked: taken.filter((m) => result.explicitAcks.includes(m.id)), retried };
  }

  /** Consumes until the queue is empty; retried messages come back (time moves a minute per round with retries). */
  async function drainQueue(): Promise<number> {
    let consumed = 0;
    for (let round = 0; round < MAX_DRAIN_ROUNDS; round++) {
      if (queue.pending.length === 0) return consumed;
      const { acked, retried } = await consumeOnce();
      consumed += acked.length;
      if (retried.length > 0) clock.advance(60_000);
    }
    throw new Error(`the queue did not drain in ${MAX_DRAIN_ROUNDS} rounds: ${JSON.stringify(queue.pending[0])}`);
  }

  const deliverWebhooks = () => shop.webhooks.flush();

  /**
   * One sync cycle as production runs it, a minute (or `advanceMs`) later than the last: the cron, then every webhook
   * the shop has to send and every queued message, until none is left.
   */
  async function cycle(advanceMs = 61_000): Promise<CronReport> {
    clock.advance(advanceMs);
    const report = await runCron();
    await settle();
    return report;
  }

  /** Webhooks and queue until both are empty (webhooks of the worker's own writes lead to more messages). */
  async function settle() {
    for (let round = 0; round < 20; round++) {
      await deliverWebhooks();
      await drainQueue();
      if (shop.webhooks.pending() === 0 && queue.pending.length === 0) return;
    }
    throw new Error("webhooks and queue did not settle in 20 rounds");
  }

  return {
    clock,
    poweroffice,
    shop,
    queue,
    worker,
    env: workerEnv,
    budgets,
    cronReports,
    webhookAnswers,
    logs,
    runCron,
    consumeOnce,
    drainQueue,
    deliverWebhooks,
    cycle,
    settle,
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;
