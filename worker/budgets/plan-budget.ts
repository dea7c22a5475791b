/**
 * How many subrequests each piece of trigger work is planned to cost, and the page size that fits what is left of
 * an invocation's budget. The numbers are measured by test/workerd/jobs/limits.test.ts; docs/sync-engine.md
 * ("Limits") explains them.
 */
import type { DataflowId } from "../core/types";
import type { Budget } from "./budget";

/** Looking at a feed: its cursor and one read. */
export const PEEK_COST = 2;
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
/** The largest page the triggers ask for, whatever the budget: a page is also CPU time and memory. */
export const MAX_PAGE_SIZE = 25;

/**
 * The page size of `dataflow` that leaves `reserve` subrequests for what comes after it; 0 when not even one record
 * fits (then the page goes to the queue, where a fresh invocation has a whole budget).
 */
export function pageSizeFor(budget: Budget, dataflow: DataflowId, reserve: number): number {
  const room = budget.remaining() - reserve - PAGE_OVERHEAD;
  return Math.max(0, Math.min(MAX_PAGE_SIZE, Math.floor(room / RECORD_COST[dataflow])));
}
