/**
 * The consumer of the platform's dead-letter queue (wrangler.toml: poweroffice-sync-dead). A message arrives here
 * when every delivery of it crashed the sync consumer (out of memory, the CPU limit, an error outside its own
 * handling), so the consumer never got to dead-letter it itself. It is recorded as a dead letter in D1, like the
 * consumer's own, for the admin to see and replay. This path does as little as it can: D1 only, no budget, no engine.
 */
import type { DeadLetterStore } from "../messages/dead-letters";
import { parseSyncMessage } from "../messages/message";
import { consoleLog, jobLine } from "../status/job-log";
import type { SchemaState } from "../store/schema-check";
import type { WebhookInbox } from "../webhooks/inbox";

/** The queue's name; an environment's copy is named with its suffix (poweroffice-sync-dead-staging). */
export const DEAD_LETTER_QUEUE = "poweroffice-sync-dead";
/** wrangler.toml's max_retries (5) of poweroffice-sync-work plus the first delivery: what the platform tried. */
export const WORK_QUEUE_DELIVERIES = 6;
/** Retries of a dead letter D1 would not take (wrangler.toml gives this consumer the platform's maximum, 100). */
const RETRY_SECONDS = 5 * 60;

export function isDeadLetterQueue(queue: string): boolean {
  return queue === DEAD_LETTER_QUEUE || queue.startsWith(`${DEAD_LETTER_QUEUE}-`);
}

export interface DeadLetterQueueDeps {
  deadLetters: DeadLetterStore;
  inbox: WebhookInbox;
  now: () => number;
  schema: () => Promise<SchemaState>;
  log?: (line: string) => void;
}

type Outcome = "dead-lettered" | "retried";

export async function consumeDeadLetterBatch(batch: MessageBatch<unknown>, deps: DeadLetterQueueDeps): Promise<void> {
  const startedMs = Date.now();
  const schema = await deps.schema();
  const messages: Array<{ id: string; kind: string | null; from?: string; outcome: Outcome }> = [];
  for (const message of batch.messages) {
    const parsed = parseSyncMessage(message.body);
    const kind = parsed.ok ? parsed.message.kind : parsed.kind;
    const webhookId = parsed.ok && parsed.message.kind === "webshop-event" ? parsed.message.webhookId : null;
    const outcome = schema.usable ? await record(message, kind, webhookId, deps) : retry(message);
    messages.push({ id: message.id, kind, ...(webhookId ? { from: `webhook ${webhookId}` } : {}), outcome });
  }
  const count = (o: Outcome) => messages.filter((m) => m.outcome === o).length;
  (deps.log ?? consoleLog)(
    jobLine({
      kind: "queue",
      correlationId: crypto.randomUUID(),
      action: `batch ${batch.queue}`,
      outcome: !schema.usable ? "schema-behind" : count("retried") > 0 ? "retry" : "ok",
      startedMs,
      counts: { messages: messages.length, deadLettered: count("dead-lettered"), retried: count("retried") },
      problems: schema.usable ? [] : [schema.problem],
      messages,
    }),
  );
}

async function record(
  message: Message<unknown>,
  kind: string | null,
  webhookId: string | null,
  deps: DeadLetterQueueDeps,
): Promise<Outcome> {
  const at = new Date(deps.now()).toISOString();
  // The platform passes on the message only, not the error that crashed the consumer: the logs of that time hold it.
  const reason =
    `The queue gave up on this message after ${WORK_QUEUE_DELIVERIES} deliveries that each crashed the worker ` +
    "(out of memory, the CPU limit, or an error outside the consumer's own handling). The queue does not pass the " +
    `last error on: look in Workers Logs around ${at} for the queue batches naming message ${message.id}.`;
  try {
    await deps.deadLetters.add(
      { queueMessageId: message.id, kind, body: message.body, reason, attempts: WORK_QUEUE_DELIVERIES },
      at,
    );
  } catch (error) {
    console.error(`could not store dead letter for queue message ${message.id}; retrying it:`, error);
    return retry(message);
  }
  message.ack();
  if (webhookId) {
    await deps.inbox.markDeadLettered(webhookId, reason).catch((error) => {
      console.warn(`could not mark inbox row ${webhookId} dead-lettered:`, error);
    });
  }
  return "dead-lettered";
}

function retry(message: Message<unknown>): Outcome {
  message.retry({ delaySeconds: RETRY_SECONDS });
  return "retried";
}
