/**
 * The cron's reading of the change feeds: first a cheap look at every feed (no lease), then, in dependency order, one
 * page inline for each feed with work while the budget allows; the rest is left to `poll` chains on the queue.
 */

import { MAX_PAGE_SIZE, PAGE_OVERHEAD, PEEK_COST, pageSizeFor, roomFor } from "../budgets/plan-budget";
import { LeaseLostError } from "../core/ports";
import { DATAFLOWS, type DataflowId, SIDES, type Side } from "../core/types";
import type { PollResult } from "../engine/poll-page";
import type { PollMessage } from "../messages/message";
import type { Deps } from "../wiring/build-deps";
import { type Peeked, peekFeed, SKIP_ECHOES_COST, skipEchoes } from "./feed-peek";
import { markFirstRead, ordersToStart, readFeedFacts } from "./first-sync-pacing";

/**
 * Renewed while a page is worked on; between a chain's messages it is not, so it also covers the queue's delay before
 * the next one (a chain that lost it ends; the cron takes the feed up). A lost chain frees its feed after this.
 */
export const POLL_LEASE_TTL_MS = 20_000;
/** Kept back for the end of the run: the queue's sendBatch and giving the leases back. */
const CLOSING_COST = 2;

export const pollLeaseName = (dataflow: DataflowId, side: Side) => `poll:${dataflow}:${side}`;

/**
 * quiet: nothing new; echoes: a page of echoes only, its cursor moved past them without the engine
 * (jobs/feed-peek.ts), or, echoes-later, left for the next run (no budget left; nothing in it is late); awaiting: the
 * shop's changes on the feed's last page are being synced by their own webhooks right now, the next run looks again
 * (jobs/feed-peek.ts); inline: one
 * page done in this run; queued: handed to a `poll` chain (budget); busy: a chain is reading it; paused: its first
 * sync stopped for today (worker/jobs/first-sync-pacing.ts); waiting: an orders feed whose customers and products
 * are still in their first sync (`Pacing.ordersWait`); unreadable: the system did not answer (the next run
 * tries again); failed: an unexpected error.
 */
export type FeedOutcome =
  | ({ dataflow: DataflowId; side: Side; outcome: "inline" } & PollResult)
  | {
      dataflow: DataflowId;
      side: Side;
      outcome: "quiet" | "echoes" | "echoes-later" | "awaiting" | "queued" | "busy" | "paused" | "waiting";
    }
  | { dataflow: DataflowId; side: Side; outcome: "unreadable" | "failed"; error: string };

