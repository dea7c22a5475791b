/**
 * The minute cron: under the `cron` lease, sweep the webhook inbox, queue due retries and (every reconcileEveryMs(plan))
 * a reconcile pass, then read every change feed once, inline while the budget allows, the rest through the queue.
 *
 *   lease ─taken elsewhere─▶ exit
 *     └─ours─▶ D1 schema older than the code? ─yes─▶ release, exit (docs/operations.md, Upgrades)
 *               └─no─▶ sweep ─▶ retries ─▶ reconcile? ─▶ peek every feed (cursor + one read, no lease)
 *               ─▶ per feed with work, dependency order: page fits budget? ─no─▶ queue `poll`
 *                     └─yes─▶ poll lease ─busy─▶ skip (a chain reads it) │ ours ─▶ one page ─more─▶ queue `poll`
 *               ─▶ orders gone from PowerOffice's open list (jobs/gone-orders.ts), with what is left
 *               ─▶ send the `poll` messages ─▶ release the lease
 */

import type { DailyLimit } from "../budgets/daily-limits";
import { LeaseLostError } from "../core/ports";
import type { PollMessage } from "../messages/message";
import { checkSchema } from "../store/schema-check";
import { type SweepReport, sweepInbox } from "../webhooks/sweep";
import type { Deps } from "../wiring/build-deps";
import { type FirstSyncRecord, previewHold } from "../wiring/first-sync";
import { syncOffBecause } from "../wiring/poweroffice-connection";
import { type PreviewReadReport, readPreview } from "../wiring/preview-read";
import { cronLine } from "./cron-line";
import { d1LimitInForce, keepDailyLimits } from "./daily-limit-stop";
import { queueDueRetries, sendAll, takeWokenRetries } from "./due-retries";
import { recordUsage } from "./first-sync-pacing";
import { type GoneOrdersOutcome, lookForGoneOrders } from "./gone-orders";
import { errorText, type FeedOutcome, pollFeeds } from "./poll-feeds";
import { queueReconcile } from "./reconcile-clock";

export { type FeedOutcome, pollLeaseName } from "./poll-feeds";

export const CRON_LEASE = "cron";
/**
 * Renewed while the run works (worker/engine/lease-book.ts), so it can be short: a run that crashed (CPU limit, out
 * of memory, a deploy) holds the cron up for this long at most.
 */
export const CRON_LEASE_TTL_MS = 20_000;
/** Due retries queued per run (one sendBatch holds at most 100). */
export interface CronReport {
  /** False when another run holds the cron lease: this one did nothing. */
  ran: boolean;
  runId: string;
  sweep: SweepReport | null;
  retriesQueued: number;
  reconcileQueued: boolean;
  /**
   * The first sync has not started (FIRST_SYNC=preview): the run read for the preview instead of syncing, and left
   * the inbox's webhooks waiting (docs/sync-engine.md, "Preview"); null once syncing has started.
   */
  preview: PreviewReadReport | null;
  /** The look for linked orders PowerOffice no longer lists (invoiced there); null when it did not run. */
  goneOrders: GoneOrdersOutcome | null;
  feeds: FeedOutcome[];
  /** Subrequests this run made. */
  subrequests: number;
  /** Why the sync part did not run (configuration incomplete). */
  syncOff: string | null;
  /** A lease of the run could not be renewed: the run stopped there (not an error; no commit was made without it). */
  leaseLost: string | null;
  /** D1's schema is older than this code's: the run did nothing (docs/operations.md, Upgrades). */
  schemaBehind: string | null;
  /**
   * Cloudflare's daily allowances found used up: the run stopped before work the platform refuses until 00:00 UTC
   * (not an error; nothing was half done, and the next run after the reset goes on from there).
   */
  dailyLimits: DailyLimit[];
  errors: string[];
}

/** The steps that send queue messages: skipped while the Queue's daily operations are used up. */
const QUEUE_STEPS = new Set(["inbox sweep", "due retries", "reconcile", "poll messages"]);

export interface CronOptions {
  runId?: string;
  /** The time the sweep judges the inbox by (the controller's scheduledTime); default deps.now(). */
  scheduledTime?: number;
}

