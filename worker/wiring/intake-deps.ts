/** What webhook intake needs, from buildDeps (worker/wiring/build-deps.ts), the one place that reads `env`. */

import { checkSchema, type SchemaState } from "../store/schema-check";
import type { IntakeDeps } from "../webhooks/intake";
import { buildDeps, type DepsOverrides } from "./build-deps";

export type IntakeSetup =
  | { ok: true; deps: IntakeDeps; schema: () => Promise<SchemaState> }
  | { ok: false; problems: string[] };

export function buildIntakeDeps(env: Env, overrides: DepsOverrides = {}): IntakeSetup {
  const deps = buildDeps(env, overrides);
  if (!deps.sync.ok) return { ok: false, problems: deps.sync.problems };
  return {
    ok: true,
    deps: { secrets: deps.sync.config.webshop.webhookSecrets, inbox: deps.inbox, queue: deps.queue, now: deps.now },
    schema: () => checkSchema(deps.db),
  };
}
