/** The queue consumer's dependencies, from buildDeps (worker/wiring/build-deps.ts); tests override the fetch, clock or the sync. */

import { checkSchema } from "../store/schema-check";
import type { WebshopEventDeps } from "../webhooks/process-event";
import { seenVersion } from "../webhooks/seen-version";
import { buildDeps, type Deps, type DepsOverrides } from "../wiring/build-deps";
import { previewHold } from "../wiring/first-sync";
import { webshopEventSides } from "../wiring/webshop-event-deps";
import type { ConsumerDeps } from "./consumer";
import { d1LimitInForce, keepDailyLimits } from "./daily-limit-stop";
import { queueWoken } from "./due-retries";
import { recordUsage } from "./first-sync-pacing";
import { processSyncWork } from "./sync-work";

export interface ConsumerOverrides extends DepsOverrides {
  /** Replaces the engine as the receiver of the records webshop events read. */
  sync?: WebshopEventDeps["sync"];
}

export function buildConsumerDeps(env: Env, overrides: ConsumerOverrides = {}): ConsumerDeps {
  return consumerDeps(buildDeps(env, overrides), overrides.sync);
}

export function consumerDeps(deps: Deps, sync?: WebshopEventDeps["sync"]): ConsumerDeps {
  return {
    inbox: deps.inbox,
    deadLetters: deps.deadLetters,
    seen: seenVersion(deps.store, deps.inbox),
    ...webshopEventSides(deps),
    ...(sync ? { sync } : {}),
    now: deps.now,
    work: (message) => processSyncWork(message, deps),
    budget: deps.budget,
    queue: deps.queue,
    afterBatch: () => queueWoken(deps),
    schema: () => checkSchema(deps.db),
    held: async () => deps.sync.ok && (await previewHold(deps)) !== null,
    recordUsage: (webhooks) => recordUsage(deps, webhooks),
    log: deps.log,
    dailyLimits: {
      blocking: () => d1LimitInForce(deps.dailyLimits, deps.now()),
      spot: deps.spotDailyLimit,
      any: () => deps.dailyLimits.all(deps.now())[0] ?? null,
      keep: () => keepDailyLimits(deps),
    },
  };
}
