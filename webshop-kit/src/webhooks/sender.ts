/**
 * Delivers the outbox's events to the sync worker as Standard Webhooks requests. The shop calls `deliverPending()`
 * from its own scheduler (and, on Workers, after a write and from a cron trigger: ./workers.ts).
 *
 *   pending ──claim (lease)──▶ attempt ──2xx──▶ delivered
 *      ▲                          ├──410──▶ failed (the endpoint takes no more events; the run stops)
 *      └──(backoff delay)─────────┴──other status, network error, timeout──▶ pending, or failed after the last delay
 *
 * One request at a time, events of one record in order (the outbox holds a record's later event back while an earlier
 * one is pending), and two runs at once never take the same event: each attempt first claims its event through the
 * adapter's compare-and-set `outbox.claim`.
 */
import type { OutboxEvent, WebshopAdapter } from "../adapter.js";
import { attempt, type Fetch } from "./attempt.js";
import { eventBody } from "./event-body.js";
import { deliveryOptions, senderOptions } from "./options.js";
import { type AttemptOutcome, afterAttempt, CLAIM_MARGIN_MS } from "./schedule.js";
import { secretKeys } from "./secrets.js";
import { signatureHeader } from "./signing.js";

export interface WebhookSenderOptions {
  /** Only the outbox and reading a record are used. */
  adapter: Pick<WebshopAdapter, "get" | "outbox">;
  /** The worker's webhook endpoint, e.g. https://<worker>/webhooks/webshop. */
  url: string;
  /** `whsec_…` secrets (the worker's WEBSHOP_WEBHOOK_SECRET): one, or two during a rotation (new first). */
  secrets: string | readonly string[];
  /** Default globalThis.fetch. */
  fetch?: Fetch;
  /** Millisecond clock, default Date.now: backoff, leases, the time budget and each attempt's webhook-timestamp. */
  now?: () => number;
  /** Waits before retry 1, 2, …; default 1 s, 5 s, 30 s, 2 min, 10 min (DEFAULT_RETRY_DELAYS_MS). */
  retryDelaysMs?: readonly number[];
  /** An attempt without an answer within this many ms fails; default 10 000. */
  timeoutMs?: number;
}

export interface DeliverOptions {
  /** At most this many attempts in this run; default 100. */
  limit?: number;
  /** No attempt starts after this many ms of the run (one already started may take up to `timeoutMs`); default 15 000. */
  timeBudgetMs?: number;
}

export interface DeliveryReport {
  /** Events the receiver accepted (2xx). */
  delivered: number;
  /** Attempts that failed and wait for a retry. */
  retried: number;
  /** Events given up for good (410 Gone, or the last retry failed); each keeps `lastError`. */
  failed: number;
  /** Events due now that this run left for the next one (limit, time budget or 410 reached; counted up to 1000). */
  remaining: number;
}

export interface WebhookSender {
  deliverPending(options?: DeliverOptions): Promise<DeliveryReport>;
}

/** How many due events one outbox read asks for. */
const BATCH_SIZE = 25;
/** `remaining` is counted up to this many: enough to tell a backlog, cheap to read. */
const REMAINING_COUNT_LIMIT = 1_000;

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const config = senderOptions(options);
  const keys = secretKeys(options.secrets);
  // Awaited by the first attempt; a rejection is never left unhandled meanwhile.
  keys.catch(() => {});
  const { adapter, url } = config;
  // globalThis: resolved per call, so a test or polyfill that replaces fetch later is used.
  const send: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  const now = options.now ?? Date.now;

  async function deliver(event: OutboxEvent): Promise<AttemptOutcome> {
    const body = eventBody(event, await adapter.get(event.resource, event.recordId));
    const timestamp = Math.floor(now() / 1000);
    const request = new Request(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "poweroffice-sync-webshop-kit",
        "webhook-id": event.eventId,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": await signatureHeader(await keys, event.eventId, timestamp, body),
      },
      body,
    });
    return attempt(send, request, config.timeoutMs);
  }

  return {
    async deliverPending(runOptions = {}) {
      const { limit, timeBudgetMs } = deliveryOptions(runOptions);
      const started = now();
      const report: DeliveryReport = { delivered: 0, retried: 0, failed: 0, remaining: 0 };
      let attempts = 0;
      let drained = false;
      run: for (;;) {
        if (attempts >= limit) break;
        const batch = await adapter.outbox.due(now(), Math.min(BATCH_SIZE, limit - attempts));
        let taken = 0;
        for (const event of batch) {
          if (attempts >= limit || now() - started >= timeBudgetMs) break run;
          const leaseUntil = now() + config.timeoutMs + CLAIM_MARGIN_MS;
          if (!(await adapter.outbox.claim(event.seq, event, leaseUntil))) continue;
          taken++;
          attempts++;
          const outcome = await deliver(event);
          const result = afterAttempt(event, outcome, now(), config.retryDelaysMs);
          await adapter.outbox.attempted(event.seq, result);
          if (result.state === "delivered") report.delivered++;
          else if (result.state === "failed") report.failed++;
          else report.retried++;
          if (outcome.kind === "gone") break run;
        }
        // Nothing due, or another run took all of it: that run delivers them.
        if (taken === 0) {
          drained = true;
          break;
        }
      }
      if (!drained) report.remaining = (await adapter.outbox.due(now(), REMAINING_COUNT_LIMIT)).length;
      return report;
    },
  };
}
