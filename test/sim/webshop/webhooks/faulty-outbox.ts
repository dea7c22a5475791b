/**
 * The memory adapter's outbox as the reference webshop's sender sees it: the same events, claims and results, with
 * the test shop's timing and faults on top. Manual mode hands out nothing until flush(); a failed attempt is held
 * until a real timer of its retry delay fires (so tests drive retries with fake timers, whatever the shop's clock
 * says) or flush() releases it; outOfOrder hands out the newest events first (ignoring a record's order) and holds a
 * lone event back until the next one; latencyMs waits before each attempt; dropNext marks the next events failed
 * before they are ever sent.
 */
import type { OutboxEvent, WebshopAdapter } from "../../../../webshop-kit/src/adapter";
import type { MemoryAdapter } from "../../../../webshop-kit/src/adapters/memory";
import type { WebhookFaults, WebhookState } from "../types";

/** nextAttemptAt of a held retry: never due by the clock, only when released. */
const HELD = Number.MAX_SAFE_INTEGER;

export interface OutboxObserver {
  onResult(eventId: string, state: WebhookState): void;
  /** A held retry became due: immediate mode delivers it now. */
  onReleased(): void;
}

type Outbox = WebshopAdapter["outbox"];

export class FaultyOutbox implements Outbox {
  faults: WebhookFaults = {};
  /** flush() calls in progress: everything is handed out at once, retries included. */
  flushing = 0;
  /** outOfOrder: once a newer event went first, the ones held back may follow. */
  private releasing = false;
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly adapter: MemoryAdapter,
    private readonly mode: "immediate" | "manual",
    private readonly retryDelaysMs: readonly number[],
    private readonly observer: OutboxObserver,
  ) {}

  setFaults(faults: WebhookFaults): void {
    this.faults = { ...faults };
  }

  async due(now: number, limit: number): Promise<OutboxEvent[]> {
    if (this.mode === "manual" && this.flushing === 0) return [];
    if (!this.faults.outOfOrder) return this.adapter.outbox.due(now, limit);
    const newestFirst = this.adapter.events
      .pendingList()
      .filter((event) => event.nextAttemptAt !== null && event.nextAttemptAt <= now)
      .reverse();
    if (newestFirst.length === 0) this.releasing = false;
    if (newestFirst.length < 2 && this.flushing === 0 && !this.releasing) return [];
    this.releasing = newestFirst.length > 0;
    return newestFirst.slice(0, limit);
  }

  /** latencyMs: the real delay before each attempt, taken once the event is this run's (so fake timers drive it). */
  async claim(seq: number, seen: Pick<OutboxEvent, "attempts" | "nextAttemptAt">, leaseUntil: number) {
    const taken = await this.adapter.outbox.claim(seq, seen, leaseUntil);
    const { latencyMs } = this.faults;
    if (taken && latencyMs) await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return taken;
  }

  async attempted(seq: number, result: Parameters<Outbox["attempted"]>[1]): Promise<void> {
    const event = this.adapter.events.get(seq);
    if (result.state !== "pending") {
      await this.adapter.outbox.attempted(seq, result);
    } else if (this.flushing > 0 || this.mode === "manual") {
      await this.adapter.outbox.attempted(seq, { ...result, nextAttemptAt: 0 });
    } else {
      await this.adapter.outbox.attempted(seq, { ...result, nextAttemptAt: HELD });
      const delay = this.retryDelaysMs[result.attempts - 1] ?? 0;
      const timer = setTimeout(() => {
        this.release(seq);
        this.observer.onReleased();
      }, delay);
      (timer as { unref?: () => void }).unref?.();
      this.timers.set(seq, timer);
    }
    if (event) this.observer.onResult(event.eventId, result.state === "pending" ? "retrying" : result.state);
  }

  /** Every held retry becomes due now (flush). */
  releaseAll(): void {
    for (const seq of [...this.timers.keys()]) this.release(seq);
  }

  /** dropNext: marks the new event failed before any attempt; true when it was dropped. */
  dropIfAsked(seq: number): boolean {
    if (!this.faults.dropNext || this.faults.dropNext <= 0) return false;
    this.faults.dropNext--;
    this.adapter.events.attempted(seq, {
      state: "failed",
      attempts: 0,
      nextAttemptAt: null,
      lastError: "dropped by the reference webshop's dropNext fault: never sent",
    });
    return true;
  }

  private release(seq: number): void {
    clearTimeout(this.timers.get(seq));
    this.timers.delete(seq);
    const event = this.adapter.events.get(seq);
    if (event?.state === "pending" && event.nextAttemptAt === HELD) {
      this.adapter.events.attempted(seq, { ...event, nextAttemptAt: 0 });
    }
  }
}
