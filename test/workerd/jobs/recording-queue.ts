/**
 * A queue producer for the integration tests: it keeps what the worker sends (in order, as JSON would carry it) so
 * the harness can hand the messages to the worker's own `queue` handler; it can fail sends on purpose.
 */
import type { SyncMessage } from "../../../worker/messages/message";

export interface QueuedMessage {
  id: string;
  body: SyncMessage;
  attempts: number;
}

export function recordingQueue() {
  let sequence = 0;
  /** Sent and not yet consumed, oldest first. */
  const pending: QueuedMessage[] = [];
  /** Every body ever sent. */
  const sent: SyncMessage[] = [];
  const state = { failSends: 0 };
  const push = (body: SyncMessage) => {
    if (state.failSends > 0) {
      state.failSends -= 1;
      throw new Error("Queue send failed (injected)");
    }
    const copy = JSON.parse(JSON.stringify(body)) as SyncMessage;
    sent.push(copy);
    sequence += 1;
    pending.push({ id: `q${sequence}`, body: copy, attempts: 1 });
  };
  const queue = {
    async send(body: SyncMessage) {
      push(body);
    },
    async sendBatch(messages: Iterable<MessageSendRequest<SyncMessage>>) {
      const list = [...messages];
      if (state.failSends > 0) {
        state.failSends -= 1;
        throw new Error("Queue sendBatch failed (injected)");
      }
      for (const m of list) push(m.body);
    },
    async metrics() {
      return { backlogCount: pending.length, backlogBytes: 0 };
    },
  };
  return {
    pending,
    sent,
    state,
    queue: queue as unknown as Queue<unknown>,
    /** Takes up to `n` pending messages, oldest first. */
    take(n: number): QueuedMessage[] {
      return pending.splice(0, n);
    },
    /** Puts retried messages back at the end, one attempt further. */
    requeue(messages: QueuedMessage[]) {
      for (const m of messages) pending.push({ ...m, attempts: m.attempts + 1 });
    },
  };
}

export type RecordingQueue = ReturnType<typeof recordingQueue>;