/** Dependency order: an order's customer and products are read (and linked) before the orders feed. */
export async function pollFeeds(
  deps: Deps,
  report: { feeds: FeedOutcome[]; errors: string[] },
  continuations: PollMessage[],
  runId: string,
): Promise<void> {
  if (!deps.sync.ok) return;
  const { sides, engineWith } = deps.sync;
  const chain = (dataflow: DataflowId, side: Side): PollMessage => ({
    v: 1,
    kind: "poll",
    dataflow,
    side,
    holder: `chain:${runId}:${dataflow}:${side}`,
  });
  const withWork: Array<{ dataflow: DataflowId; side: Side; peeked?: Peeked }> = [];
  const echoes: Array<{ dataflow: DataflowId; side: Side; from: unknown; cursor: unknown }> = [];
  // Every cursor and the first sync's pacing facts in one read (worker/jobs/first-sync-pacing.ts).
  const facts = await readFeedFacts(deps);
  const pacing = facts.pacing;
  for (const dataflow of DATAFLOWS) {
    for (const side of SIDES) {
      if (deps.budget.remaining() < PEEK_COST + CLOSING_COST) {
        continuations.push(chain(dataflow, side));
        report.feeds.push({ dataflow, side, outcome: "queued" });
        continue;
      }
      const looking = { store: deps.store, sides, inbox: deps.inbox, now: deps.now };
      const peek = await peekFeed(looking, dataflow, side, facts.feed(dataflow, side));
      if ("error" in peek) report.feeds.push({ dataflow, side, outcome: "unreadable", error: peek.error });
      else if (peek.work) withWork.push({ dataflow, side, ...(peek.peeked ? { peeked: peek.peeked } : {}) });
      else if ("awaiting" in peek) report.feeds.push({ dataflow, side, outcome: "awaiting" });
      else if (peek.echoes) echoes.push({ dataflow, side, ...peek.echoes });
      else report.feeds.push({ dataflow, side, outcome: "quiet" });
    }
  }
  let ordersStarted = false;
  for (const { dataflow, side, peeked } of withWork) {
    if (dataflow === "orders" && (pacing.ordersWait || ordersStarted)) {
      // Started by the chain below once what they refer to is matched, or by a later run.
      report.feeds.push({ dataflow, side, outcome: ordersStarted ? "queued" : "waiting" });
      continue;
    }
    const backfill = pacing.inFirstSync(dataflow, side);
    const paced = pacing.paced(dataflow, side);
    if (paced && pacing.paused()) {
      // No chain is queued: the cron finds the feed again after 00:00 UTC.
      report.feeds.push({ dataflow, side, outcome: "paused" });
      continue;
    }
    const pageSize =
      deps.budget.remaining() < CLOSING_COST + PAGE_OVERHEAD
        ? 0
        : coveredRecords(peeked, pageSizeFor(deps.budget, dataflow, CLOSING_COST));
    if (pageSize < 1) {
      continuations.push(chain(dataflow, side));
      report.feeds.push({ dataflow, side, outcome: "queued" });
      continue;
    }
    const lease = pollLeaseName(dataflow, side);
    const holder = `cron-run:${runId}`;
    if (!(await deps.leases.take(lease, holder, POLL_LEASE_TTL_MS))) {
      report.feeds.push({ dataflow, side, outcome: "busy" });
      continue;
    }
    try {
      // The page the peek read is the engine's, unless the cursor moved since or it does not fit the page size.
      const limits = { pageSize, room: roomFor(deps.budget, CLOSING_COST) };
      const result = await engineWith(limits, { lease, holder }).pollPage(dataflow, side, peeked);
      report.feeds.push({ dataflow, side, outcome: "inline", ...result });
      if (backfill) {
        deps.usage.backfill(result.processed, deps.now());
        if (result.done) await markFirstRead(deps, dataflow, side);
      }
      // A feed that did not answer is read again by the next run, not chased through the queue; a first sync that
      // reached today's share waits for the reset.
      const stopped = paced && pacing.paused();
      if (!result.done && result.error === undefined && !stopped) continuations.push(chain(dataflow, side));
      // The first-read gate opened: the other side's feed starts again too, at once rather than at the next run.
      for (const other of result.restarted ?? []) continuations.push(chain(dataflow, other));
      if (result.done && !ordersStarted && deps.budget.remaining() > CLOSING_COST) {
        const orders = await ordersToStart(deps, dataflow, pacing, (other) => chain("orders", other).holder);
        continuations.push(...orders);
        ordersStarted = orders.length > 0;
      }
    } catch (error) {
      // The cron's lease or this feed's: the run stops (runCron says so), nothing of the page was committed.
      // So is a used-up daily allowance (jobs/cron.ts stops on it).
      if (error instanceof LeaseLostError || deps.spotDailyLimit(error)) throw error;
      report.feeds.push({ dataflow, side, outcome: "failed", error: errorText(error) });
      report.errors.push(`poll ${dataflow}/${side}: ${errorText(error)}`);
    } finally {
      // A page that used the budget up may still give its lease back; the feeds after it then go to the queue.
      if (deps.budget.exhausted()) deps.budget.closing();
      // Given back before the chain's first message asks for it (that message takes it under its own holder).
      await deps.leases.release(lease).catch((error) => {
        // Refused with the rest of D1 until the reset; the lease then runs out by itself.
        if (deps.spotDailyLimit(error)) return;
        report.errors.push(`poll lease ${lease}: ${errorText(error)}`);
      });
    }
  }
  // Echoes are never late: their cursors move with what budget the pages left, else in the next run (no message).
  for (const { dataflow, side, from, cursor } of echoes) {
    const fits = deps.budget.remaining() >= SKIP_ECHOES_COST + CLOSING_COST;
    const moved = fits && (await skipEchoes(deps, dataflow, side, { from, cursor }, pollLeaseName(dataflow, side)));
    report.feeds.push({ dataflow, side, outcome: moved ? "echoes" : "echoes-later" });
  }
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The page size that covers `fits` records needing the engine: the peek's echoes cost nothing beyond the page (the
 * engine skips them on their link alone), so they ride along; past the peeked records, each unknown one counts.
 */
export function coveredRecords(peeked: Peeked | undefined, fits: number): number {
  if (!peeked) return fits;
  let others = 0;
  for (const [index, echo] of peeked.echoes.entries()) {
    if (echo) continue;
    others += 1;
    if (others > fits) return index;
  }
  return Math.min(MAX_PAGE_SIZE, peeked.echoes.length + fits - others);
}
