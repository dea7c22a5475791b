/**
 * What the dead-letter queue's consumer needs: D1 only, unmetered and without the engine, so the path of messages
 * that crashed the worker does not run through what may have crashed it.
 */
import { d1DeadLetters } from "../messages/dead-letters";
import { checkSchema } from "../store/schema-check";
import { d1WebhookInbox } from "../webhooks/inbox";
import type { DepsOverrides } from "../wiring/build-deps";
import type { DeadLetterQueueDeps } from "./dead-letter-queue";

export function buildDeadLetterQueueDeps(env: Env, overrides: DepsOverrides = {}): DeadLetterQueueDeps {
  return {
    deadLetters: d1DeadLetters(env.DB),
    inbox: d1WebhookInbox(env.DB),
    now: overrides.now ?? (() => Date.now()),
    schema: () => checkSchema(env.DB),
    ...(overrides.log ? { log: overrides.log } : {}),
  };
}
