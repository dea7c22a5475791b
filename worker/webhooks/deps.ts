/** Turns the worker's bindings into what webhook intake and the inbox sweep need; nothing else here reads `env`. */
import { readConfig } from "../config";
import type { Env } from "../env";
import { d1WebhookInbox } from "./inbox";
import type { IntakeDeps } from "./intake";
import type { SweepDeps } from "./sweep";

export type IntakeSetup = { ok: true; deps: IntakeDeps } | { ok: false; problems: string[] };

export function buildIntakeDeps(env: Env): IntakeSetup {
  const config = readConfig(env);
  if (!config.ok) return { ok: false, problems: config.problems };
  return {
    ok: true,
    deps: {
      secrets: config.config.webshop.webhookSecrets,
      inbox: d1WebhookInbox(env.DB),
      queue: env.SYNC_QUEUE,
      now: () => Date.now(),
    },
  };
}

/** The sweep needs no configuration, so it keeps running (and nothing is stranded) while a secret is being fixed. */
export function buildSweepDeps(env: Env): SweepDeps {
  return { inbox: d1WebhookInbox(env.DB), queue: env.SYNC_QUEUE, now: () => Date.now() };
}
