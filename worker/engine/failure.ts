/**
 * A record that failed: the link shows the error in words, counts the attempt and says when the next one is due
 * (BACKOFF_MS); after the last attempt it is dead-lettered (no next attempt, an activity entry, replayable by the
 * admin). One record's failure never holds up the others.
 */
import type { CommitActivity, SideError } from "../core/ports";
import type { DataflowId } from "../core/types";
import { nextRetryAt } from "./limits";
import { linkError } from "./link-shape";
import { type HeldLink, iso, type Run, stage } from "./run";
import type { RecordOutcome } from "./sync-types";

/** Stages `link` (with what the failed step learned, e.g. a created id) as failed with `error`. */
export function failLink(
  run: Run,
  link: HeldLink,
  error: SideError | { code: string; message: string },
): RecordOutcome {
  const now = run.now();
  const attempts = link.attempts + 1;
  const retryAfter = "retryAfterMs" in error ? error.retryAfterMs : undefined;
  const due = nextRetryAt(now, attempts, run.deps.limits.maxAttempts, retryAfter);
  const side = "side" in error ? error.side : null;
  const failed: HeldLink = {
    ...link,
    state: "error",
    lastError: linkError(error.code, error.message, side),
    attempts,
    nextRetryAt: due === null ? null : iso(due),
  };
  const activity: CommitActivity[] = [
    {
      at: iso(now),
      dataflow: link.dataflow,
      linkId: link.id,
      side: null,
      action: "error",
      changes: {},
      message: error.message,
    },
  ];
  if (due === null) {
    activity.push({
      at: iso(now),
      dataflow: link.dataflow,
      linkId: link.id,
      side: null,
      action: "dead-lettered",
      changes: {},
      message: `Gave up after ${attempts} attempts: ${error.message} Replay it once the cause is fixed.`,
    });
  }
  stage(run, failed, activity);
  run.deps.log(`${link.dataflow} link ${link.id}: ${error.message}${due === null ? " (dead-lettered)" : ""}`);
  return { linkId: link.id, state: "error", message: error.message, written: 0, failed: true };
}

/** A failure before the record has a link (it could not even be read): nothing to stage, the caller retries. */
export function failBare(dataflow: DataflowId, id: string, error: SideError): RecordOutcome {
  return {
    linkId: null,
    state: "error",
    message: `${dataflow} record ${id}: ${error.message}`,
    written: 0,
    failed: true,
  };
}
