/** Turns the worker's bindings into the queue consumer's dependencies; tests override the shop's fetch and the sink. */
import { readConfig } from "../config";
import type { Env } from "../env";
import { d1WebhookInbox } from "../webhooks/inbox";
import { activityLogSink, type WebshopChangeSink } from "./change-sink";
import type { ConsumerDeps } from "./consumer";
import { d1DeadLetters } from "./dead-letters";
import { type FetchLike, fetchShopRecordReader, type ShopRecordReader } from "./shop-reader";

export interface ConsumerOverrides {
  /** How the shop is reached; default the global fetch. */
  fetch?: FetchLike;
  sink?: WebshopChangeSink;
  now?: () => number;
}

export function buildConsumerDeps(env: Env, overrides: ConsumerOverrides = {}): ConsumerDeps {
  const now = overrides.now ?? (() => Date.now());
  return {
    inbox: d1WebhookInbox(env.DB),
    deadLetters: d1DeadLetters(env.DB),
    reader: shopReader(env, overrides.fetch ?? ((request) => fetch(request))),
    sink: overrides.sink ?? activityLogSink(env.DB, now),
    now,
  };
}

/** Without a usable configuration every read fails with the problems named, so messages retry, then dead-letter. */
function shopReader(env: Env, fetch: FetchLike): ShopRecordReader {
  const config = readConfig(env);
  if (!config.ok) {
    const message = `The worker's configuration is incomplete: ${config.problems.join("; ")}`;
    return { get: async () => ({ ok: false, message }) };
  }
  return fetchShopRecordReader(config.config.webshop, fetch);
}
