/**
 * The worker's entry: HTTP (Hono), the cron trigger and the consumer of both queues (the sync's work, and the
 * platform's dead letters of it). Each hands off at once.
 */

import { createApp } from "./http/app";
import { consumeSyncBatch } from "./jobs/consumer";
import { buildConsumerDeps } from "./jobs/consumer-deps";
import { type CronReport, cronFailure, runCron } from "./jobs/cron";
import { consumeDeadLetterBatch, isDeadLetterQueue } from "./jobs/dead-letter-queue";
import { buildDeadLetterQueueDeps } from "./jobs/dead-letter-queue-deps";
import { buildDeps, type DepsOverrides } from "./wiring/build-deps";

export interface WorkerHooks {
  /** Sees each cron run's report (tests; the report is also logged). */
  onCron?: (report: CronReport) => void;
}

/** The handlers, with the overrides tests pass (in-process simulators, a fake clock, a recording budget). */
export function createWorker(overrides: DepsOverrides = {}, hooks: WorkerHooks = {}) {
  const app = createApp(overrides);
  return {
    fetch: app.fetch,
    async queue(batch: MessageBatch<unknown>, env: Env, _ctx?: ExecutionContext) {
      if (isDeadLetterQueue(batch.queue)) {
        await consumeDeadLetterBatch(batch, buildDeadLetterQueueDeps(env, overrides));
        return;
      }
      await consumeSyncBatch(batch, buildConsumerDeps(env, overrides));
    },
    async scheduled(controller: ScheduledController, env: Env, _ctx?: ExecutionContext) {
      const report = await runCron(buildDeps(env, overrides), { scheduledTime: controller.scheduledTime });
      hooks.onCron?.(report);
      const failure = cronFailure(report);
      if (failure) throw failure;
    },
  } satisfies ExportedHandler<Env>;
}

export default createWorker();
