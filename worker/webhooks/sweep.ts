/**
 * The cron's care of the inbox: settle or re-send events recorded but never known to be enqueued (the worker failed
 * between the insert and the send, and the shop did not retry; or the event was left to a run writing its record,
 * webhooks/writer-in-flight.ts), and forget rows the shop can no longer repeat. An event whose version the sync has
 * seen by now (that run's echo, as a rule) is deleted, as intake would have recognised it and written no row; the
 * rest go to the queue.
 */
import { SEND_OPTIONS, type SyncQueueProducer, webshopEventMessage } from "../messages/message";
import type { WebhookInbox } from "./inbox";
import { isSeen } from "./seen-version";

/** A 'received' row this old is stranded: a live request finishes its send within seconds. */
export const STRANDED_AFTER_MS = 60_000;
/**
 * Webshops retry a failed delivery for hours to a few days (the Standard Webhooks reference schedule ends after about
 * 1.5 days); a week covers them with room to spare. Past it a repeated webhook-id would be processed again, which is
 * harmless: the consumer re-reads the record and the sync core ignores what it already has.
 */
export const INBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
/** Queues' sendBatch takes at most 100 messages; a few batches per run keep one cron invocation short. */
export const SWEEP_BATCH_SIZE = 100;
export const MAX_SWEEP_BATCHES = 5;

export interface SweepDeps {
  inbox: WebhookInbox;
  queue: SyncQueueProducer;
  now: () => number;
}

export interface SweepReport {
  resent: string[];
  /** Rows settled as seen, without a queue message. */
  settled: string[];
  pruned: number;
}

/** Throws when D1 or the queue fails: the cron run then shows as failed, and the next run tries again. */
export async function sweepInbox(deps: SweepDeps): Promise<SweepReport> {
  const now = deps.now();
  const at = new Date(now).toISOString();
  const before = new Date(now - STRANDED_AFTER_MS).toISOString();
  const resent: string[] = [];
  const settled: string[] = [];
  for (let batch = 0; batch < MAX_SWEEP_BATCHES; batch++) {
    const rows = await deps.inbox.stranded(before, SWEEP_BATCH_SIZE);
    if (rows.length === 0) break;
    // A deletion is never seen: it may name the record's last version, which the sync has seen.
    const seen = rows.filter((row) => !row.type.endsWith(".deleted") && isSeen(row.seen, row.version));
    const owed = rows.filter((row) => !seen.includes(row));
    if (seen.length > 0) {
      await deps.inbox.forgetSeen(seen.map((row) => row.webhookId));
      settled.push(...seen.map((row) => row.webhookId));
    }
    if (owed.length > 0) {
      await deps.queue.sendBatch(
        owed.map((row) => ({ body: webshopEventMessage(row.webhookId, row), ...SEND_OPTIONS })),
      );
      const ids = owed.map((row) => row.webhookId);
      await deps.inbox.markQueued(ids, at);
      resent.push(...ids);
    }
    if (rows.length < SWEEP_BATCH_SIZE) break;
  }
  const pruned = await deps.inbox.prune(new Date(now - INBOX_RETENTION_MS).toISOString());
  return { resent, settled, pruned };
}
