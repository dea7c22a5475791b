/**
 * Products: Code unique regardless of case; VAT follows the sales account (no VAT code on the product); stock
 * changes move StockOnHandLastChangedDatetimeOffset, not LastChangedDateTimeOffset.
 */
import { notFound, ProblemError } from "../core/problem";
import { fieldsWith } from "../schema/field-spec";
import { type ProductDto, type ProductRow, productFields } from "../schema/product-fields";
import { renderObject } from "../schema/values";
import { applyJsonPatch } from "./json-patch";
import { assertUnique, differs, nulls, pick, sameIgnoringCase } from "./rules";
import type { SimState, Writer } from "./state";

export const PRODUCT_TITLE = "Product validation error(s)";
const PATCHABLE = fieldsWith(productFields, "U");
const TRACKED = fieldsWith(productFields, "D").filter(
  (k) => !["StockOnHand", "StockOnHandLastChangedDatetimeOffset", "LastChangedDateTimeOffset"].includes(k),
);
// The client's standard sales account (3000, 25 % output VAT) and its VAT-free alternative (3100).
export const SALES_ACCOUNTS = { standard: { no: 3000, id: 61_503_000 }, optional: { no: 3100, id: 61_503_100 } };

export function createProduct(state: SimState, input: Record<string, unknown>, writer: Writer): ProductRow {
  const created = (input.LastChangedDateTimeOffset as bigint | undefined) ?? state.clock.next();
  const id = (input.Id as number | undefined) ?? state.nextId("product");
  state.reserveId("product", id);
  const row = {
    ...nulls(productFields),
    IsArchived: false,
    IsStockItem: false,
    ProductType: "Product",
    StandardSalesAccount: SALES_ACCOUNTS.standard.no,
    StandardSalesAccountId: SALES_ACCOUNTS.standard.id,
    OptionalSalesAccount: SALES_ACCOUNTS.optional.no,
    OptionalSalesAccountId: SALES_ACCOUNTS.optional.id,
    CreatedDateTimeOffset: created,
    ...input,
    Id: id,
    LastChangedDateTimeOffset: created,
  } as ProductRow;
  if (row.IsStockItem) {
    row.StockOnHand ??= 0;
    row.StockOnHandLastChangedDatetimeOffset ??= created;
  }
  validate(state, row);
  state.products.put(String(id), row, writer.via === "gui");
  return row;
}

export function patchProduct(state: SimState, id: number, operations: unknown, writer: Writer): ProductRow {
  const row = state.products.get(String(id));
  if (!row) throw notFound("Product", id);
  const next = applyJsonPatch(operations, {
    current: pick(row, PATCHABLE),
    spec: productFields,
    model: "ProductPatchDto",
    title: PRODUCT_TITLE,
  });
  return save(state, row, { ...row, ...next } as ProductRow, writer);
}

export function editProduct(state: SimState, id: number, changes: Record<string, unknown>): ProductRow {
  const row = state.products.get(String(id));
  if (!row) throw new Error(`No product with id ${id}`);
  return save(state, row, { ...row, ...changes } as ProductRow, { via: "gui" }, changes.LastChangedDateTimeOffset);
}

function save(state: SimState, before: ProductRow, after: ProductRow, writer: Writer, at?: unknown): ProductRow {
  if (after.IsStockItem && after.StockOnHand === null) after.StockOnHand = 0;
  validate(state, after);
  const changed = differs(before, after, TRACKED);
  const stockChanged = differs(before, after, ["StockOnHand"]);
  if (!changed && !stockChanged && at === undefined) return before;
  const tick = state.clock.next();
  if (changed || at !== undefined) after.LastChangedDateTimeOffset = (at as bigint | undefined) ?? tick;
  if (stockChanged) after.StockOnHandLastChangedDatetimeOffset = tick;
  state.products.put(String(after.Id), after, writer.via === "gui");
  return after;
}

function validate(state: SimState, row: ProductRow): void {
  if (!row.Name?.trim()) throw new ProblemError(400, PRODUCT_TITLE, "The Name field is required.");
  if (!row.IsStockItem && row.StockOnHand !== null) {
    throw new ProblemError(400, PRODUCT_TITLE, "StockOnHand cannot be set when IsStockItem is false.");
  }
  assertUnique(state.products.values(), row, "Code", "product", PRODUCT_TITLE, sameIgnoringCase);
}

export function deleteProduct(state: SimState, id: number, writer: Writer): void {
  if (!state.products.get(String(id))) throw notFound("Product", id);
  if (state.allOrders().some((o) => o.Lines.some((l) => l.ProductId === id))) {
    throw new ProblemError(409, "Product conflict", `Product with id = ${id} is in use and cannot be deleted.`);
  }
  state.products.delete(String(id), writer.via === "gui");
}

export function renderProduct(state: SimState, row: ProductRow): ProductDto {
  const dto = renderObject(productFields, row, state.render) as ProductDto;
  // Confirmed orders reserve stock: available = on hand minus what they hold.
  if (row.IsStockItem && row.StockOnHand !== null) {
    const reserved = state.salesOrders
      .values()
      .filter((o) => o.SalesOrderStatus === "Confirmed")
      .flatMap((o) => o.Lines)
      .filter((l) => l.ProductId === row.Id)
      .reduce((sum, l) => sum + (l.Quantity ?? 0), 0);
    dto.StockAvailable = row.StockOnHand - reserved;
  } else {
    dto.StockAvailable = null;
  }
  return dto;
}
