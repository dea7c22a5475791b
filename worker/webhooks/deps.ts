/** What webhook intake needs, from buildDeps (worker/deps.ts), the one place that reads `env`. */
import { buildDeps, type DepsOverrides } from "../deps";
import type { IntakeDeps } from "./intake";

export type IntakeSetup = { ok: true; deps: IntakeDeps } | { ok: false; problems: string[] };

export function buildIntakeDeps(env: Env, overrides: DepsOverrides = {}): IntakeSetup {
  const deps = buildDeps(env, overrides);
  if (!deps.sync.ok) return { ok: false, problems: deps.sync.problems };
  return {
    ok: true,
    deps: { secrets: deps.sync.config.webshop.webhookSecrets, inbox: deps.inbox, queue: deps.queue, now: deps.now },
  };
}
