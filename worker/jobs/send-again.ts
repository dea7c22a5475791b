/**
 * Messages the consumer does not process now (the budget is spent, the schema is behind, a daily allowance is used
 * up) go back on the queue as NEW messages, in one sendBatch, and are acked: a plain retry() would count against
 * their deliveries and in the end dead-letter them for something that is not their fault. Without a queue to send
 * on, or should the send fail, they are retried with the same delay instead: never dropped.
 */
import { SEND_OPTIONS, type SyncMessage, type SyncQueueProducer } from "../messages/message";
import { type MessageOutcome, recordOutcome, type Tally } from "./consumer-tally";

export interface SendAgain {
  /** Null: retry them, do not send (e.g. the Queue's own daily allowance is what ran out). */
  queue: SyncQueueProducer | null | undefined;
  /** When the new messages, or the retries, are due; none: at once. */
  delaySeconds?: number;
  /** Recorded for each message sent again. */
  sent: MessageOutcome;
  /** The retry's delay and outcome when the send is not possible. */
  retry: { delaySeconds: number; outcome: MessageOutcome };
  onSendError: (error: unknown) => void;
}

export async function sendAgain(messages: Message<unknown>[], how: SendAgain, tally: Tally): Promise<void> {
  let sent = false;
  if (how.queue) {
    try {
      const delay = how.delaySeconds === undefined ? {} : { delaySeconds: how.delaySeconds };
      await how.queue.sendBatch(messages.map((m) => ({ body: m.body as SyncMessage, ...SEND_OPTIONS, ...delay })));
      sent = true;
    } catch (error) {
      how.onSendError(error);
    }
  }
  for (const message of messages) {
    if (sent) message.ack();
    else message.retry({ delaySeconds: how.retry.delaySeconds });
    recordOutcome(tally, message, sent ? how.sent : how.retry.outcome);
  }
}
