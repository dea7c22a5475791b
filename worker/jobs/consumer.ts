/**
 * The sync queue's consumer. Per message: validate, process, ack. A failure is retried with growing delays; after
 * MAX_ATTEMPTS, or at once for a message it cannot read, it becomes a dead letter (replayable) and is acked.
 * Messages the invocation's subrequest budget cannot cover any more are sent again as new messages and acked.
 *
 *   budget left? ─no─▶ send again as new, ack
 *     └─yes─▶ parse ─bad─▶ dead letter, ack
 *               └─ok─▶ process ─done─▶ ack
 *                         └─failed/threw─▶ attempts < MAX ? retry(delay grows) : dead letter, ack
 */
import type { Budget } from "../budgets/budget";
import type { DailyLimit } from "../budgets/daily-limits";
import { messageCost } from "../budgets/message-cost";
import type { DeadLetterStore } from "../messages/dead-letters";
import { parseSyncMessage, type SyncMessage, type SyncQueueProducer, type SyncWorkMessage } from "../messages/message";
import { consoleLog } from "../status/job-log";
import type { SchemaState } from "../store/schema-check";
import { type EventResult, processWebshopEvent, type WebshopEventDeps } from "../webhooks/process-event";
import { batchLine, type MessageOutcome, recordOutcome, type Tally } from "./consumer-tally";
import { dailyLimitText, secondsUntilReset } from "./daily-limit-stop";
import { sendAgain } from "./send-again";
import type { WorkResult } from "./sync-work";

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
/** A batch that finds D1's schema older than the code is sent again this much later (docs/operations.md, Upgrades). */
export const SCHEMA_WAIT_SECONDS = 60;

export interface ConsumerDeps extends WebshopEventDeps {
  deadLetters: DeadLetterStore;
  /** The engine's messages (poll, retry, push, reconcile); without it they fail and, in the end, dead-letter. */
  work?: (message: SyncWorkMessage) => Promise<WorkResult>;
  /** The invocation's budget and the queue to defer to; without them every message of a batch is processed. */
  budget?: Budget;
  queue?: SyncQueueProducer;
  /** Run once the batch's messages are done or deferred: queues the retries of orders the batch unblocked. */
  afterBatch?: () => Promise<unknown>;
  /** Whether D1's schema is one this code can work on (worker/store/schema-check.ts); unchecked without it. */
  schema?: () => Promise<SchemaState>;
  /**
   * Adds the batch's use of the daily allowances to the day's tally, once at its end (worker/jobs/first-sync-pacing.ts);
   * `webhooks` are the shop's deliveries behind the events it processed, each a Workers request of its own.
   */
  recordUsage?: (webhooks: number) => Promise<void>;
  /** Where the batch's JSON line goes (default console.log). */
  log?: (line: string) => void;
  /**
   * Cloudflare's daily allowances (worker/jobs/daily-limit-stop.ts): `blocking` is a used-up D1 allowance (nothing
   * can be processed), `spot` says whether a failure was a refusal, `keep` writes what ran out for the status view.
   * Without them a refusal is an ordinary failure.
   */
  /**
   * True while the first sync has not started (docs/sync-engine.md, "Preview"): nothing may be written, so messages
   * are acknowledged without work (a shop event stays 'received' in the inbox, and the sweep sends it after the start).
   */
  held?: () => Promise<boolean>;
  dailyLimits?: {
    blocking(): DailyLimit | null;
    spot(error: unknown): DailyLimit | null;
    /** Any allowance used up now (a Queue refusal inside the work leaves no trace in its failure text). */
    any(): DailyLimit | null;
    keep(): Promise<void>;
  };
}

/**
 * Messages one after another: a batch is small, and a duplicate in the same batch then sees the first one's mark.
 * The batch ends with one JSON line (docs/operations.md) naming each message by id, kind and where it came from.
 */
