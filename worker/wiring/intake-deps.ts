/** What webhook intake needs, from buildDeps (worker/wiring/build-deps.ts), the one place that reads `env`. */

import { SEND_OPTIONS } from "../messages/message";
import { jobLine } from "../status/job-log";
import { checkSchema, type SchemaState } from "../store/schema-check";
import { processInline } from "../webhooks/inline";
import type { FirstWebhookMark, IntakeDeps } from "../webhooks/intake";
import type { ShopEvent } from "../webhooks/parse-event";
import { seenVersion } from "../webhooks/seen-version";
import { buildDeps, type Deps, type DepsOverrides } from "./build-deps";
import { previewHold } from "./first-sync";
import { carriedRecord, webshopEventSides } from "./webshop-event-deps";

/** Subrequests intake itself may have used (the schema check, the inbox insert) for the event still to be synced here. */
export const INTAKE_SUBREQUESTS = 4;

export type IntakeSetup =
  | { ok: true; deps: IntakeDeps; schema: () => Promise<SchemaState> }
  | { ok: false; problems: string[] };

/**
 * `later` is the request's `waitUntil`: with it, an accepted event is synced in this invocation after the answer
 * (worker/webhooks/inline.ts); without it, it is queued. `firstWebhook` is the app's (one per isolate): whether the
 * go-live checklist's first verified webhook is known recorded.
 */
export function buildIntakeDeps(
  env: Env,
  overrides: DepsOverrides = {},
  later?: (work: Promise<unknown>) => void,
  firstWebhook?: FirstWebhookMark,
): IntakeSetup {
  const deps = buildDeps(env, overrides);
  if (!deps.sync.ok) return { ok: false, problems: deps.sync.problems };
  const sides = webshopEventSides(deps);
  // Intake asks for the carried record twice (the writer check, then the inline sync): validated once per body.
  const carriedOf = onePerBody((event: ShopEvent, data: Record<string, unknown>) =>
    carriedRecord(event.resource, event, data),
  );
  const inline: IntakeDeps["inline"] = later
    ? (webhookId, event, data) => {
        // Only with (nearly) the invocation's whole budget left, as the first message of a queue batch always runs.
        if (deps.budget.used() > INTAKE_SUBREQUESTS) return false;
        const carried = carriedOf(event, data);
        const startedMs = Date.now();
        const work = processInline(webhookId, event, {
          inbox: deps.inbox,
          seen: seenVersion(deps.store, deps.inbox),
          // The record the event carries saves reading it; a deletion, or an event with a reference only, is read.
          read: async (resource, id) =>
            carried && resource === event.resource && id === event.id
              ? { ok: true, value: carried }
              : sides.read(resource, id),
          sync: sides.sync,
          now: deps.now,
          queue: deps.queue,
          budget: deps.budget,
          log: deps.log,
          afterSync: () => queueWokenOrders(deps),
        }).then((outcome) =>
          // The sync's own line, after the request's (docs/operations.md): named by the webhook-id, like it.
          deps.log(
            jobLine({
              kind: "webhook",
              correlationId: webhookId,
              action: "sync webhook event",
              outcome: outcome === "processed" ? "ok" : outcome === "queued" ? "retry" : "failed",
              startedMs,
              result: outcome,
              resource: event.resource,
              id: event.id,
            }),
          ),
        );
        later(work);
        return true;
      }
    : undefined;
  return {
    ok: true,
    deps: {
      secrets: deps.sync.config.webshop.webhookSecrets,
      inbox: deps.inbox,
      queue: deps.queue,
      now: deps.now,
      hold: async () => (await previewHold(deps)) !== null,
      ...(inline ? { inline } : {}),
      // The record the event carries names its PowerOffice partner: intake asks whether a run is writing it.
      originOf: (event, data) => {
        const carried = carriedOf(event, data);
        return carried ? sides.originOf(event.resource, carried) : null;
      },
      ...(firstWebhook ? { firstWebhook } : {}),
    },
    schema: () => checkSchema(deps.db),
  };
}

/**
 * Orders the event's record unblocked (it linked their customer or products) are retried now, as the queue's
 * consumer does after a batch (worker/jobs/due-retries.ts): one message for them all; a failure leaves them to the
 * next cron run, which finds them due.
 */
async function queueWokenOrders(deps: Deps): Promise<void> {
  const ids = [...new Set(deps.woken.splice(0))];
  if (ids.length === 0) return;
  await deps.queue.sendBatch(
    ids.map((linkId) => ({ body: { v: 1, kind: "retry", linkId, dataflow: "orders" } as const, ...SEND_OPTIONS })),
  );
}

/** `make`'s answer for each event body it was asked about, kept (weakly) by that body's identity. */
function onePerBody<T>(make: (event: ShopEvent, data: Record<string, unknown>) => T) {
  const known = new WeakMap<object, T>();
  return (event: ShopEvent, data: Record<string, unknown>): T => {
    if (known.has(data)) return known.get(data) as T;
    const value = make(event, data);
    known.set(data, value);
    return value;
  };
}
