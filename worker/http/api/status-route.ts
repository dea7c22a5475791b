/** GET /api/status: one D1 batch per request, nothing cached (a KV read would cost as much as the batch it saves). */
import { Hono } from "hono";
import { NO_USAGE } from "../../core/pacing";
import { buildStatus, RECENT_ACTIVITY } from "../../status/status-model";
import { readStatusFacts, type StatusFacts } from "../../status/status-queries";
import type { ApiEnv } from "./context";

const NO_FACTS: StatusFacts = {
  counts: [],
  settings: [],
  cursors: [],
  latest: [],
  recent: [],
  queueDeadLetters: 0,
  usage: NO_USAGE,
};

export const statusRoutes = new Hono<ApiEnv>().get("/status", async (c) => {
  const deps = c.var.deps();
  // While D1's own daily allowance is used up it refuses the facts: the answer then says which allowance and when it
  // resets, with empty counts, rather than failing (docs/operations.md, Daily allowances).
  const facts = await readStatusFacts(deps.db, RECENT_ACTIVITY, deps.now()).catch((error: unknown) => {
    if (deps.spotDailyLimit(error)) return NO_FACTS;
    throw error;
  });
  const now = deps.now();
  return c.json(
    buildStatus(facts, {
      now,
      policy: c.var.config.conflictPolicy,
      dailyLimits: deps.dailyLimits.all(now),
      plan: c.var.config.workersPlan,
    }),
  );
});
