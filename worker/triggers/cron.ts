/**
 * The minute cron: under the `cron` lease, sweep the webhook inbox, queue due retries and (every RECONCILE_EVERY_MS)
 * a reconcile pass, then read every change feed once, inline while the budget allows, the rest through the queue.
 *
 *   lease ─taken elsewhere─▶ exit
 *     └─ours─▶ sweep ─▶ retries ─▶ reconcile? ─▶ peek every feed (cursor + one read, no lease)
 *               ─▶ per feed with work, dependency order: page fits budget? ─no─▶ queue `poll`
 *                     └─yes─▶ poll lease ─busy─▶ skip (a chain reads it) │ ours ─▶ one page ─more─▶ queue `poll`
 *               ─▶ send the `poll` messages ─▶ release the lease
 */
import type { Deps } from "../deps";
import type { PollResult } from "../engine";
import { type PollMessage, SEND_OPTIONS, type SyncMessage } from "../queue/message";
import { DATAFLOWS, type DataflowId, SIDES, type Side } from "../sync/types";
import { type SweepReport, sweepInbox } from "../webhooks/sweep";
import { peekFeed } from "./feed-peek";
import { PEEK_COST, pageSizeFor } from "./plan-budget";

export const CRON_LEASE = "cron";
/** Longer than any run; a run that crashed frees the cron after this. */
export const CRON_LEASE_TTL_MS = 5 * 60_000;
/** A poll lease outlives one page and the queue's delay before the next; a lost chain frees its feed after this. */
export const POLL_LEASE_TTL_MS = 2 * 60_000;
export const RECONCILE_EVERY_MS = 60 * 60_000;
export const RECONCILE_SETTING = "reconcile:last";
/** Due retries queued per run (one sendBatch holds at most 100). */
export const RETRIES_PER_RUN = 100;
/** Kept back for the end of the run: the queue's sendBatch and giving the leases back. */
const CLOSING_COST = 2;

export const pollLeaseName = (dataflow: DataflowId, side: Side) => `poll:${dataflow}:${side}`;

/**
 * quiet: nothing new; inline: one page done in this run; queued: handed to a `poll` chain (budget); busy: a chain is
 * reading it; unreadable: the system did not answer (the next run tries again); failed: an unexpected error.
 */
export type FeedOutcome =
  | ({ dataflow: DataflowId; side: Side; outcome: "inline" } & PollResult)
  | { dataflow: DataflowId; side: Side; outcome: "quiet" | "queued" | "busy" }
  | { dataflow: DataflowId; side: Side; outcome: "unreadable" | "failed"; error: string };

export interface CronReport {
  /** False when another run holds the cron lease: this one did nothing. */
  ran: boolean;
  runId: string;
  sweep: SweepReport | null;
  retriesQueued: number;
  reconcileQueued: boolean;
  feeds: FeedOutcome[];
  /** Subrequests this run made. */
  subrequests: number;
  /** Why the sync part did not run (configuration incomplete). */
  syncOff: string | null;
  errors: string[];
}

export interface CronOptions {
  runId?: string;
  /** The time the sweep judges the inbox by (the controller's scheduledTime); default deps.now(). */
  scheduledTime?: number;
}

