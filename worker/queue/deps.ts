/** The queue consumer's dependencies, from buildDeps (worker/deps.ts); tests override the fetch, clock or the sink. */
import { buildDeps, type Deps, type DepsOverrides } from "../deps";
import { queueWoken } from "../triggers/due-retries";
import { engineSink, type WebshopChangeSink } from "./change-sink";
import type { ConsumerDeps } from "./consumer";
import { linkSeenVersion } from "./seen-version";
import { connectorShopReader, type ShopRecordReader } from "./shop-reader";
import { processSyncWork } from "./sync-work";

export interface ConsumerOverrides extends DepsOverrides {
  /** Replaces the engine as the receiver of webshop events. */
  sink?: WebshopChangeSink;
}

export function buildConsumerDeps(env: Env, overrides: ConsumerOverrides = {}): ConsumerDeps {
  return consumerDeps(buildDeps(env, overrides), overrides.sink);
}

export function consumerDeps(deps: Deps, sink?: WebshopChangeSink): ConsumerDeps {
  return {
    inbox: deps.inbox,
    deadLetters: deps.deadLetters,
    reader: shopReader(deps),
    seenVersion: linkSeenVersion(deps.store),
    sink: sink ?? (deps.sync.ok ? engineSink(deps.sync.engine) : unavailableSink(deps.sync.problems)),
    now: deps.now,
    work: (message) => processSyncWork(message, deps),
    budget: deps.budget,
    queue: deps.queue,
    afterBatch: () => queueWoken(deps),
  };
}

/** Without a usable configuration every read fails with the problems named, so messages retry, then dead-letter. */
function shopReader(deps: Deps): ShopRecordReader {
  if (!deps.sync.ok) {
    const message = `The worker's configuration is incomplete: ${deps.sync.problems.join("; ")}`;
    return { get: async () => ({ ok: false, message }) };
  }
  return connectorShopReader(deps.sync.webshop);
}

function unavailableSink(problems: string[]): WebshopChangeSink {
  const fail = async () => {
    throw new Error(`The worker's configuration is incomplete: ${problems.join("; ")}`);
  };
  return { recordChanged: fail, recordDeleted: fail };
}
