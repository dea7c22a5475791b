/**
 * The engine's queue messages: `poll` (one more page of a feed, under the chain's lease), `retry` (one link whose
 * retry is due), `push` (one shop record, asked for by the admin), `reconcile` (one slice of links, then the next)
 * and `gone-orders` (linked orders PowerOffice no longer lists, read again).
 * Each does one bounded piece of work, sized to the invocation's budget, and queues what comes after it.
 */

import { MAX_PAGE_SIZE, NEXT_RECORD_COST, PAGE_CLOSE_COST, pageSizeFor, roomFor } from "../budgets/plan-budget";
import { type CommitFence, LeaseLostError } from "../core/ports";
import type { Side } from "../core/types";
import type { Engine } from "../engine/engine";
import type { EngineLimits } from "../engine/limits";
import type {
  GoneOrdersMessage,
  PollMessage,
  PushMessage,
  ReconcileMessage,
  RetryMessage,
  SyncWorkMessage,
} from "../messages/message";
import { SEND_OPTIONS } from "../messages/message";
import type { Deps } from "../wiring/build-deps";
import { syncOffBecause } from "../wiring/poweroffice-connection";
import { queueDueRetries } from "./due-retries";
import {
  markFirstRead,
  ORDERS_WAIT_TEXT,
  ordersToStart,
  type Pacing,
  pausedText,
  readPacing,
} from "./first-sync-pacing";
import { goneOrdersText, lookForGoneOrders, readGoneOrders } from "./gone-orders";
import { POLL_LEASE_TTL_MS, pollLeaseName } from "./poll-feeds";

/**
 * Links one reconcile message checks at most (one page of links). A link whose records have not changed costs its two
 * reads, one on each side; one that changed costs its writes too. The message lists as many links as the budget holds
 * at two reads each and checks them one by one while one more at its dearest still fits, as a feed page's records do
 * (NEXT_RECORD_COST, and a record it refers to asks for its own RECORD_COST): on Workers Free about fourteen
 * unchanged links a message (ten orders), on Paid this many.
 */
export const RECONCILE_SLICE = 100;
/** An unchanged link's cost in a reconcile pass: its record read on each side. */
const RECONCILE_READS = 2;
/**
 * Kept back after a message's work: giving its lease back and sending its continuation, or, at the end of the feed,
 * the due links and their retries.
 */
const CONTINUATION_COST = 3;

export type WorkResult =
  | { kind: "done"; note: string }
  /** Worth retrying with the queue's backoff. */
  | { kind: "failed"; message: string; retryAfterSeconds?: number };

const done = (note: string): WorkResult => ({ kind: "done", note });

export async function processSyncWork(message: SyncWorkMessage, deps: Deps): Promise<WorkResult> {
  if (!deps.sync.ok) {
    const message = `The worker's configuration is incomplete: ${deps.sync.problems.join("; ")}`;
    return { kind: "failed", message };
  }
  // Nothing to do until PowerOffice is connected: the feeds' cursors and the links' retries say where each stands.
  const off = await syncOffBecause(deps);
  if (off) return done(off);
  const { engineWith } = deps.sync;
  switch (message.kind) {
    case "poll":
      return poll(message, deps, engineWith);
    case "retry":
      return retry(message, deps, engineWith({}));
    case "push":
      return push(message, engineWith({}));
    case "reconcile":
      return reconcile(message, deps, engineWith({ room: roomFor(deps.budget, CONTINUATION_COST) }));
    case "gone-orders":
      return goneOrders(message, deps);
  }
}

async function poll(
  message: PollMessage,
  deps: Deps,
  engineWith: (l: EngineLimits, fence: CommitFence) => Engine,
): Promise<WorkResult> {
  const { dataflow, side, holder } = message;
  const lease = pollLeaseName(dataflow, side);
  const pacing = await readPacing(deps);
  // Another chain or cron run starts the orders once what they refer to is matched.
  if (dataflow === "orders" && pacing.ordersWait) return done(`orders/${side}: ${ORDERS_WAIT_TEXT}`);
  if (pacing.paced(dataflow, side) && pacing.paused()) {
    // The chain ends without a continuation; the cron takes the feed up again after the reset.
    return done(`${dataflow}/${side}: first sync ${pausedText(pacing)}`);
  }
  if (!(await deps.leases.take(lease, holder, POLL_LEASE_TTL_MS))) {
    // Another reader (the cron, or a newer chain) has the feed and continues it; this chain ends here.
    return done(`${lease} is held by another reader`);
  }
  try {
    return await pollPages(message, deps, (limits) => engineWith(limits, { lease, holder }), lease, pacing);
  } catch (error) {
    if (!(error instanceof LeaseLostError)) throw error;
    // Nothing of the page was committed; whoever holds the feed now reads it.
    return done(`${dataflow}/${side}: stopped, ${error.message}`);
  }
}

