/** GET /api/status: one D1 batch per request, nothing cached (a KV read would cost as much as the batch it saves). */
import { Hono } from "hono";
import { buildStatus, RECENT_ACTIVITY } from "../../status/status-model";
import { readStatusFacts } from "../../status/status-queries";
import type { ApiEnv } from "./context";

export const statusRoutes = new Hono<ApiEnv>().get("/status", async (c) => {
  const deps = c.var.deps();
  const facts = await readStatusFacts(deps.db, RECENT_ACTIVITY);
  return c.json(buildStatus(facts, { now: deps.now(), policy: c.var.config.conflictPolicy }));
});
