/**
 * Orders: the customer must exist (422), order numbers are unique (409) and assigned from a numeric sequence when a
 * create leaves them out, lines resolve their products (order-lines.ts), and the shop computes the totals:
 * total_excl_vat is the sum of the lines (each rounded to øre), total_incl_vat adds 25 % VAT.
 */
import { type LineInput, OrderCreate, OrderPatch } from "../../../../shared/webshop";
import { type FieldProblems, fail, ok, type Result } from "../core/failure";
import { formatCents, lineAmountCents, withVatCents } from "../core/money";
import type { Line, Order } from "../types";
import { exactLookup } from "./lookups";
import { applyMembers, mergeExternalIds, ordered, type ResourceModel } from "./model";
import { resolveLines } from "./order-lines";
import type { Content, ShopState } from "./state";

type OrderContent = Content<Order>;

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

export const orderModel: ResourceModel<"orders"> = {
  resource: "orders",
  createSchema: OrderCreate,
  patchSchema: OrderPatch,
  create(state, input) {
    const base = { ...ORDER_TEMPLATE, order_date: state.clock.today() };
    const withNumber = input.order_number === undefined ? { ...input, order_number: state.nextOrderNumber() } : input;
    return build(state, undefined, base, withNumber);
  },
  patch: (state, current, patch) => build(state, current.id, current, patch),
  lookups: { order_number: exactLookup((o) => o.order_number) },
};

function build(
  state: ShopState,
  id: string | undefined,
  base: OrderContent,
  input: Record<string, unknown>,
): Result<OrderContent> {
  const next = applyMembers(base, input, ["external_ids", "lines", "total_excl_vat", "total_incl_vat"]);
  next.external_ids = mergeExternalIds(base.external_ids, input.external_ids as Record<string, string | null>);
  const problems: FieldProblems = {};
  if (input.customer_id !== undefined && !state.get("customers", next.customer_id)) {
    problems.customer_id = `no customer with id '${next.customer_id}'`;
  }
  if (input.lines !== undefined) {
    const resolved = resolveLines(state, base.lines, input.lines as LineInput[]);
    if ("problems" in resolved) Object.assign(problems, resolved.problems);
    else next.lines = resolved.lines;
  }
  if (Object.keys(problems).length > 0) return fail({ reason: "unprocessable", fields: problems });
  const holder = state.values("orders").find((o) => o.order_number === next.order_number && o.id !== id);
  if (holder) {
    const value = next.order_number;
    return fail({ reason: "duplicate", resource: "orders", field: "order_number", value, existingId: holder.id });
  }
  return ok(ordered(ORDER_TEMPLATE, { ...next, ...totals(next.lines) }));
}

export function totals(lines: Line[]): Pick<Order, "total_excl_vat" | "total_incl_vat"> {
  const excl = lines.reduce((sum, l) => sum + lineAmountCents(l.unit_price, l.quantity, l.discount_percent), 0n);
  return { total_excl_vat: formatCents(excl), total_incl_vat: formatCents(withVatCents(excl)) };
}
