/**
 * The sync queue's consumer. Per message: validate, process, ack. A failure is retried with growing delays; after
 * MAX_ATTEMPTS, or at once for a message it cannot read, it becomes a dead letter (replayable) and is acked.
 *
 *   parse ─bad─▶ dead letter, ack
 *     └─ok─▶ process ─done─▶ ack
 *               └─failed/threw─▶ attempts < MAX ? retry(delay grows) : dead letter, ack
 */
import type { DeadLetterStore } from "./dead-letters";
import { parseSyncMessage, type SyncMessage } from "./message";
import { type EventResult, processWebshopEvent, type WebshopEventDeps } from "./webshop-event";

/**
 * Deliveries of one message before it is dead-lettered. Below the queue's max_retries + 1 (wrangler.toml: 5 → 6
 * deliveries), so the consumer always gets to dead-letter it before the platform drops it.
 */
export const MAX_ATTEMPTS = 5;
/** Retry n waits RETRY_BASE_DELAY_SECONDS · 4^(n-1), at most RETRY_MAX_DELAY_SECONDS: 30 s, 2 min, 8 min, 32 min. */
export const RETRY_BASE_DELAY_SECONDS = 30;
export const RETRY_MAX_DELAY_SECONDS = 60 * 60;
/** Queues refuses longer delays. */
export const QUEUE_MAX_DELAY_SECONDS = 12 * 60 * 60;

export interface ConsumerDeps extends WebshopEventDeps {
  deadLetters: DeadLetterStore;
}

/** Messages one after another: a batch is small, and a duplicate in the same batch then sees the first one's mark. */
export async function consumeSyncBatch(batch: MessageBatch<unknown>, deps: ConsumerDeps): Promise<void> {
  for (const message of batch.messages) await consumeMessage(message, deps);
}

async function consumeMessage(message: Message<unknown>, deps: ConsumerDeps): Promise<void> {
  const parsed = parseSyncMessage(message.body);
  if (!parsed.ok) {
    // Retrying cannot make it readable.
    await deadLetter(message, parsed.kind, parsed.reason, deps, null);
    return;
  }
  let result: EventResult;
  try {
    result = await process(parsed.message, deps);
  } catch (error) {
    result = { kind: "failed", message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (result.kind === "done") {
    message.ack();
    return;
  }
  const webhookId = parsed.message.webhookId;
  if (message.attempts >= MAX_ATTEMPTS) {
    await deadLetter(
      message,
      parsed.message.kind,
      `Gave up after ${message.attempts} attempts: ${result.message}`,
      deps,
      webhookId,
    );
    return;
  }
  const delaySeconds = retryDelaySeconds(message.attempts, result.retryAfterSeconds);
  message.retry({ delaySeconds });
  const note = `attempt ${message.attempts} failed, retrying in ${delaySeconds} s: ${result.message}`;
  console.warn(`sync queue message ${message.id} (${parsed.message.kind} ${webhookId}): ${note}`);
  await deps.inbox.noteFailure(webhookId, note).catch((error) => {
    console.warn(`could not note the failure on inbox row ${webhookId}:`, error);
  });
}

function process(message: SyncMessage, deps: ConsumerDeps): Promise<EventResult> {
  switch (message.kind) {
    case "webshop-event":
      return processWebshopEvent(message, deps);
  }
}

/**
 * Acks only once the dead letter is stored: if D1 refuses it, the message is retried instead (never dropped).
 * Marking the inbox row is for the admin's view; the dead letter is what counts.
 */
async function deadLetter(
  message: Message<unknown>,
  kind: string | null,
  reason: string,
  deps: ConsumerDeps,
  webhookId: string | null,
): Promise<void> {
  const at = new Date(deps.now()).toISOString();
  try {
    await deps.deadLetters.add(
      { queueMessageId: message.id, kind, body: message.body, reason, attempts: message.attempts },
      at,
    );
  } catch (error) {
    console.error(`could not store dead letter for queue message ${message.id}; retrying it:`, error);
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    return;
  }
  message.ack();
  console.error(`sync queue message ${message.id} dead-lettered: ${reason}`);
  if (webhookId) {
    await deps.inbox.markDeadLettered(webhookId, reason).catch((error) => {
      console.warn(`could not mark inbox row ${webhookId} dead-lettered:`, error);
    });
  }
}

/** Capped exponential backoff, never shorter than the shop asked for (Retry-After). */
export function retryDelaySeconds(attempts: number, atLeastSeconds = 0): number {
  const backoff = Math.min(RETRY_MAX_DELAY_SECONDS, RETRY_BASE_DELAY_SECONDS * 4 ** Math.max(0, attempts - 1));
  return Math.min(QUEUE_MAX_DELAY_SECONDS, Math.max(backoff, Math.ceil(atLeastSeconds)));
}
