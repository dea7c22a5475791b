/**
 * A shop event synced inside the invocation that delivered it, after its 2xx (`waitUntil`), so a change costs no
 * Queue message. The inbox row was written before the answer and stays 'received' until this marks it processed;
 * the queue is only the fallback (docs/webhooks.md, "Processed where it arrives"):
 *
 *   budget fresh? ─no─▶ queue (the request answers as before)
 *     └─yes─▶ 2xx ─▶ processWebshopEvent ─done─▶ row 'processed'
 *                       └─failed/threw─▶ queue.send ─ok─▶ row 'queued' (the consumer retries it with backoff)
 *                                          └─fails─▶ row stays 'received': the cron's sweep sends it after STRANDED_AFTER_MS
 */
import { SEND_OPTIONS, type SyncQueueProducer, webshopEventMessage } from "../messages/message";
import type { ShopEvent } from "./parse-event";
import { type EventResult, processWebshopEvent, type WebshopEventDeps } from "./process-event";

export interface InlineDeps extends WebshopEventDeps {
  queue: SyncQueueProducer;
  /** The invocation's budget: past the sync, only closing steps (the queue fallback) may spend its reserve. */
  budget: { closing(): void };
  log: (line: string) => void;
  /** Run once the event is synced: queues the retries of orders it unblocked (as after a queue batch). */
  afterSync?: () => Promise<unknown>;
}

export type InlineOutcome = "processed" | "queued" | "left-for-sweep";

/** Never throws: whatever happens, the event ends processed, on the queue, or 'received' for the sweep. */
export async function processInline(webhookId: string, event: ShopEvent, deps: InlineDeps): Promise<InlineOutcome> {
  const message = webshopEventMessage(webhookId, event);
  let result: EventResult;
  try {
    result = await processWebshopEvent(message, deps);
  } catch (error) {
    result = { kind: "failed", message: `Unexpected error: ${errorText(error)}` };
  }
  if (result.kind === "done") {
    deps.budget.closing();
    await deps.afterSync?.().catch((error: unknown) => {
      deps.log(
        `webhook ${webhookId}: the retries of orders it unblocked are left to the next cron run (${errorText(error)})`,
      );
    });
    return "processed";
  }
  // The consumer retries it with backoff and, in the end, dead-letters it: the same path as before.
  deps.budget.closing();
  try {
    await deps.queue.send(message, SEND_OPTIONS);
  } catch (error) {
    deps.log(
      `webhook ${webhookId}: not synced (${result.message}) and not queued (${errorText(error)}); the cron's inbox sweep sends it`,
    );
    return "left-for-sweep";
  }
  try {
    await deps.inbox.markQueued([webhookId], new Date(deps.now()).toISOString());
  } catch (error) {
    // On the queue; the sweep sends it once more, and the consumer finds it processed or handles it once.
    deps.log(`webhook ${webhookId}: queued but not marked so (${errorText(error)})`);
  }
  deps.log(`webhook ${webhookId}: not synced where it arrived (${result.message}); queued`);
  return "queued";
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
