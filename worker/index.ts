/** The worker's entry: HTTP (Hono), the cron trigger and the Queue consumer. Each hands off at once. */
import type { Env } from "./env";
import { app } from "./http/app";

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
