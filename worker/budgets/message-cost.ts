/**
 * What one queue message may cost in subrequests at worst, so the consumer starts it only with that much of the
 * invocation's budget left (worker/budgets/plan-budget.ts has the per-record numbers).
 */

import type { WebshopResource } from "../core/dataflows/definition";
import { DATAFLOWS_OF_RESOURCE } from "../core/dataflows/shop-records";
import type { SyncMessage } from "../messages/message";
import { GONE_ORDER_COST, OPEN_ORDERS_CHECK_COST, PAGE_OVERHEAD, RECORD_COST } from "./plan-budget";

/**
 * A webhook event's own reads and writes: the inbox row, the version the sync has seen (a link per dataflow the
 * resource may be in: two for customers; the versions earlier events handed off), the shop's record, the mark.
 */
const EVENT_COST = 6;
const WORST_RECORD = Math.max(...Object.values(RECORD_COST));

/** The dearest record a shop resource may hold (customers: a customer or a department, as the definitions say). */
const resourceCost = (resource: string) =>
  Math.max(...(DATAFLOWS_OF_RESOURCE[resource as WebshopResource] ?? ["orders"]).map((d) => RECORD_COST[d]));

export function messageCost(message: SyncMessage): number {
  switch (message.kind) {
    case "webshop-event":
      return EVENT_COST + resourceCost(message.resource);
    case "push":
      return resourceCost(message.resource);
    case "poll":
      return PAGE_OVERHEAD + RECORD_COST[message.dataflow];
    case "reconcile":
      return 2 + RECORD_COST[message.dataflow];
    case "gone-orders":
      // The look (when no ids), one order read again, the message with the rest and its note.
      return (message.ids.length === 0 ? OPEN_ORDERS_CHECK_COST : 0) + GONE_ORDER_COST + 3;
    case "retry":
      // Reading the link, then one record; without the dataflow named, the worst kind of record.
      return 1 + (message.dataflow ? RECORD_COST[message.dataflow] : WORST_RECORD);
  }
}
