/**
 * The reference webshop's webhooks: the kit's own sender (createWebhookSender) delivering the memory adapter's
 * outbox, plus what only a test shop needs: a record of every event and attempt (`sent`), an immediate mode that
 * sends right after each change, flush(), and the WebhookFaults, which wrap the sender's fetch (duplicate) and the
 * adapter's outbox (out of order, latency, dropped events, retries held for a timer).
 *
 *   change ─▶ outbox event (queued) ─▶ immediate: a delivery run at once · manual: waits for flush()
 *   failed attempt ─▶ held ─(timer of the retry delay, or flush() at once)─▶ due again … after the last: failed
 */
import type { MemoryAdapter } from "../../../../webshop-kit/src/adapters/memory";
import { createWebhookSender, DEFAULT_RETRY_DELAYS_MS } from "../../../../webshop-kit/src/webhooks";
import { eventBody, eventType } from "../../../../webshop-kit/src/webhooks/event-body";
import type { SentWebhook, WebhookFaults } from "../types";
import { FaultyOutbox } from "./faulty-outbox";

export interface ShopWebhooksConfig {
  adapter: MemoryAdapter;
  url: string;
  secret: string;
  deliver: (request: Request) => Promise<Response>;
  mode: "immediate" | "manual";
  retryDelaysMs?: readonly number[];
  /** Clock for webhook-timestamp. */
  now: () => number;
}

/** A run is bounded by the events there are, not by time: the receivers are in-process and the clock may be fake. */
const RUN = { limit: 1_000_000, timeBudgetMs: Number.MAX_SAFE_INTEGER };
/** An in-process receiver on a busy machine must not turn into retries; a hung one still ends in a test's timeout. */
const ATTEMPT_TIMEOUT_MS = 10 * 60_000;

export interface ShopWebhooks {
  readonly sent: SentWebhook[];
  setFaults(faults: WebhookFaults): void;
  flush(): Promise<void>;
  pending(): number;
}

export function shopWebhooks(config: ShopWebhooksConfig): ShopWebhooks {
  const { adapter } = config;
  const retryDelaysMs = config.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const sent: SentWebhook[] = [];
  const entries = new Map<string, SentWebhook>();
  const outbox = new FaultyOutbox(adapter, config.mode, retryDelaysMs, {
    onResult(eventId, state) {
      const entry = entries.get(eventId);
      if (entry && entry.state !== "dropped") entry.state = state;
    },
    onReleased: () => kick(),
  });

  const sender = createWebhookSender({
    adapter: { get: adapter.get, outbox },
    url: config.url,
    secrets: [config.secret],
    fetch: (request) => deliverWithFaults(request),
    now: config.now,
    retryDelaysMs,
    timeoutMs: ATTEMPT_TIMEOUT_MS,
  });

  adapter.events.subscribe((event) => {
    const current = adapter.sync.get(event.resource, event.recordId);
    const entry: SentWebhook = {
      id: event.eventId,
      type: eventType(event),
      body: eventBody(event, current),
      status: null,
      attempts: 0,
      state: "queued",
    };
    sent.push(entry);
    entries.set(event.eventId, entry);
    if (outbox.dropIfAsked(event.seq)) entry.state = "dropped";
    else queueMicrotask(kick);
  });

  /** One attempt as the receiver sees it, through the faults; each HTTP request counts as an attempt. */
  async function deliverWithFaults(request: Request): Promise<Response> {
    const entry = entries.get(request.headers.get("webhook-id") ?? "");
    // Typed as a plain Request: with Workers types loaded too, clone() names a Workers Request.
    const copy: Request | null = outbox.faults.duplicate ? (request.clone() as Request) : null;
    const response = await send(request, entry);
    if (copy && response.ok) await send(copy, entry);
    return response;
  }

  async function send(request: Request, entry: SentWebhook | undefined): Promise<Response> {
    if (entry) {
      entry.attempts++;
      entry.body = await request.clone().text();
    }
    try {
      const response = await config.deliver(request);
      if (entry) entry.status = response.status;
      return response;
    } catch (error) {
      if (entry) entry.status = null;
      throw error;
    }
  }

  let pump: Promise<void> | null = null;
  let again = false;
  /** Immediate mode: a delivery run now, or one more after the current run (an event must not wait for the next change). */
  function kick(): void {
    if (config.mode !== "immediate") return;
    if (pump) {
      again = true;
      return;
    }
    pump = (async () => {
      try {
        do {
          again = false;
          await sender.deliverPending(RUN);
        } while (again);
      } finally {
        pump = null;
      }
    })();
  }

  return {
    sent,
    setFaults: (faults) => outbox.setFaults(faults),
    pending: () => adapter.events.pending(),
    async flush() {
      outbox.flushing++;
      try {
        // Bounded: each round delivers, retries or gives up at least one event, or waits for the run holding one.
        for (let round = 0; round < 10_000; round++) {
          if (pump) await pump;
          outbox.releaseAll();
          const report = await sender.deliverPending(RUN);
          const progressed = report.delivered + report.retried + report.failed > 0;
          if (adapter.events.pending() === 0 || (!progressed && !pump)) return;
        }
      } finally {
        outbox.flushing--;
      }
    },
  };
}
