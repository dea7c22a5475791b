/**
 * When a failed event is tried again. The default is the contract's schedule (docs/webshop-api.md §9): after 1 s,
 * 5 s, 30 s, 2 min and 10 min, then given up (six attempts in all); the receiver's feed catches a change whose
 * event failed, only later. Not jittered: one shop sends to one worker, so there is no crowd of senders to spread out,
 * and an exact schedule is one a shop developer can read off the outbox.
 */
import type { OutboxEvent } from "../adapter.js";

export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000];
/** The contract's "no answer within 10 s" counts as a failed attempt. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;
/**
 * A claimed event is someone's for this long past the attempt's timeout: long enough that a live attempt always ends
 * first, short enough that an event claimed by a process that died is tried again soon.
 */
export const CLAIM_MARGIN_MS = 30_000;

/** What one attempt came to. */
export type AttemptOutcome =
  | { kind: "delivered"; status: number }
  /** 410 Gone: the receiver says the endpoint takes no more events (Standard Webhooks): no retry. */
  | { kind: "gone"; problem: string }
  | { kind: "failed"; problem: string };

export type AttemptResult = Pick<OutboxEvent, "state" | "attempts" | "nextAttemptAt" | "lastError">;

/** The event's state after the attempt that ended at `endedAt`. */
export function afterAttempt(
  event: Pick<OutboxEvent, "attempts">,
  outcome: AttemptOutcome,
  endedAt: number,
  retryDelaysMs: readonly number[],
): AttemptResult {
  const attempts = event.attempts + 1;
  if (outcome.kind === "delivered") return { state: "delivered", attempts, nextAttemptAt: null, lastError: null };
  if (outcome.kind === "gone") {
    return { state: "failed", attempts, nextAttemptAt: null, lastError: `${outcome.problem}; not retried` };
  }
  const delay = retryDelaysMs[attempts - 1];
  if (delay === undefined) {
    const tries = attempts === 1 ? "1 attempt" : `${attempts} attempts`;
    return { state: "failed", attempts, nextAttemptAt: null, lastError: `${outcome.problem}; given up after ${tries}` };
  }
  return { state: "pending", attempts, nextAttemptAt: endedAt + delay, lastError: outcome.problem };
}
