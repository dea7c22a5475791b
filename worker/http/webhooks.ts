/**
 * POST /webhooks/webshop: the webshop's signed change notifications (docs/webshop-api.md §9, docs/webhooks.md).
 * Answers fast; the event is synced after the answer in the same invocation, or on the queue. Every refusal is a JSON error saying what was wrong, and changes
 * nothing.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { WEBHOOK_EVENT_TYPES } from "../../shared/webshop";
import { classifyDailyLimit, isD1Allowance } from "../budgets/daily-limits";
import { consoleLog, type JobOutcome, jobLine } from "../status/job-log";
import { acceptWebhook, type FirstWebhookMark, type IntakeOutcome } from "../webhooks/intake";
import { TIMESTAMP_TOLERANCE_SECONDS, type VerifyFailure } from "../webhooks/standard-webhooks";
import type { DepsOverrides } from "../wiring/build-deps";
import { buildIntakeDeps } from "../wiring/intake-deps";

/** Seconds a shop is asked to wait after a 503 (it retries with its own backoff anyway). */
export const RETRY_AFTER_SECONDS = 30;

/** The webhook routes; `overrides` are the ones `createWorker` was given (tests: a fake clock, a recording queue). */
export function createWebhooks(overrides: DepsOverrides = {}) {
  const log = overrides.log ?? consoleLog;
  // Per app, so per isolate in production: once the first verified webhook is known recorded, intake stops asking.
  const firstWebhook: FirstWebhookMark = { recorded: false };
  return new Hono<{ Bindings: Env }>().post("/webshop", async (c) => {
    const startedMs = Date.now();
    // One line per request (docs/operations.md): the webhook-id names it, as in the shop's own delivery log.
    const line = (fields: { outcome: JobOutcome; status: number; result: string }) =>
      log(
        jobLine({
          kind: "webhook",
          correlationId: correlationIdOf(c.req.header("webhook-id")),
          action: "POST /webhooks/webshop",
          startedMs,
          ...fields,
        }),
      );
    let handled: Handled;
    try {
      handled = await handle(c, overrides, firstWebhook);
    } catch (error) {
      // D1 refuses until 00:00 UTC (docs/operations.md, Daily allowances): nothing was recorded, the shop retries.
      const limit = classifyDailyLimit(error, { now: Date.now(), plan: "free" });
      if (limit && isD1Allowance(limit.allowance)) {
        const response = refuse(
          c,
          503,
          "daily_limit",
          "The sync worker's daily database allowance is used up; retry later.",
        );
        line({ outcome: "daily-limit", status: 503, result: "daily-limit" });
        return response;
      }
      // Answered 500 by the app's error handler, which logs the error itself.
      line({ outcome: "failed", status: 500, result: "internal" });
      throw error;
    }
    const status = handled.response.status;
    line({ outcome: handled.outcome ?? outcomeOf(status), status, result: handled.result });
    return handled.response;
  });
}

interface Handled {
  response: Response;
  /** The intake's outcome in a word (accepted, duplicate, not-authentic: signature-mismatch, ...). */
  result: string;
  outcome?: JobOutcome;
}

async function handle(
  c: Context<{ Bindings: Env }>,
  overrides: DepsOverrides,
  firstWebhook: FirstWebhookMark,
): Promise<Handled> {
  const setup = buildIntakeDeps(c.env, overrides, waitUntilOf(c), firstWebhook);
  if (!setup.ok) {
    console.error(`webhook refused, configuration incomplete: ${setup.problems.join("; ")}`);
    const response = refuse(
      c,
      503,
      "not_configured",
      "The sync worker is not fully configured yet (see its /health); retry later.",
    );
    return { response, result: "not-configured" };
  }
  const schema = await setup.schema();
  if (!schema.usable) {
    // Nothing is recorded: the shop's retry, once the migration is applied, is the delivery (docs/operations.md).
    console.error(`webhook refused: ${schema.problem}`);
    c.header("Retry-After", String(SCHEMA_RETRY_AFTER_SECONDS));
    const response = refuse(
      c,
      503,
      "schema_behind",
      "The sync worker's database is being upgraded (see its /health); retry later.",
    );
    return { response, result: "schema-behind", outcome: "schema-behind" };
  }
  const outcome = await acceptWebhook(c.req.raw, setup.deps);
  const result = outcome.kind === "not-authentic" ? `not-authentic: ${outcome.failure.reason}` : outcome.kind;
  return { response: answer(c, outcome), result };
}

/**
 * The request's waitUntil, so an accepted event is synced after the answer in this invocation (docs/webhooks.md);
 * without an execution context (a test calling the app bare) every event is queued.
 */
