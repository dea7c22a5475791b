/**
 * The memory adapter's outbox: the change events waiting for webhook delivery, in seq order, with the promises of
 * `WebshopAdapter["outbox"]` (events of one record go out in order; a claim is a compare-and-set, so two senders
 * running at once never both take one event). Synchronous: the memory adapter wraps it in promises.
 */
import type { ChangeKind, OutboxEvent, Resource } from "../../adapter.js";

export interface OutboxAppend {
  resource: Resource;
  kind: ChangeKind;
  recordId: string;
  version: number;
  /** The change's updated_at (RFC 3339). */
  at: string;
}

export type AttemptResult = Pick<OutboxEvent, "state" | "attempts" | "nextAttemptAt" | "lastError">;

export class MemoryOutbox {
  /** Every event ever appended, in seq order (delivered and failed ones stay, for tests and a shop's admin page). */
  private readonly events = new Map<number, OutboxEvent>();
  /** The pending ones, in seq order: what `due` scans. */
  private pendingEvents: OutboxEvent[] = [];
  private lastSeq = 0;
  private readonly listeners = new Set<(event: OutboxEvent) => void>();

  /** A new event, due at once (nextAttemptAt 0). */
  append(change: OutboxAppend): OutboxEvent {
    const event: OutboxEvent = {
      seq: ++this.lastSeq,
      eventId: `msg_${crypto.randomUUID().replaceAll("-", "")}`,
      resource: change.resource,
      kind: change.kind,
      recordId: change.recordId,
      version: change.version,
      at: change.at,
      attempts: 0,
      nextAttemptAt: 0,
      state: "pending",
      lastError: null,
    };
    this.events.set(event.seq, event);
    this.pendingEvents.push(event);
    for (const listener of this.listeners) listener({ ...event });
    return { ...this.events.get(event.seq)! };
  }

  /**
   * Calls `listener` with each new event, inside the write that made it (the record is stored already), e.g. to wake
   * a webhook sender at once. Returns the unsubscribe.
   */
  subscribe(listener: (event: OutboxEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Pending events due at `now` in seq order, at most `limit`; one whose record has an earlier pending event waits. */
  due(now: number, limit: number): OutboxEvent[] {
    const found: OutboxEvent[] = [];
    const waiting = new Set<string>();
    for (const event of this.pendingEvents) {
      if (found.length >= limit) break;
      const record = `${event.resource}/${event.recordId}`;
      if (waiting.has(record)) continue;
      waiting.add(record);
      if (event.nextAttemptAt !== null && event.nextAttemptAt <= now) found.push({ ...event });
    }
    return found;
  }

  /**
   * Takes an event for one attempt when it is still as the caller saw it (same attempts and nextAttemptAt): its
   * nextAttemptAt moves to `leaseUntil`, so no other sender sees it due until then. False when another took it.
   */
  claim(seq: number, seen: Pick<OutboxEvent, "attempts" | "nextAttemptAt">, leaseUntil: number): boolean {
    const event = this.events.get(seq);
    if (event?.state !== "pending" || event.attempts !== seen.attempts || event.nextAttemptAt !== seen.nextAttemptAt)
      return false;
    event.nextAttemptAt = leaseUntil;
    return true;
  }

  /** Records one attempt's result; a delivered or failed event leaves the pending list. */
  attempted(seq: number, result: AttemptResult): void {
    const event = this.events.get(seq);
    if (!event) throw new Error(`the outbox has no event ${seq}`);
    event.state = result.state;
    event.attempts = result.attempts;
    event.nextAttemptAt = result.state === "pending" ? result.nextAttemptAt : null;
    event.lastError = result.lastError;
    if (result.state !== "pending") this.pendingEvents = this.pendingEvents.filter((e) => e.seq !== seq);
  }

  /** A copy of one event. */
  get(seq: number): OutboxEvent | undefined {
    const event = this.events.get(seq);
    return event && { ...event };
  }

  /** Copies of the pending events in seq order, due or not, whatever their record. */
  pendingList(): OutboxEvent[] {
    return this.pendingEvents.map((event) => ({ ...event }));
  }

  /** Copies of every event in seq order. */
  list(): OutboxEvent[] {
    return [...this.events.values()].map((event) => ({ ...event }));
  }

  /** How many events are still pending (due now, claimed, or waiting for a retry). */
  pending(): number {
    return this.pendingEvents.length;
  }
}