export async function consumeSyncBatch(batch: MessageBatch<unknown>, deps: ConsumerDeps): Promise<void> {
  const startedMs = Date.now();
  const correlationId = crypto.randomUUID();
  const tally: Tally = { messages: [] };
  const log = deps.log ?? consoleLog;
  const schema = deps.schema ? await deps.schema() : null;
  // D1 refused the schema check itself for the day: the batch waits for the reset, not a minute.
  const blocked = schema && !schema.usable ? deps.dailyLimits?.blocking() : null;
  if (blocked) {
    await holdUntilReset([...batch.messages], blocked, deps, tally);
    log(batchLine(batch.queue, correlationId, startedMs, tally, "daily-limit", [dailyLimitText(blocked)]));
    return;
  }
  if (schema && !schema.usable) {
    await holdBack([...batch.messages], deps.queue, tally);
    log(batchLine(batch.queue, correlationId, startedMs, tally, "schema-behind", [schema.problem]));
    return;
  }
  if (await deps.held?.()) {
    for (const message of batch.messages) message.ack();
    log(batchLine(batch.queue, correlationId, startedMs, tally, "ok", ["first sync not started: nothing is synced"]));
    return;
  }
  let thrown: unknown = null;
  try {
    await consumeMessages([...batch.messages], deps, tally);
  } catch (error) {
    thrown = error;
  }
  if (deps.afterBatch && thrown === null) {
    // A closing step like deferring: the links it would queue are due already, so a failure only delays them to the
    // next cron run.
    deps.budget?.closing();
    await deps.afterBatch().catch((error) => {
      console.warn(
        "could not queue the retries of the orders this batch unblocked; the next cron run takes them:",
        error,
      );
    });
  }
  if (tally.dailyLimit || deps.dailyLimits?.any()) await deps.dailyLimits?.keep();
  if (!deps.dailyLimits?.blocking()) {
    await deps.recordUsage?.(tally.messages.filter((m) => m.kind === "webshop-event" && m.outcome === "done").length);
  }
  const problems = [
    ...(thrown === null ? [] : [`the batch failed: ${errorText(thrown)}`]),
    ...(tally.dailyLimit ? [dailyLimitText(tally.dailyLimit)] : []),
  ];
  const failed = thrown !== null || tally.messages.some((m) => m.outcome === "dead-lettered");
  const retried = tally.messages.some((m) => m.outcome === "retried");
  const outcome = failed ? "failed" : tally.dailyLimit ? "daily-limit" : retried ? "retry" : "ok";
  log(batchLine(batch.queue, correlationId, startedMs, tally, outcome, problems));
  if (thrown !== null) throw thrown;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * D1 is older than this code: nothing is processed. The messages go back as new ones a minute later, or are retried
 * after it should the send fail.
 */
function holdBack(messages: Message<unknown>[], queue: SyncQueueProducer | undefined, tally: Tally) {
  return sendAgain(
    messages,
    {
      queue,
      delaySeconds: SCHEMA_WAIT_SECONDS,
      sent: "held",
      retry: { delaySeconds: SCHEMA_WAIT_SECONDS, outcome: "held" },
      onSendError: (error) =>
        console.warn(`could not send ${messages.length} queue messages again for later; retrying them:`, error),
    },
    tally,
  );
}

/**
 * A used-up daily allowance: the messages wait until just after 00:00 UTC, sent again with that delay while the Queue
 * still takes sends, retried with it otherwise.
 */
function holdUntilReset(messages: Message<unknown>[], limit: DailyLimit, deps: ConsumerDeps, tally: Tally) {
  tally.dailyLimit ??= limit;
  const delaySeconds = secondsUntilReset(limit, deps.now());
  return sendAgain(
    messages,
    {
      queue: limit.allowance === "queue-operations" ? null : deps.queue,
      delaySeconds,
      sent: "held",
      retry: { delaySeconds, outcome: "held" },
      onSendError: (error) => deps.dailyLimits?.spot(error),
    },
    tally,
  );
}

async function consumeMessages(messages: Message<unknown>[], deps: ConsumerDeps, tally: Tally): Promise<void> {
  for (const [index, message] of messages.entries()) {
    const blocked = deps.dailyLimits?.blocking();
    if (blocked) {
      await holdUntilReset(messages.slice(index), blocked, deps, tally);
      return;
    }
    // The first message always runs: it has the whole budget, and deferring it would only send it round again.
    if (deps.budget && deps.queue && index > 0 && deps.budget.remaining() < costOf(message.body)) {
      deps.budget.closing();
      await defer(messages.slice(index), deps.queue, tally);
      return;
    }
    const outcome = await consumeMessage(message, deps, tally);
    if (outcome !== "held") recordOutcome(tally, message, outcome);
  }
}

/** A message that cannot be read costs a dead letter (one write). */
function costOf(body: unknown): number {
  const parsed = parseSyncMessage(body);
  return parsed.ok ? messageCost(parsed.message) : 1;
}

/** The rest of the batch goes back as new messages, so a fresh invocation with a whole budget takes them. */
function defer(messages: Message<unknown>[], queue: SyncQueueProducer, tally: Tally): Promise<void> {
  return sendAgain(
    messages,
    {
      queue,
      sent: "deferred",
      retry: { delaySeconds: retryDelaySeconds(1), outcome: "retried" },
      onSendError: (error) => console.warn(`could not defer ${messages.length} queue messages; retrying them:`, error),
    },
    tally,
  );
}

async function consumeMessage(message: Message<unknown>, deps: ConsumerDeps, tally: Tally): Promise<MessageOutcome> {
  const parsed = parseSyncMessage(message.body);
  if (!parsed.ok) {
    // Retrying cannot make it readable.
    return deadLetter(message, parsed.kind, parsed.reason, deps, null);
  }
  let result: EventResult | WorkResult;
  try {
    result = await process(parsed.message, deps);
  } catch (error) {
    result = { kind: "failed", message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (result.kind === "done") {
    message.ack();
    return "done";
  }
  // Refused by a used-up daily allowance: nothing of it was committed, and it waits for the reset, not dead-lettered.
  const limit = deps.dailyLimits ? (deps.dailyLimits.spot(result.message) ?? deps.dailyLimits.any()) : null;
  if (limit) {
    await holdUntilReset([message], limit, deps, tally);
    return "held";
  }
  const webhookId = parsed.message.kind === "webshop-event" ? parsed.message.webhookId : null;
  if (message.attempts >= MAX_ATTEMPTS) {
    return deadLetter(
      message,
      parsed.message.kind,
      `Gave up after ${message.attempts} attempts: ${result.message}`,
      deps,
      webhookId,
    );
  }
  const delaySeconds = retryDelaySeconds(message.attempts, result.retryAfterSeconds);
  message.retry({ delaySeconds });
  const note = `attempt ${message.attempts} failed, retrying in ${delaySeconds} s: ${result.message}`;
  console.warn(`sync queue message ${message.id} (${parsed.message.kind} ${webhookId ?? ""}): ${note}`);
  if (!webhookId) return "retried";
  await deps.inbox.noteFailure(webhookId, note).catch((error) => {
    console.warn(`could not note the failure on inbox row ${webhookId}:`, error);
  });
  return "retried";
}

function process(message: SyncMessage, deps: ConsumerDeps): Promise<EventResult | WorkResult> {
  if (message.kind === "webshop-event") return processWebshopEvent(message, deps);
  if (!deps.work) {
    return Promise.resolve({ kind: "failed", message: `No sync engine is installed to handle '${message.kind}'` });
  }
  return deps.work(message);
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
): Promise<MessageOutcome> {
  const at = new Date(deps.now()).toISOString();
  try {
    await deps.deadLetters.add(
      { queueMessageId: message.id, kind, body: message.body, reason, attempts: message.attempts },
      at,
    );
  } catch (error) {
    console.error(`could not store dead letter for queue message ${message.id}; retrying it:`, error);
    message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });
    return "retried";
  }
  message.ack();
  console.error(`sync queue message ${message.id} dead-lettered: ${reason}`);
  if (webhookId) {
    await deps.inbox.markDeadLettered(webhookId, reason).catch((error) => {
      console.warn(`could not mark inbox row ${webhookId} dead-lettered:`, error);
    });
  }
  return "dead-lettered";
}

/** Capped exponential backoff, never shorter than the shop asked for (Retry-After). */
export function retryDelaySeconds(attempts: number, atLeastSeconds = 0): number {
  const backoff = Math.min(RETRY_MAX_DELAY_SECONDS, RETRY_BASE_DELAY_SECONDS * 4 ** Math.max(0, attempts - 1));
  return Math.min(QUEUE_MAX_DELAY_SECONDS, Math.max(backoff, Math.ceil(atLeastSeconds)));
}
