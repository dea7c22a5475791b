/** Turns the worker's bindings into the queue consumer's dependencies; tests override the shop's fetch and the sink. */
import { readConfig } from "../config";
import { createWebshopClient, type FetchLike } from "../connectors/webshop";
import type { Env } from "../env";
import { d1WebhookInbox } from "../webhooks/inbox";
import { activityLogSink, type WebshopChangeSink } from "./change-sink";
import type { ConsumerDeps } from "./consumer";
import { d1DeadLetters } from "./dead-letters";
import { connectorShopReader, type ShopRecordReader } from "./shop-reader";

export interface ConsumerOverrides {
  /** How the shop is reached; default the global fetch. */
  fetch?: FetchLike;
  /** The connector's waits between its own retries; tests pass one that returns at once. */
  sleep?: (ms: number) => Promise<void>;
  sink?: WebshopChangeSink;
  now?: () => number;
}

export function buildConsumerDeps(env: Env, overrides: ConsumerOverrides = {}): ConsumerDeps {
  const now = overrides.now ?? (() => Date.now());
  return {
    inbox: d1WebhookInbox(env.DB),
    deadLetters: d1DeadLetters(env.DB),
    reader: shopReader(env, overrides),
    sink: overrides.sink ?? activityLogSink(env.DB, now),
    now,
  };
}

/** Without a usable configuration every read fails with the problems named, so messages retry, then dead-letter. */
function shopReader(env: Env, overrides: ConsumerOverrides): ShopRecordReader {
  const config = readConfig(env);
  if (!config.ok) {
    const message = `The worker's configuration is incomplete: ${config.problems.join("; ")}`;
    return { get: async () => ({ ok: false, message }) };
  }
  const client = createWebshopClient({
    config: config.config.webshop,
    fetch: overrides.fetch ?? ((request) => fetch(request)),
    ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
    ...(overrides.now ? { now: overrides.now } : {}),
  });
  return connectorShopReader(client);
}
