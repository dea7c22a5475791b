/**
 * How many subrequests each piece of trigger work is planned to cost, and the page size that fits what is left of
 * an invocation's budget. The numbers are measured by test/workerd/jobs/limits.test.ts; docs/sync-engine.md
 * ("Limits") explains them.
 */
import type { DataflowId } from "../core/types";
import type { Budget } from "./budget";

/**
 * Looking at a feed (its cursor is read with every other feed's, in one batch): one read, its records' links, and for
 * a shop feed with changes the inbox's events still owed for them (jobs/feed-peek.ts).
 */
export const PEEK_COST = 3;
/** Around a page with records: the poll lease taken and given back, the cursor and the read again, the commit. */
export const PAGE_OVERHEAD = 6;
/**
 * One record at worst, by dataflow, as measured (test/workerd/jobs/limits.test.ts): its link, the pause, gate and brake
 * settings, the partner read or the match lookup, a pending link before a create, the create, the confirm. Two thirds
 * are D1 queries. An order may bring its customer and products along (records of their own): it is planned as an
 * order with a new customer and two new products; a larger one finishes over several invocations (see "Limits").
 */
export const RECORD_COST: Record<DataflowId, number> = { customers: 12, departments: 10, products: 12, orders: 40 };
/** The cron's look for invoiced orders: the open orders' ids from PowerOffice (one page), the linked orders' ids. */
export const OPEN_ORDERS_CHECK_COST = 2;
/**
 * A linked order PowerOffice no longer lists, as measured (test/workerd/jobs/invoiced-orders.test.ts): its read by id,
 * its link, the settings, the shop order read and marked invoiced, its share of the commit (the first one 10, the
 * ones after it about 7: the settings are read once per run).
 */
export const GONE_ORDER_COST = 10;
/** The page the triggers read, whatever the budget: a page is also CPU time and memory. */
export const MAX_PAGE_SIZE = 25;
/** What a page's records must leave for after them: the page's commit and giving the feed's lease back. */
export const PAGE_CLOSE_COST = 2;

/**
 * The page size of `dataflow` to read when `reserve` subrequests are kept for what comes after the page: a whole page
 * when at least one record fits (the records that do not fit are kept for the next invocation, not read again;
 * docs/sync-engine.md, "Cursors"), 0 when not even one does (then the page goes to the queue, where a fresh invocation
 * has a whole budget).
 */
export function pageSizeFor(budget: Budget, dataflow: DataflowId, reserve: number): number {
  return budget.remaining() - reserve - PAGE_OVERHEAD >= RECORD_COST[dataflow] ? MAX_PAGE_SIZE : 0;
}

/**
 * One more record of a page after its first: the run's settings and the page's links are read by then, so this is
 * the record's own match or partner read, its pending link and claim (one batch), its create or update and the
 * follow-up that writes the new id back: at most 4 as measured for customers and products, and one to spare. An order here is one whose customer and products are linked (its full read,
 * their links, pending link and claim, the create, its read-back and the id written back); an order that brings a
 * record along asks for that record's RECORD_COST (`dependency`) before syncing it.
 */
export const NEXT_RECORD_COST: Record<DataflowId, number> = { customers: 5, departments: 5, products: 5, orders: 12 };

/**
 * The engine's `limits.room`: what comes next, the page's close and `reserve` still fit. A dependency is asked for with
 * the order's own rest (NEXT_RECORD_COST.orders) on top.
 */
export function roomFor(
  budget: Budget,
  reserve: number,
): (dataflow: DataflowId, what: "record" | "dependency") => boolean {
  return (dataflow, what) => {
    const need = what === "record" ? NEXT_RECORD_COST[dataflow] : RECORD_COST[dataflow] + NEXT_RECORD_COST.orders;
    return budget.remaining() - reserve - PAGE_CLOSE_COST >= need;
  };
}

/**
 * Records the preview plans per invocation (worker/wiring/preview-plan-steps.ts), by WORKERS_PLAN. `planSync` costs
 * about 20–30 µs of CPU a record (node, warm): 150 is about 3–4.5 ms, under half of Workers Free's 10 ms of CPU per
 * invocation (https://developers.cloudflare.com/workers/platform/limits/#cpu-time; error 1102 past it), leaving the
 * rest for reading the rows, parsing the records and storing the items. Paid allows 30 s of CPU by default: 2,000
 * records is about 60 ms, and keeps a part's batch of items (20 per statement) at 100 statements.
 */
export const PREVIEW_PLAN_CHUNK: Record<"free" | "paid", number> = { free: 150, paid: 2000 };