/** Unexpected failures of a step are in `errors`; the scheduled handler then throws, so the run shows as failed. */
export async function runCron(deps: Deps, options: CronOptions = {}): Promise<CronReport> {
  const runId = options.runId ?? crypto.randomUUID();
  const report: CronReport = {
    ran: false,
    runId,
    sweep: null,
    retriesQueued: 0,
    reconcileQueued: false,
    feeds: [],
    subrequests: 0,
    syncOff: null,
    errors: [],
  };
  const holder = `cron-run:${runId}`;
  if (!(await deps.store.leases.acquire(CRON_LEASE, holder, CRON_LEASE_TTL_MS, deps.now()))) {
    report.subrequests = deps.budget.used();
    return report;
  }
  report.ran = true;
  const step = async (name: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      report.errors.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  try {
    const scheduledTime = options.scheduledTime ?? deps.now();
    await step("inbox sweep", async () => {
      report.sweep = await sweepInbox({ inbox: deps.inbox, queue: deps.queue, now: () => scheduledTime });
    });
    if (!deps.sync.ok) {
      report.syncOff = `The sync is off until the configuration is complete: ${deps.sync.problems.join("; ")}`;
    } else {
      await step("due retries", () => queueDueRetries(deps, report));
      await step("reconcile", () => queueReconcile(deps, report));
      const continuations: PollMessage[] = [];
      await step("change feeds", () => pollFeeds(deps, report, continuations, runId));
      if (continuations.length > 0) {
        await step("poll messages", () => send(deps, continuations));
      }
    }
  } finally {
    deps.budget.closing();
    await step("cron lease", () => deps.store.leases.release(CRON_LEASE, holder));
    report.subrequests = deps.budget.used();
  }
  deps.log(cronLine(report));
  return report;
}

/** The error a failed run is reported with (after its lease was given back and the other steps ran). */
export function cronFailure(report: CronReport): Error | null {
  return report.errors.length > 0 ? new Error(`cron run ${report.runId} failed: ${report.errors.join(" | ")}`) : null;
}

async function queueDueRetries(deps: Deps, report: CronReport): Promise<void> {
  const due = await deps.store.links.due(new Date(deps.now()).toISOString(), RETRIES_PER_RUN);
  if (due.length === 0) return;
  await send(
    deps,
    due.map((link) => ({ v: 1, kind: "retry", linkId: link.id }) as const),
  );
  report.retriesQueued = due.length;
}

async function queueReconcile(deps: Deps, report: CronReport): Promise<void> {
  const last = await deps.store.settings.get(RECONCILE_SETTING);
  const now = deps.now();
  if (last !== null && now - Date.parse(last) < RECONCILE_EVERY_MS) return;
  await send(
    deps,
    DATAFLOWS.map((dataflow) => ({ v: 1, kind: "reconcile", dataflow, afterLinkId: null }) as const),
  );
  await deps.store.settings.set(RECONCILE_SETTING, new Date(now).toISOString());
  report.reconcileQueued = true;
}

/**
 * First a look at every feed (cheap, no lease), then the feeds with work in dependency order (an order's customer and
 * products are read and linked before the orders feed): one page inline where the budget allows, else a `poll` chain.
 */
async function pollFeeds(deps: Deps, report: CronReport, continuations: PollMessage[], runId: string) {
  if (!deps.sync.ok) return;
  const { sides, engineWith } = deps.sync;
  const chain = (dataflow: DataflowId, side: Side): PollMessage => ({
    v: 1,
    kind: "poll",
    dataflow,
    side,
    holder: `chain:${runId}:${dataflow}:${side}`,
  });
  const withWork: Array<{ dataflow: DataflowId; side: Side }> = [];
  for (const dataflow of DATAFLOWS) {
    for (const side of SIDES) {
      if (deps.budget.remaining() < PEEK_COST + CLOSING_COST) {
        continuations.push(chain(dataflow, side));
        report.feeds.push({ dataflow, side, outcome: "queued" });
        continue;
      }
      const peek = await peekFeed(deps.store, sides, dataflow, side);
      if ("error" in peek) report.feeds.push({ dataflow, side, outcome: "unreadable", error: peek.error });
      else if (peek.work) withWork.push({ dataflow, side });
      else report.feeds.push({ dataflow, side, outcome: "quiet" });
    }
  }
  for (const { dataflow, side } of withWork) {
    const pageSize = pageSizeFor(deps.budget, dataflow, CLOSING_COST);
    if (pageSize < 1) {
      continuations.push(chain(dataflow, side));
      report.feeds.push({ dataflow, side, outcome: "queued" });
      continue;
    }
    const lease = pollLeaseName(dataflow, side);
    const holder = `cron-run:${runId}`;
    if (!(await deps.store.leases.acquire(lease, holder, POLL_LEASE_TTL_MS, deps.now()))) {
      report.feeds.push({ dataflow, side, outcome: "busy" });
      continue;
    }
    try {
      const result = await engineWith({ pageSize }).pollPage(dataflow, side);
      report.feeds.push({ dataflow, side, outcome: "inline", ...result });
      // A feed that did not answer is read again by the next run, not chased through the queue.
      if (!result.done && result.error === undefined) continuations.push(chain(dataflow, side));
    } catch (error) {
      report.feeds.push({ dataflow, side, outcome: "failed", error: errorText(error) });
      report.errors.push(`poll ${dataflow}/${side}: ${errorText(error)}`);
    } finally {
      // Given back before the chain's first message asks for it (that message takes it under its own holder).
      await deps.store.leases.release(lease, holder).catch((error) => {
        report.errors.push(`poll lease ${lease}: ${errorText(error)}`);
      });
    }
  }
}

async function send(deps: Deps, messages: SyncMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    await deps.queue.sendBatch(messages.slice(i, i + 100).map((body) => ({ body, ...SEND_OPTIONS })));
  }
}

function cronLine(report: CronReport): string {
  const feeds = report.feeds
    .map((f) => `${f.dataflow}/${f.side}:${f.outcome}${f.outcome === "inline" ? `(${f.processed}/${f.written})` : ""}`)
    .join(" ");
  return `cron ${report.runId}: ${report.subrequests} subrequests; retries ${report.retriesQueued}; reconcile ${report.reconcileQueued}; ${feeds}${report.syncOff ? `; ${report.syncOff}` : ""}`;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
