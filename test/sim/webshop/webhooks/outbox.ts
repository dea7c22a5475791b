/**
 * Delivers the shop's events to one endpoint, signed per Standard Webhooks, one request at a time in change order.
 * A non-2xx answer or a network failure is retried after RETRY_DELAYS_MS (then the event is marked failed); each
 * attempt is signed anew with its own webhook-timestamp, as the spec asks. Faults: duplicates, newest-first order,
 * latency, lost events.
 *
 *   queued ──attempt──▶ delivered
 *     ▲        └─fail─▶ retrying ──(delay, or flush() at once)──▶ queued      … after the last delay: failed
 *   dropNext ─▶ dropped (never sent)
 */
import type { SentWebhook, WebhookFaults } from "../types";
import { newWebhookId, secretKeyBytes, signWebhook } from "./signature";

/** Bounded backoff, roughly the shape of the Standard Webhooks reference schedule, shortened for a test shop. */
export const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 120_000, 600_000];

export interface OutboxConfig {
  url: string;
  secret: string;
  deliver: (request: Request) => Promise<Response>;
  mode: "immediate" | "manual";
  retryDelaysMs: number[];
  /** Clock for webhook-timestamp. */
  now: () => number;
}

interface Message {
  entry: SentWebhook;
  failures: number;
  timer?: ReturnType<typeof setTimeout>;
}

export class WebhookOutbox {
  readonly sent: SentWebhook[] = [];
  private readonly ready: Message[] = [];
  private readonly waiting = new Set<Message>();
  private faults: WebhookFaults = {};
  private pump: Promise<void> | null = null;
  private inFlight = 0;
  private flushing = 0;
  /** outOfOrder: once a newer event went first, the ones held back may follow. */
  private releasing = false;

  constructor(private readonly config: OutboxConfig) {
    secretKeyBytes(config.secret);
  }

  setFaults(faults: WebhookFaults): void {
    this.faults = { ...faults };
  }

  enqueue(type: string, body: string): void {
    const entry: SentWebhook = { id: newWebhookId(), type, body, status: null, attempts: 0, state: "queued" };
    this.sent.push(entry);
    if ((this.faults.dropNext ?? 0) > 0) {
      this.faults.dropNext = (this.faults.dropNext ?? 0) - 1;
      entry.state = "dropped";
      return;
    }
    this.ready.push({ entry, failures: 0 });
    if (this.config.mode === "immediate") void this.start();
  }

  pending(): number {
    return this.ready.length + this.waiting.size + this.inFlight;
  }

  async flush(): Promise<void> {
    this.flushing++;
    try {
      for (;;) {
        for (const message of this.waiting) {
          clearTimeout(message.timer);
          this.ready.push(message);
        }
        this.waiting.clear();
        if (this.pump) await this.pump;
        else if (this.ready.length > 0) await this.start();
        else break;
      }
    } finally {
      this.flushing--;
    }
  }

  private start(): Promise<void> {
    this.pump ??= Promise.resolve()
      .then(() => this.drain())
      .finally(() => {
        this.pump = null;
        // An event queued between the last take() and here must not wait for the next change.
        if (this.config.mode === "immediate" && this.peek()) void this.start();
      });
    return this.pump;
  }

  private async drain(): Promise<void> {
    for (let message = this.take(); message; message = this.take()) {
      this.inFlight++;
      try {
        await this.attempt(message);
      } finally {
        this.inFlight--;
      }
    }
  }

  private peek(): boolean {
    if (!this.faults.outOfOrder) return this.ready.length > 0;
    return this.ready.length >= 2 || (this.ready.length > 0 && (this.flushing > 0 || this.releasing));
  }

  private take(): Message | undefined {
    if (!this.peek()) return undefined;
    if (!this.faults.outOfOrder) return this.ready.shift();
    const newest = this.ready.pop();
    this.releasing = this.ready.length > 0;
    return newest;
  }

  private async attempt(message: Message): Promise<void> {
    const { entry } = message;
    if (this.faults.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.faults.latencyMs));
    if (await this.send(entry)) {
      entry.state = "delivered";
      if (this.faults.duplicate) await this.send(entry);
      return;
    }
    message.failures++;
    const delay = this.config.retryDelaysMs[message.failures - 1];
    if (delay === undefined) {
      entry.state = "failed";
      return;
    }
    entry.state = "retrying";
    if (this.flushing > 0 || this.config.mode === "manual") {
      this.ready.push(message);
      return;
    }
    message.timer = setTimeout(() => {
      this.waiting.delete(message);
      this.ready.push(message);
      void this.start();
    }, delay);
    (message.timer as { unref?: () => void }).unref?.();
    this.waiting.add(message);
  }

  /** One signed POST; true for a 2xx answer. */
  private async send(entry: SentWebhook): Promise<boolean> {
    const timestamp = Math.floor(this.config.now() / 1000);
    const signature = await signWebhook(this.config.secret, entry.id, timestamp, entry.body);
    const request = new Request(this.config.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "reference-webshop",
        "webhook-id": entry.id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": signature,
      },
      body: entry.body,
    });
    entry.attempts++;
    try {
      const response = await this.config.deliver(request);
      entry.status = response.status;
      await response.body?.cancel().catch(() => {});
      return response.ok;
    } catch {
      entry.status = null;
      return false;
    }
  }
}
