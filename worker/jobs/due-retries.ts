/**
 * Queues a `retry` for each link whose retry is due (at most RETRIES_PER_RUN, one sendBatch per hundred). The cron
 * does this every minute; a feed chain does it too when it reaches the end of its feed, because that is when links
 * held for the feed (the customers backfill gate) or for records it just linked become due: they go on within
 * seconds instead of waiting for the next cron. A link queued twice is retried once (the retry checks it is still due).
 */

import { SEND_OPTIONS, type SyncMessage } from "../messages/message";
import type { Deps } from "../wiring/build-deps";

export const RETRIES_PER_RUN = 100;

export async function queueDueRetries(deps: Pick<Deps, "store" | "queue" | "now">): Promise<number> {
  const due = await deps.store.links.due(new Date(deps.now()).toISOString(), RETRIES_PER_RUN);
  if (due.length === 0) return 0;
  await sendAll(
    deps,
    due.map((link) => ({ v: 1, kind: "retry", linkId: link.id, dataflow: link.dataflow }) as const),
  );
  return due.length;
}

/**
 * The retries of the links the engine woke in this invocation (orders whose customer or products it just linked),
 * taken once: the trigger sends them with whatever else it sends at its end.
 */
export function takeWokenRetries(deps: Pick<Deps, "woken">): SyncMessage[] {
  const ids = [...new Set(deps.woken.splice(0))];
  return ids.map((linkId) => ({ v: 1, kind: "retry", linkId, dataflow: "orders" }) as const);
}

/** Sends the woken links' retries, if any (one sendBatch). */
export async function queueWoken(deps: Pick<Deps, "woken" | "queue">): Promise<number> {
  const retries = takeWokenRetries(deps);
  if (retries.length > 0) await sendAll(deps, retries);
  return retries.length;
}

export async function sendAll(deps: Pick<Deps, "queue">, messages: SyncMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    await deps.queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body, ...SEND_OPTIONS })));
  }
}