function waitUntilOf(c: Context<{ Bindings: Env }>): ((work: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (work) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

/** Seconds a shop is asked to wait while D1 is older than the code: a migration takes a minute or two. */
export const SCHEMA_RETRY_AFTER_SECONDS = 60;

function outcomeOf(status: number): JobOutcome {
  if (status < 400) return "ok";
  if (status === 503) return "retry";
  return status < 500 ? "refused" : "failed";
}

/** The webhook-id when it has the shape the intake accepts (it is the shop's handle on the delivery), else a UUID. */
function correlationIdOf(webhookId: string | undefined): string {
  return webhookId && /^[\x21-\x7e]{1,255}$/.test(webhookId) ? webhookId : crypto.randomUUID();
}

function answer(c: Context, outcome: IntakeOutcome): Response {
  switch (outcome.kind) {
    case "accepted":
      return c.json(
        {
          received: true,
          webhook_id: outcome.webhookId,
          status: outcome.inline || outcome.leftToWriter ? "accepted" : "queued",
        },
        202,
      );
    case "already-synced":
      // The same 2xx as an accepted event: to the shop, it is received and nothing more is owed.
      return c.json({ received: true, webhook_id: outcome.webhookId, status: "already-synced" }, 202);
    case "duplicate":
      return c.json({ received: true, webhook_id: outcome.webhookId, status: "duplicate" }, 200);
    case "ignored":
      console.warn(
        `webhook ${outcome.webhookId} ignored: type "${outcome.type}" is not one this worker knows (${WEBHOOK_EVENT_TYPES.join(", ")}); a newer shop's event, answered 200 so it is not retried.`,
      );
      return c.json({ received: true, webhook_id: outcome.webhookId, status: "ignored" }, 200);
    case "not-authentic":
      return notAuthentic(c, outcome.failure);
    case "too-large":
      return refuse(
        c,
        413,
        "payload_too_large",
        `The body is larger than ${outcome.limit} bytes${outcome.declared ? ` (Content-Length ${outcome.declared})` : ""}; send a reference ({"id","version"}) in data instead of the whole record.`,
      );
    case "malformed":
      return outcome.parse.reason === "not-json"
        ? refuse(c, 400, "malformed_json", outcome.parse.message)
        : refuse(c, 400, "invalid_event", outcome.parse.message, { issues: outcome.parse.issues });
    case "queue-unavailable":
      console.error(`webhook ${outcome.webhookId} recorded but not queued: ${outcome.cause}`);
      c.header("Retry-After", String(RETRY_AFTER_SECONDS));
      return refuse(c, 503, "queue_unavailable", "The event could not be queued for processing; retry later.");
  }
}

function notAuthentic(c: Context, failure: VerifyFailure): Response {
  const window = `accepted within ±${TIMESTAMP_TOLERANCE_SECONDS} s of the worker's clock; sign each delivery attempt with the time it is sent`;
  switch (failure.reason) {
    case "missing-header":
      return refuse(
        c,
        401,
        "missing_signature_header",
        `The ${failure.header} header is missing: sign every webhook per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).`,
      );
    case "invalid-id":
      return refuse(c, 400, "invalid_webhook_id", "webhook-id must be 1-255 printable ASCII characters, no spaces.");
    case "invalid-timestamp":
      return refuse(c, 401, "invalid_timestamp", `webhook-timestamp "${failure.value}" is not unix seconds.`);
    case "timestamp-too-old":
      return refuse(
        c,
        401,
        "timestamp_too_old",
        `webhook-timestamp is ${failure.skewSeconds} s in the past; ${window}.`,
      );
    case "timestamp-in-future":
      return refuse(
        c,
        401,
        "timestamp_in_future",
        `webhook-timestamp is ${failure.skewSeconds} s in the future; ${window}. Check the shop's clock.`,
      );
    case "no-v1-signature":
      return refuse(c, 401, "invalid_signature", 'webhook-signature holds no "v1,<base64>" signature.');
    case "signature-mismatch":
      return refuse(
        c,
        401,
        "invalid_signature",
        `None of the ${failure.tried} v1 signature(s) matches: sign "<webhook-id>.<webhook-timestamp>.<raw body>" with HMAC-SHA256, keyed with the base64-decoded part of the secret after "whsec_", the secret being the one in WEBSHOP_WEBHOOK_SECRET.`,
      );
  }
}

function refuse(c: Context, status: ContentfulStatusCode, code: string, message: string, details?: object): Response {
  return c.json({ error: details ? { code, message, details } : { code, message } }, status);
}