/** Unexpected failures of a step are in `errors`; the scheduled handler then throws, so the run shows as failed. */
export async function runCron(deps: Deps, options: CronOptions = {}): Promise<CronReport> {
  const runId = options.runId ?? crypto.randomUUID();
  const startedMs = Date.now();
  const report: CronReport = {
    ran: false,
    runId,
    sweep: null,
    retriesQueued: 0,
    reconcileQueued: false,
    preview: null,
    goneOrders: null,
    feeds: [],
    subrequests: 0,
    syncOff: null,
    leaseLost: null,
    schemaBehind: null,
    dailyLimits: [],
    errors: [],
  };
  // D1 refuses every query until the reset: the run costs nothing while this isolate knows it.
  const d1Out = d1LimitInForce(deps.dailyLimits, deps.now());
  if (d1Out) {
    report.dailyLimits.push(d1Out);
    deps.log(cronLine(report, startedMs));
    return report;
  }
  const holder = `cron-run:${runId}`;
  let taken: boolean;
  try {
    taken = await deps.leases.take(CRON_LEASE, holder, CRON_LEASE_TTL_MS);
  } catch (error) {
    const limit = deps.spotDailyLimit(error);
    if (limit) {
      report.dailyLimits.push(limit);
      deps.log(cronLine(report, startedMs));
      return report;
    }
    report.errors.push(`cron lease: ${errorText(error)}`);
    deps.log(cronLine(report, startedMs));
    throw error;
  }
  if (!taken) {
    report.subrequests = deps.budget.used();
    deps.log(cronLine(report, startedMs));
    return report;
  }
  // Checked by the run that would work only, so one that finds the lease held still costs one subrequest. Against an
  // older schema the run gives the lease back and does nothing else (docs/operations.md, Upgrades).
  const schema = await checkSchema(deps.db);
  const d1Refused = schema.usable ? null : d1LimitInForce(deps.dailyLimits, deps.now());
  if (d1Refused) {
    // D1 refused the check for the day: the lease runs out by itself (giving it back would be refused too).
    report.dailyLimits.push(d1Refused);
    report.subrequests = deps.budget.used();
    deps.log(cronLine(report, startedMs));
    return report;
  }
  if (!schema.usable) {
    report.schemaBehind = schema.problem;
    await deps.leases.release(CRON_LEASE).catch((error: unknown) => {
      report.errors.push(`cron lease: ${errorText(error)}`);
    });
    report.subrequests = deps.budget.used();
    deps.log(cronLine(report, startedMs));
    return report;
  }
  report.ran = true;
  const step = async (name: string, work: () => Promise<void>) => {
    if (report.leaseLost !== null && name !== "cron lease") return;
    // A used-up daily allowance stops what it refuses: all of it for D1 (the lease then simply runs out), the sends
    // for the Queue (the feeds are still read inline; their cursors, not messages, say where each one stands).
    if (d1LimitInForce(deps.dailyLimits, deps.now())) return;
    if (QUEUE_STEPS.has(name) && deps.dailyLimits.inForce("queue-operations", deps.now())) {
      noteLimit(deps.dailyLimits.inForce("queue-operations", deps.now())!);
      return;
    }
    try {
      await work();
    } catch (error) {
      const limit = deps.spotDailyLimit(error);
      // A lease that could not be renewed stops the run cleanly: nothing of the step was committed, and whoever
      // holds the lease now does the work.
      if (error instanceof LeaseLostError) report.leaseLost = `${name}: ${error.message}`;
      else if (limit) noteLimit(limit);
      else report.errors.push(`${name}: ${errorText(error)}`);
    }
  };
  const noteLimit = (limit: DailyLimit) => {
    if (!report.dailyLimits.some((l) => l.allowance === limit.allowance)) report.dailyLimits.push(limit);
  };
  try {
    const scheduledTime = options.scheduledTime ?? deps.now();
    let notConnected: string | null = null;
    if (deps.sync.ok) {
      await step("poweroffice connection", async () => {
        notConnected = await syncOffBecause(deps);
      });
    }
    // Before the first sync has started nothing is written to either system: the run reads for the preview, and the
    // shop's webhooks wait in the inbox (swept after the start). Unknown (D1 failed) holds everything too.
    let hold: FirstSyncRecord | "unknown" | null = deps.sync.ok ? "unknown" : null;
    if (deps.sync.ok) {
      await step("first sync", async () => {
        hold = await previewHold(deps);
      });
    }
    if (hold === null) {
      await step("inbox sweep", async () => {
        report.sweep = await sweepInbox({ inbox: deps.inbox, queue: deps.queue, now: () => scheduledTime });
      });
    }
    if (!deps.sync.ok) {
      report.syncOff = `The sync is off until the configuration is complete: ${deps.sync.problems.join("; ")}`;
    } else if (notConnected !== null) {
      // Not connected: neither the sync nor the preview's read can reach PowerOffice.
      report.syncOff = notConnected;
    } else if (hold !== null) {
      const preview: FirstSyncRecord | "unknown" = hold;
      if (preview !== "unknown") {
        await step("preview", async () => {
          report.preview = await readPreview(deps, preview);
        });
      }
    } else {
      await step("due retries", async () => {
        report.retriesQueued = await queueDueRetries(deps);
      });
      await step("reconcile", () => queueReconcile(deps, report));
      const continuations: PollMessage[] = [];
      await step("change feeds", () => pollFeeds(deps, report, continuations, runId));
      await step("invoiced orders", async () => {
        // After the feeds, with what they left: the poll messages' sendBatch is kept back.
        report.goneOrders = await lookForGoneOrders(deps, continuations.length > 0 ? 1 : 0);
      });
      // What is left now is for closing: the poll messages and giving the lease back.
      deps.budget.closing();
      // Orders an inline page unblocked (it linked their customer or products) go in the same send.
      const messages = [...continuations, ...takeWokenRetries(deps)];
      if (messages.length > 0) {
        await step("poll messages", () => sendAll(deps, messages));
      }
    }
  } finally {
    deps.budget.closing();
    // Refusals inside the work (a KV write of the token cache, which goes on without it) count as well.
    for (const limit of deps.dailyLimits.all(deps.now())) noteLimit(limit);
    if (report.dailyLimits.length > 0) await keepDailyLimits(deps);
    await step("cron lease", () => deps.leases.release(CRON_LEASE));
    // The day's tally, when the run did more than look (a quiet minute writes nothing); after the lease, which must
    // not wait for a run that used its last subrequest on it.
    const used = deps.usage.usage();
    const previewRead = (report.preview?.pages ?? 0) > 0;
    if (
      report.feeds.some((f) => f.outcome === "inline") ||
      previewRead ||
      used.queueOperations > 0 ||
      used.kvWrites > 0
    ) {
      if (!d1LimitInForce(deps.dailyLimits, deps.now())) await recordUsage(deps);
    }
    report.subrequests = deps.budget.used();
  }
  deps.log(cronLine(report, startedMs));
  return report;
}

/** The error a failed run is reported with (after its lease was given back and the other steps ran). */
export function cronFailure(report: CronReport): Error | null {
  return report.errors.length > 0 ? new Error(`cron run ${report.runId} failed: ${report.errors.join(" | ")}`) : null;
}
