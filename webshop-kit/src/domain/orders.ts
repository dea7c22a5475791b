/**
 * Orders: the customer must exist (422), order numbers are unique (409) and assigned when a create leaves them out,
 * lines resolve their products (order-lines.ts), and the shop computes the totals: total_excl_vat is the sum of the
 * lines (each rounded to øre), total_incl_vat adds 25 % VAT.
 */
import type { RecordContent } from "../adapter.js";
import type { Line, LineInput, Order } from "../contract/order.js";
import { OrderCreate, OrderPatch } from "../contract/order.js";
import { type FieldProblems, fail, ok, type Result } from "../core/failure.js";
import { formatCents, lineAmountCents, withVatCents } from "../core/money.js";
import { applyMembers, contentOf, mergeExternalIds, ordered, type ResourceModel } from "./model.js";
import { resolveLines } from "./order-lines.js";
import { findOne, get, newOrderNumber, type Op } from "./steps.js";

type OrderContent = Omit<Order, "id" | "version" | "created_at" | "updated_at">;

export const ORDER_TEMPLATE: OrderContent = {
  order_number: "",
  customer_id: "",
  status: "pending",
  order_date: null,
  delivery_date: null,
  currency: "NOK",
  customer_reference: null,
  purchase_order_reference: null,
  lines: [],
  total_excl_vat: "0.00",
  total_incl_vat: "0.00",
  external_ids: {},
};

export const orderModel: ResourceModel = {
  resource: "orders",
  createSchema: OrderCreate,
  patchSchema: OrderPatch,
  *create(input, context) {
    const base = { ...ORDER_TEMPLATE, order_date: new Date(Math.floor(context.now)).toISOString().slice(0, 10) };
    const number = input.order_number === undefined ? yield* newOrderNumber() : undefined;
    return yield* build(undefined, base, number === undefined ? input : { ...input, order_number: number });
  },
  patch: (current, patch) => build(current.id, contentOf(current) as OrderContent, patch),
};

function* build(id: string | undefined, base: OrderContent, input: Record<string, unknown>): Op<Result<RecordContent>> {
  const next = applyMembers(base, input, ["external_ids", "lines", "total_excl_vat", "total_incl_vat"]);
  next.external_ids = mergeExternalIds(base.external_ids, input.external_ids as Record<string, string | null>);
  const problems: FieldProblems = {};
  if (input.customer_id !== undefined && !(yield* get("customers", next.customer_id))) {
    problems.customer_id = `no customer with id '${next.customer_id}'`;
  }
  if (input.lines !== undefined) {
    const resolved = yield* resolveLines(base.lines, input.lines as LineInput[]);
    if ("problems" in resolved) Object.assign(problems, resolved.problems);
    else next.lines = resolved.lines;
  }
  if (Object.keys(problems).length > 0) return fail({ reason: "unprocessable", fields: problems });
  const value = next.order_number;
  const holder = yield* findOne("orders", { kind: "match", field: "order_number", value });
  if (holder && holder.id !== id) {
    return fail({ reason: "duplicate", resource: "orders", field: "order_number", value, existingId: holder.id });
  }
  return ok(ordered(ORDER_TEMPLATE, { ...next, ...totals(next.lines) }));
}

export function totals(lines: Line[]): Pick<Order, "total_excl_vat" | "total_incl_vat"> {
  const excl = lines.reduce((sum, l) => sum + lineAmountCents(l.unit_price, l.quantity, l.discount_percent), 0n);
  return { total_excl_vat: formatCents(excl), total_incl_vat: formatCents(withVatCents(excl)) };
}
