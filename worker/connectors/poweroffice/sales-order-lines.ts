/**
 * Lines of one sales order (/SalesOrders/{id}/Lines). Lines have no timestamp of their own; their
 * ExternalImportReference is unique within the order. A 404 on a line asks the order: if the order is gone too,
 * the answer is "order-gone" (invoiced or deleted), else the line alone was deleted.
 */
import type { Api } from "./api";
import type { Result } from "./errors";
import { fail, ok } from "./errors";
import { type Created, createOnce } from "./idempotent-create";
import { SALES_ORDER_LINE_PATCH } from "./json-patch";
import { checkReference, getIfExists, getRecord, listRecords, patchRecord, type Updated } from "./records";
import { gone, orderGone } from "./sales-orders";
import { SalesOrderLine } from "./schemas";
import { readRecord } from "./validate";

type Maybe<T> = T | null | undefined;

export interface SalesOrderLineFields {
  ProductId?: Maybe<number>;
  Description?: Maybe<string>;
  Quantity?: Maybe<number>;
  /** Excluding VAT. */
  ProductUnitPrice?: Maybe<number>;
  Allowance?: Maybe<number>;
  SortOrder?: Maybe<number>;
  LineType?: Maybe<"Normal" | "Text" | "Summary" | "InvoiceFee" | "TotalHours">;
}

export interface SalesOrderLineCreate extends SalesOrderLineFields {
  /** Deterministic, ≤ 50 characters, unique within the order. */
  ExternalImportReference: string;
}

const ENTITY = "sales order line";

export function salesOrderLinesApi(api: Api) {
  const linesPath = (orderId: string) => `/SalesOrders/${encodeURIComponent(orderId)}/Lines`;
  const linePath = (orderId: string, lineId: string) => `${linesPath(orderId)}/${encodeURIComponent(lineId)}`;

  const list = async (orderId: string): Promise<Result<SalesOrderLine[]>> =>
    gone(orderId, await listRecords(api, SalesOrderLine, ENTITY, linesPath(orderId), {}));

  /** A line's 404: order-gone when the order is gone as well. */
  async function lineMissing<T>(orderId: string, result: Result<T>): Promise<Result<T>> {
    if (result.ok || result.error.kind !== "not-found") return result;
    const order = await api.send({
      method: "GET",
      path: `/SalesOrders/${encodeURIComponent(orderId)}`,
      entity: "sales order",
      id: orderId,
    });
    if (!order.ok && order.error.kind === "not-found") return fail(orderGone(orderId, result.error.operation));
    return result;
  }

  return {
    list,

    get: async (orderId: string, lineId: string): Promise<Result<SalesOrderLine>> =>
      lineMissing(orderId, await getRecord(api, SalesOrderLine, ENTITY, linePath(orderId, lineId), lineId)),

    /** Adds the line once: a repeat with the same ExternalImportReference returns the existing line. */
    async create(orderId: string, input: SalesOrderLineCreate): Promise<Result<Created<SalesOrderLine>>> {
      const ref = checkReference(ENTITY, "ExternalImportReference", input.ExternalImportReference);
      if (!ref.ok) return ref;
      const body = { ...input, ExternalImportReference: ref.value };
      const created = await createOnce(api, {
        send: () => api.send({ method: "POST", path: linesPath(orderId), body, entity: ENTITY }),
        read: (res) => readRecord(SalesOrderLine, ENTITY, res, `POST ${linesPath(orderId)}`),
        find: async () => {
          const lines = await list(orderId);
          return lines.ok ? ok(lines.value.find((l) => l.ExternalImportReference === ref.value) ?? null) : lines;
        },
        get: (lineId) => getIfExists(api, SalesOrderLine, ENTITY, linePath(orderId, lineId), lineId),
        matches: (l) => l.ExternalImportReference === ref.value,
      });
      return lineMissing(orderId, created);
    },

    update: async (
      orderId: string,
      lineId: string,
      current: Partial<SalesOrderLine>,
      desired: SalesOrderLineFields,
    ): Promise<Result<Updated<SalesOrderLine>>> =>
      lineMissing(
        orderId,
        await patchRecord(api, SalesOrderLine, SALES_ORDER_LINE_PATCH, linePath(orderId, lineId), lineId, current, {
          ...desired,
        }),
      ),

    /** `alreadyGone`: the line was not there (a repeated delete, or deleted in PowerOffice). */
    async delete(orderId: string, lineId: string): Promise<Result<{ alreadyGone: boolean }>> {
      const res = await api.send({ method: "DELETE", path: linePath(orderId, lineId), entity: ENTITY, id: lineId });
      if (res.ok) return ok({ alreadyGone: false });
      const checked = await lineMissing(orderId, res);
      if (!checked.ok && checked.error.kind === "not-found") return ok({ alreadyGone: true });
      return fail(checked.ok ? res.error : checked.error);
    },
  };
}

export type SalesOrderLinesApi = ReturnType<typeof salesOrderLinesApi>;
