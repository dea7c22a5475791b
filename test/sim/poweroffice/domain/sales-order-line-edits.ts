/**
 * Editing the lines of an existing order (POST/PATCH/DELETE /SalesOrders/{id}/Lines…). Locked while the order is
 * confirmed. Whether a line edit moves the order's LastChangedDateTimeOffset is unconfirmed for the real API; by
 * default it does not (the pessimistic reading), `lineEditsBumpOrder` turns it on.
 */
import { ProblemError } from "../core/problem";
import { fieldsWith } from "../schema/field-spec";
import { lineFields, type SalesOrderLineRow } from "../schema/sales-order-fields";
import { applyJsonPatch } from "./json-patch";
import { differs, pick } from "./rules";
import { buildLine, LINE_TITLE, settleLine } from "./sales-order-lines";
import { loadOrder, lockedError } from "./sales-orders";
import type { SalesOrderRow, SimState, Writer } from "./state";

const PATCHABLE = fieldsWith(lineFields, "U");

export function addLine(state: SimState, orderId: string, input: Record<string, unknown>, writer: Writer) {
  const order = editableOrder(state, orderId, writer);
  const line = buildLine(state, order.Id, input, order.Lines);
  store(state, order, [...order.Lines, line], writer);
  return line;
}

export function patchLine(state: SimState, orderId: string, lineId: string, operations: unknown, writer: Writer) {
  const order = editableOrder(state, orderId, writer);
  const line = findLine(order, lineId);
  const next = applyJsonPatch(operations, {
    current: pick(line, PATCHABLE),
    spec: lineFields,
    model: "SalesOrderLinePatchDto",
    title: LINE_TITLE,
  });
  return replaceLine(state, order, line, { ...line, ...next } as SalesOrderLineRow, writer);
}

/** A GUI edit of one line: any line field. */
export function editLine(state: SimState, orderId: string, lineId: string, changes: Record<string, unknown>) {
  const order = loadOrder(state, orderId);
  const line = findLine(order, lineId);
  return replaceLine(state, order, line, { ...line, ...changes } as SalesOrderLineRow, { via: "gui" });
}

export function deleteLine(state: SimState, orderId: string, lineId: string, writer: Writer): void {
  const order = editableOrder(state, orderId, writer);
  const line = findLine(order, lineId);
  store(
    state,
    order,
    order.Lines.filter((l) => l !== line),
    writer,
  );
}

function replaceLine(
  state: SimState,
  order: SalesOrderRow,
  before: SalesOrderLineRow,
  after: SalesOrderLineRow,
  writer: Writer,
) {
  const others = order.Lines.filter((l) => l !== before);
  settleLine(state, after, others);
  if (!differs(before, after, fieldsWith(lineFields, "D"))) return before;
  store(
    state,
    order,
    order.Lines.map((l) => (l === before ? after : l)),
    writer,
  );
  return after;
}

function editableOrder(state: SimState, orderId: string, writer: Writer): SalesOrderRow {
  const order = loadOrder(state, orderId);
  if (writer.via === "api" && order.SalesOrderStatus === "Confirmed") throw lockedError();
  return order;
}

function findLine(order: SalesOrderRow, lineId: string): SalesOrderLineRow {
  const line = order.Lines.find((l) => l.Id === lineId.toLowerCase());
  if (!line) throw new ProblemError(404, "Object(s) not found", `Sales order line with id = ${lineId} not found.`);
  return line;
}

function store(state: SimState, order: SalesOrderRow, lines: SalesOrderLineRow[], writer: Writer): void {
  const next: SalesOrderRow = { ...order, Lines: lines };
  if (state.config.lineEditsBumpOrder) next.LastChangedDateTimeOffset = state.clock.next();
  state.salesOrders.put(order.Id, next, writer.via === "gui");
}
