/**
 * Sales orders (header and lines as one aggregate): POST /SalesOrders/Complete, header JSON Patch, delete, invoicing
 * (the order leaves /SalesOrders), rendering. A confirmed order is locked until set back to Draft.
 */
import { notFound, ProblemError } from "../core/problem";
import { fieldsWith } from "../schema/field-spec";
import {
  type SalesOrderCompleteDto,
  type SalesOrderDto,
  type SalesOrderLineRow,
  salesOrderFields,
} from "../schema/sales-order-fields";
import { renderObject } from "../schema/values";
import { applyJsonPatch } from "./json-patch";
import { assertUnique, departmentCode, differs, nulls, pick, resolveDepartment } from "./rules";
import { buildLine, renderLine, round2, sortLines } from "./sales-order-lines";
import type { SalesOrderRow, SimState, Writer } from "./state";

export const ORDER_TITLE = "Sales order validation error(s)";
const PATCHABLE = fieldsWith(salesOrderFields, "U");

export function createSalesOrder(state: SimState, input: Record<string, unknown>, writer: Writer): SalesOrderRow {
  const { SalesOrderLines, DepartmentCode, CustomerNo, ...header } = input;
  const customerId = resolveCustomer(state, header.CustomerId as number | null, CustomerNo as number | null);
  const created = (input.LastChangedDateTimeOffset as bigint | undefined) ?? state.clock.next();
  const id = (header.Id as string | undefined) ?? crypto.randomUUID();
  const row = {
    ...nulls(salesOrderFields),
    SalesOrderStatus: "Draft",
    CurrencyCode: state.customers.get(String(customerId))?.CurrencyCode ?? "NOK",
    CurrencyExchangeRate: 1,
    CreatedDateTimeOffset: created,
    ...header,
    Id: id,
    CustomerId: customerId,
    DepartmentId: resolveDepartment(state, header.DepartmentId as number | null, DepartmentCode as string, ORDER_TITLE),
    SalesOrderNo: state.nextId("salesOrderNo"),
    LastChangedDateTimeOffset: created,
    CreatedBy: writer.via === "api" ? writer.applicationKey : (input.CreatedBy ?? null),
    Lines: [] as SalesOrderLineRow[],
  } as SalesOrderRow;
  for (const line of (SalesOrderLines as Record<string, unknown>[] | null) ?? []) {
    row.Lines.push(buildLine(state, id, line, row.Lines));
  }
  validate(state, row);
  state.salesOrders.put(id, row, writer.via === "gui");
  return row;
}

export function patchSalesOrder(state: SimState, id: string, operations: unknown, writer: Writer): SalesOrderRow {
  const row = loadOrder(state, id);
  const next = applyJsonPatch(operations, {
    current: pick(row, PATCHABLE),
    spec: salesOrderFields,
    model: "SalesOrderPatchDto",
    title: ORDER_TITLE,
  });
  const after = { ...row, ...next } as SalesOrderRow;
  const editsBeyondStatus = differs(
    row,
    after,
    PATCHABLE.filter((k) => k !== "SalesOrderStatus"),
  );
  if (row.SalesOrderStatus === "Confirmed" && editsBeyondStatus) throw lockedError();
  return saveHeader(state, row, after, writer);
}

/** A GUI edit of the header: any DTO field, explicit timestamps allowed, no lock. */
export function editSalesOrder(state: SimState, id: string, changes: Record<string, unknown>): SalesOrderRow {
  const row = state.salesOrders.get(id);
  if (!row) throw new Error(`No sales order with id ${id}`);
  return saveHeader(
    state,
    row,
    { ...row, ...changes } as SalesOrderRow,
    { via: "gui" },
    changes.LastChangedDateTimeOffset,
  );
}

function saveHeader(state: SimState, before: SalesOrderRow, after: SalesOrderRow, writer: Writer, at?: unknown) {
  resolveCustomer(state, after.CustomerId, null);
  validate(state, after);
  if (!differs(before, after, fieldsWith(salesOrderFields, "D")) && at === undefined) return before;
  after.LastChangedDateTimeOffset = (at as bigint | undefined) ?? state.clock.next();
  state.salesOrders.put(after.Id, after, writer.via === "gui");
  return after;
}

function validate(state: SimState, row: SalesOrderRow): void {
  resolveDepartment(state, row.DepartmentId, null, ORDER_TITLE);
  assertUnique(state.allOrders(), row, "ExternalImportReference", "sales order", ORDER_TITLE);
}

function resolveCustomer(state: SimState, id: number | null | undefined, number: number | null | undefined): number {
  if (id !== null && id !== undefined) {
    if (!state.customers.get(String(id)))
      throw new ProblemError(404, ORDER_TITLE, `Customer with id = ${id} not found.`);
    return id;
  }
  if (number === null || number === undefined) {
    throw new ProblemError(400, ORDER_TITLE, "A customer is required: set CustomerId or CustomerNo.");
  }
  const found = state.customers.values().find((c) => c.Number === number);
  if (!found) throw new ProblemError(404, ORDER_TITLE, `Customer with number = ${number} not found.`);
  return found.Id;
}

export function loadOrder(state: SimState, id: string): SalesOrderRow {
  const row = state.salesOrders.get(id.toLowerCase());
  if (!row) throw notFound("Sales order", id);
  return row;
}

export function lockedError(): ProblemError {
  return new ProblemError(
    400,
    ORDER_TITLE,
    "The sales order is confirmed and locked for editing. Set SalesOrderStatus to Draft to edit it.",
  );
}

export function deleteSalesOrder(state: SimState, id: string, writer: Writer): void {
  const row = loadOrder(state, id);
  state.salesOrders.delete(row.Id, writer.via === "gui");
}

/** Sent as an invoice in the GUI: the order leaves /SalesOrders (404 by id from now on). */
export function invoiceSalesOrder(state: SimState, id: string): void {
  const row = state.salesOrders.get(id.toLowerCase());
  if (!row) throw new Error(`No sales order with id ${id}`);
  state.invoiced.set(row.Id, row);
  state.salesOrders.delete(row.Id, true);
}

export function renderSalesOrder(state: SimState, row: SalesOrderRow, applicationKey: string | null): SalesOrderDto {
  const dto = renderObject(salesOrderFields, row, state.render) as SalesOrderDto;
  dto.CustomerNo = state.customers.get(String(row.CustomerId))?.Number ?? row.CustomerNo;
  dto.DepartmentCode = departmentCode(state, row.DepartmentId);
  dto.IsCreatedByCurrentIntegration = row.CreatedBy !== null && row.CreatedBy === applicationKey;
  dto.LineCount = row.Lines.length;
  dto.NetAmount = round2(row.Lines.reduce((sum, l) => sum + l.NetAmount, 0));
  dto.TotalAmount = round2(row.Lines.reduce((sum, l) => sum + l.TotalAmount, 0));
  return dto;
}

export function renderCompleteSalesOrder(
  state: SimState,
  row: SalesOrderRow,
  applicationKey: string | null,
): SalesOrderCompleteDto {
  const lines = sortLines(row.Lines).map((line) => renderLine(state, line));
  return { ...renderSalesOrder(state, row, applicationKey), SalesOrderLines: lines };
}
