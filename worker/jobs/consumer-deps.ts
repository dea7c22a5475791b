/** The queue consumer's dependencies, from buildDeps (worker/wiring/build-deps.ts); tests override the fetch, clock or the sync. */

import { DATAFLOWS_OF_RESOURCE } from "../core/dataflows/shop-records";
import { checkSchema } from "../store/schema-check";
import type { WebshopEventDeps } from "../webhooks/process-event";
import { seenVersion } from "../webhooks/seen-version";
import { buildDeps, type Deps, type DepsOverrides } from "../wiring/build-deps";
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
    ...shop(deps),
    ...(sync ? { sync } : {}),
    now: deps.now,
    work: (message) => processSyncWork(message, deps),
    budget: deps.budget,
    queue: deps.queue,
    afterBatch: () => queueWoken(deps),
    schema: () => checkSchema(deps.db),
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

/**
 * The shop's record is read through the engine's webshop side (the connector has already retried 5xx and lost
 * answers and waited out short 429s; what it still returns goes back to the queue, which retries later), and the
 * engine syncs that copy. A record the engine could not sync is not a failed message: its link holds the error.
 * Without a usable configuration every read fails with the problems named, so messages retry, then dead-letter.
 */
function shop(deps: Deps): Pick<WebshopEventDeps, "read" | "sync"> {
  const setup = deps.sync;
  if (!setup.ok) {
    const message = `The worker's configuration is incomplete: ${setup.problems.join("; ")}`;
    return {
      read: async () => ({ ok: false, error: { side: "webshop", code: "configuration", message, retryable: true } }),
      sync: async () => {
        throw new Error(message);
      },
    };
  }
  return {
    read: (resource, id) => setup.sides.webshop.get(DATAFLOWS_OF_RESOURCE[resource][0]!, id),
    sync: async (resource, id, record) => {
      await setup.engine.syncWebshopRecord(resource, id, record);
    },
  };
}
