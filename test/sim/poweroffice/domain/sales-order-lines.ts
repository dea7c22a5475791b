/**
 * Sales order lines: building one from a PostDto (inheriting price, cost, unit and description from the product on
 * creation), computing its amounts (25 % VAT through the standard sales account), and rendering it.
 */
import { ProblemError } from "../core/problem";
import { lineFields, type SalesOrderLineDto, type SalesOrderLineRow } from "../schema/sales-order-fields";
import { renderObject } from "../schema/values";
import { assertUnique, departmentCode, nulls, resolveDepartment } from "./rules";
import type { SimState } from "./state";

export const LINE_TITLE = "Sales order line validation error(s)";
// SAF-T code 3: output VAT, standard rate; what sales account 3000 carries on a Norwegian client.
const STANDARD_VAT = { code: "3", id: 3, rate: 0.25 };

/** A new line for an order that already holds `siblings`; throws 400/404 ProblemErrors. */
export function buildLine(
  state: SimState,
  orderId: string,
  input: Record<string, unknown>,
  siblings: SalesOrderLineRow[],
): SalesOrderLineRow {
  const { ProductCode, DepartmentCode, ...rest } = input;
  const productId = resolveProduct(state, rest.ProductId as number | null, ProductCode as string | null);
  const product = productId === null ? undefined : state.products.get(String(productId));
  const line = {
    ...nulls(lineFields),
    LineType: "Normal",
    ...rest,
    Id: (rest.Id as string | undefined) ?? crypto.randomUUID(),
    SalesOrderId: orderId,
    ProductId: productId,
    DepartmentId: resolveDepartment(state, rest.DepartmentId as number | null, DepartmentCode as string, LINE_TITLE),
    Description: (rest.Description as string | null | undefined) ?? product?.Name ?? null,
    ProductUnitPrice: (rest.ProductUnitPrice as number | null | undefined) ?? product?.UnitPrice ?? null,
    ProductUnitCost: (rest.ProductUnitCost as number | null | undefined) ?? product?.UnitCost ?? null,
    UnitOfMeasureCode: rest.UnitOfMeasureCode ?? product?.UnitOfMeasureCode ?? null,
    SortOrder: (rest.SortOrder as number | null | undefined) ?? nextSortOrder(siblings),
  } as SalesOrderLineRow;
  return settleLine(state, line, siblings);
}

/** Validates a line and computes its amounts and VAT; returns the same object. */
export function settleLine(state: SimState, line: SalesOrderLineRow, siblings: SalesOrderLineRow[]): SalesOrderLineRow {
  if (line.ProductId !== null) resolveProduct(state, line.ProductId, null);
  if (line.ProductId !== null && line.Quantity === null) {
    throw new ProblemError(400, LINE_TITLE, "Quantity is required when a product is set on the line.");
  }
  if (line.Allowance !== null && (line.Allowance < -1000 || line.Allowance > 100)) {
    throw new ProblemError(400, LINE_TITLE, "Allowance must be between -1000 and 100.");
  }
  resolveDepartment(state, line.DepartmentId, null, LINE_TITLE);
  assertUnique(siblings, line, "ExternalImportReference", "sales order line", LINE_TITLE);
  const vat = line.ProductId === null ? null : STANDARD_VAT;
  // Amounts are only calculated for product lines with quantity and price (OpenAPI: NetAmount).
  const net =
    vat && line.Quantity !== null && line.ProductUnitPrice !== null
      ? round2(line.Quantity * line.ProductUnitPrice * (1 - (line.Allowance ?? 0) / 100))
      : 0;
  line.NetAmount = net;
  line.VatAmount = round2(net * (vat?.rate ?? 0));
  line.TotalAmount = round2(line.NetAmount + line.VatAmount);
  line.VatCode = vat?.code ?? null;
  line.VatId = vat?.id ?? null;
  line.VatRate = vat?.rate ?? null;
  return line;
}

function resolveProduct(state: SimState, id: number | null | undefined, code: string | null | undefined) {
  if (id !== null && id !== undefined) {
    if (!state.products.get(String(id))) throw new ProblemError(404, LINE_TITLE, `Product with id = ${id} not found.`);
    return id;
  }
  if (code === null || code === undefined || code === "") return null;
  const found = state.products.values().find((p) => p.Code?.toLowerCase() === code.toLowerCase());
  if (!found) throw new ProblemError(404, LINE_TITLE, `Product with code = '${code}' not found.`);
  return found.Id;
}

function nextSortOrder(siblings: SalesOrderLineRow[]): number {
  return siblings.reduce((max, l) => Math.max(max, (l.SortOrder ?? -1) + 1), 0);
}

export function sortLines(lines: SalesOrderLineRow[]): SalesOrderLineRow[] {
  return [...lines].sort((a, b) => (a.SortOrder ?? 0) - (b.SortOrder ?? 0));
}

export function renderLine(state: SimState, line: SalesOrderLineRow): SalesOrderLineDto {
  const dto = renderObject(lineFields, line, state.render) as SalesOrderLineDto;
  dto.ProductCode = line.ProductId === null ? null : (state.products.get(String(line.ProductId))?.Code ?? null);
  dto.DepartmentCode = departmentCode(state, line.DepartmentId);
  return dto;
}

export function round2(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}