async function pollPages(
  message: PollMessage,
  deps: Deps,
  engineWith: (l: EngineLimits) => Engine,
  lease: string,
  pacing: Pacing,
): Promise<WorkResult> {
  const { dataflow, side } = message;
  const backfill = pacing.inFirstSync(dataflow, side);
  const paced = pacing.paced(dataflow, side);
  // Pages one after another while another one fits what is left of the budget: a page of records the sync has seen
  // (its own writes read back) costs a few subrequests, and each new message would wait for the queue's batch.
  let processed = 0;
  let written = 0;
  for (let pages = 0; ; pages++) {
    const fits = pageSizeFor(deps.budget, dataflow, CONTINUATION_COST);
    if (pages > 0 && fits < 1) break;
    // The first page of a message is read whole even when not one record fits by the plan (an order at its worst on
    // Free): its first record always runs, and the rest is kept for the next message.
    const room = roomFor(deps.budget, CONTINUATION_COST);
    const result = await engineWith({ pageSize: fits > 0 ? fits : MAX_PAGE_SIZE, room }).pollPage(dataflow, side);
    processed += result.processed;
    written += result.written;
    if (backfill) deps.usage.backfill(result.processed, deps.now());
    // The first-read gate opened: the other side's feed starts again too, in a chain of its own.
    for (const other of result.restarted ?? []) {
      const holder = `chain:restart:${dataflow}:${other}:${crypto.randomUUID()}`;
      await deps.queue.send({ v: 1, kind: "poll", dataflow, side: other, holder }, SEND_OPTIONS);
    }
    if (result.done) {
      if (backfill) await markFirstRead(deps, dataflow, side);
      await deps.leases.release(lease);
      const retries = await queueDueRetries(deps);
      // Its read and its send, when the budget has them; else the next cron run starts the orders.
      const orders =
        deps.budget.remaining() < 2
          ? []
          : await ordersToStart(deps, dataflow, pacing, (other) => `chain:orders:${other}:${crypto.randomUUID()}`);
      if (orders.length > 0) await deps.queue.sendBatch(orders.map((body) => ({ body, ...SEND_OPTIONS })));
      return done(
        `${dataflow}/${side}: ${processed} read, ${written} written in ${pages + 1} pages; feed done${retries ? `; ${retries} due retries queued` : ""}${orders.length > 0 ? "; orders started" : ""}`,
      );
    }
    if (result.error !== undefined) {
      // The feed did not answer: the chain ends and the next cron run reads it again (no hot loop on a failing system).
      await deps.leases.release(lease);
      return done(`${dataflow}/${side}: the change feed could not be read (${result.error}); the cron tries again`);
    }
    // A page stopped early (its writes limit, a record another run is writing) is taken up again by the next
    // message, not in this invocation. A page with none of the dataflow's records that moved the cursor goes on.
    if ((result.processed === 0 && !result.advanced) || result.deferred) break;
    if (paced && pacing.paused()) {
      await deps.leases.release(lease);
      return done(`${dataflow}/${side}: ${processed} read, ${written} written; first sync ${pausedText(pacing)}`);
    }
  }
  await deps.queue.send(message, SEND_OPTIONS);
  return done(`${dataflow}/${side}: ${processed} read, ${written} written; next page queued`);
}

/** A link is retried from the side whose record it holds (PowerOffice when both: the engine reads both anyway). */
async function retry(message: RetryMessage, deps: Deps, engine: Engine): Promise<WorkResult> {
  const link = await deps.store.links.get(message.linkId);
  if (!link) return done(`link ${message.linkId} no longer exists`);
  // Queued twice by two cron runs, or already retried by a webhook or a feed page: not due any more.
  if (link.nextRetryAt === null || Date.parse(link.nextRetryAt) > deps.now()) {
    return done(`link ${link.id} is not due for a retry`);
  }
  const side: Side | null = link.ids.poweroffice ? "poweroffice" : link.ids.webshop ? "webshop" : null;
  if (!side) return done(`link ${link.id} holds no record on either side`);
  const outcome = await engine.syncOne(link.dataflow, side, link.ids[side] as string);
  return done(`link ${link.id} retried: ${outcome.state}${outcome.message ? ` (${outcome.message})` : ""}`);
}

async function push(message: PushMessage, engine: Engine): Promise<WorkResult> {
  const outcome = await engine.pushWebshopRecord(message.resource, message.id);
  return done(
    `push ${message.idempotencyKey}: ${message.resource}/${message.id} is ${outcome.state}${outcome.message ? ` (${outcome.message})` : ""}`,
  );
}

async function reconcile(message: ReconcileMessage, deps: Deps, engine: Engine): Promise<WorkResult> {
  // Like a first sync on Free, the pass stops at the day's pacing share: live changes keep the rest of the day.
  if (deps.plan === "free") {
    const pacing = await readPacing(deps);
    if (pacing.paused())
      return done(`reconcile ${message.dataflow}: ${pausedText(pacing)}; the next pass starts again`);
  }
  const room = () => deps.budget.remaining() - CONTINUATION_COST - PAGE_CLOSE_COST;
  const limit = Math.max(1, Math.min(RECONCILE_SLICE, Math.floor(room() / RECONCILE_READS)));
  const next = RECONCILE_READS + NEXT_RECORD_COST[message.dataflow];
  const slice = await engine.reconcile(message.dataflow, message.afterLinkId, limit, () => room() >= next);
  if (slice.next !== null) {
    await deps.queue.send({ ...message, afterLinkId: slice.next }, SEND_OPTIONS);
  }
  return done(
    `reconcile ${message.dataflow}: ${slice.checked} links checked${slice.next === null ? ", pass done" : ""}`,
  );
}

async function goneOrders(message: GoneOrdersMessage, deps: Deps): Promise<WorkResult> {
  if (message.ids.length === 0) {
    const outcome = await lookForGoneOrders(deps, 0);
    return done(`gone-orders: ${goneOrdersText(outcome)}`);
  }
  // The first always runs (the consumer started this message because it fits); the others while they fit.
  const result = await readGoneOrders(deps, message.ids, 0, true);
  return done(`gone-orders: ${result.checked} read, ${result.invoiced} invoiced, ${result.queued} queued`);
}
