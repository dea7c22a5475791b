/** What happened to each message of a queue batch, and the batch's one JSON log line (docs/operations.md). */
import type { DailyLimit } from "../budgets/daily-limits";
import { parseSyncMessage, type SyncMessage } from "../messages/message";
import { jobLine } from "../status/job-log";

export type MessageOutcome = "done" | "retried" | "dead-lettered" | "deferred" | "held";

export interface Tally {
  messages: Array<{ id: string; kind: string | null; from?: string; outcome: MessageOutcome }>;
  /** The daily allowance that held messages back until the reset, if one did. */
  dailyLimit?: DailyLimit;
}

/** The id of what sent a message, when it names one: the webhook, the cron run of a feed chain, the admin's push. */
function sourceOf(message: SyncMessage): string | undefined {
  if (message.kind === "webshop-event") return `webhook ${message.webhookId}`;
  if (message.kind === "push") return `push ${message.idempotencyKey}`;
  if (message.kind === "poll") return message.holder;
  return undefined;
}

export function recordOutcome(tally: Tally, message: Message<unknown>, outcome: MessageOutcome): void {
  const parsed = parseSyncMessage(message.body);
  const from = parsed.ok ? sourceOf(parsed.message) : undefined;
  tally.messages.push({
    id: message.id,
    kind: parsed.ok ? parsed.message.kind : parsed.kind,
    ...(from ? { from } : {}),
    outcome,
  });
}

export function batchLine(
  queue: string,
  correlationId: string,
  startedMs: number,
  tally: Tally,
  outcome: "ok" | "retry" | "failed" | "schema-behind" | "daily-limit",
  problems: string[],
): string {
  const count = (o: MessageOutcome) => tally.messages.filter((m) => m.outcome === o).length;
  return jobLine({
    kind: "queue",
    correlationId,
    action: `batch ${queue}`,
    outcome,
    startedMs,
    counts: {
      messages: tally.messages.length,
      done: count("done"),
      retried: count("retried"),
      deadLettered: count("dead-lettered"),
      deferred: count("deferred"),
      held: count("held"),
    },
    problems,
    messages: tally.messages,
  });
}
