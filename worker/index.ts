/** The worker's entry: HTTP (Hono), the cron trigger and the Queue consumer. Each hands off at once. */
import type { Env } from "./env";
import { app } from "./http/app";
import { consumeSyncBatch } from "./queue/consumer";
import { buildConsumerDeps } from "./queue/deps";
import { buildSweepDeps } from "./webhooks/deps";
import { sweepInbox } from "./webhooks/sweep";

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await consumeSyncBatch(batch, buildConsumerDeps(env));
  },
  async scheduled(controller, env) {
    await sweepInbox({ ...buildSweepDeps(env), now: () => controller.scheduledTime });
  },
} satisfies ExportedHandler<Env>;
