/**
 * Sales orders (header + lines in one call). https://developer.poweroffice.net/ → SalesOrders, SalesOrderComplete.
 * Created only through POST /SalesOrders/Complete. An order sent as an invoice leaves /SalesOrders (its line ids die
 * with it), so a linked order answering 404 is reported as "order-gone", not as a plain not-found.
 */
import type { Api } from "./api";
import {
  type FeedCursor,
  type FeedPage,
  type FeedSpec,
  pagingSaysLast,
  readChanges,
  readChangesPage,
} from "./change-feed";
import type { PowerOfficeError, Result } from "./errors";
import { fail, ok } from "./errors";
import { type Created, createOnce } from "./idempotent-create";
import { SALES_ORDER_PATCH } from "./json-patch";
import { existingIdFrom, isAlreadyInUse } from "./problem";
import { checkReference, getIfExists, getRecord, patchRecord, type Updated } from "./records";
import type { SalesOrderLineCreate } from "./sales-order-lines";
import { SalesOrder, SalesOrderComplete, SalesOrderId } from "./schemas";
import { timestampFromEpochMs } from "./timestamp";
import { readList, readRecord } from "./validate";

type Maybe<T> = T | null | undefined;

export interface SalesOrderFields {
  CustomerId?: Maybe<number>;
  SalesOrderDate?: Maybe<string>;
  DeliveryDate?: Maybe<string>;
  CurrencyCode?: Maybe<string>;
  CustomerReference?: Maybe<string>;
  PurchaseOrderReference?: Maybe<string>;
  /** Confirmed orders are locked: set Draft first to edit them. */
  SalesOrderStatus?: Maybe<"Draft" | "Confirmed">;
  ImportedOrderNo?: Maybe<number>;
  DepartmentId?: Maybe<number>;
}

export interface SalesOrderCreate extends SalesOrderFields {
  /** Deterministic, ≤ 50 characters: the key that makes the create safe to repeat. */
  ExternalImportReference: string;
  SalesOrderLines?: SalesOrderLineCreate[];
}

/**
 * /SalesOrders has no reference filter (an unknown query parameter is ignored and returns everything), so a lost
 * create is looked for among our own orders changed since shortly before it was sent. The margin absorbs clock skew
 * between this worker and PowerOffice.
 */
export const CREATE_LOOKBACK_MS = 10 * 60_000;

/**
 * The open orders' ids are read in pages of this many (ids only: about 50 bytes each), at most OPEN_IDS_MAX_PAGES of
 * them; a longer list answers `null`, since an incomplete one would make open orders look invoiced. 6,000 ids is the
 * cap, for the CPU of parsing and checking them (about 2 ms, the same in one page or in three: bench 1). In one page,
 * a shop with up to 6,000 open orders is compared with one read a minute, and a new order never adds one.
 * PowerOffice allows pages of up to 20,000 (docs/sync-engine.md, "Limits").
 */
export const OPEN_IDS_PAGE_SIZE = 6000;
export const OPEN_IDS_MAX_PAGES = 1;

const ENTITY = "sales order";
const feed: FeedSpec<SalesOrder> = {
  entity: ENTITY,
  path: "/SalesOrders",
  schema: SalesOrder,
  idOf: (o) => o.Id,
  changedOf: (o) => o.LastChangedDateTimeOffset,
};

export function salesOrdersApi(api: Api) {
  const path = (id: string) => `/SalesOrders/${encodeURIComponent(id)}`;
  const completePath = (id: string) => `${path(id)}/Complete`;

  async function findOurs(reference: string, since: string): Promise<Result<SalesOrderComplete | null>> {
    const mine = { ...feed, query: { onlyCreatedByCurrentIntegration: true } };
    for await (const page of readChanges(api, mine, { after: since, at: null, ids: [] })) {
      if (!page.ok) return page;
      const hit = page.value.records.find((o) => o.ExternalImportReference === reference);
      if (hit) return getIfExists(api, SalesOrderComplete, ENTITY, completePath(hit.Id), hit.Id);
    }
    return ok(null);
  }

  return {
    /** The order with its lines (GET /SalesOrders/{id}/Complete). */
    get: async (id: string): Promise<Result<SalesOrderComplete>> =>
      gone(id, await getRecord(api, SalesOrderComplete, ENTITY, completePath(id), id)),

    /**
     * The ids of every order still open (draft or confirmed): an order sent as an invoice leaves /SalesOrders, which
     * no change feed shows. `Fields=Id` keeps the answer small; `OrderBy=Id` keeps the pages in one order. Null when
     * there are more than `maxPages` pages.
     */
    async openIds(pageSize = OPEN_IDS_PAGE_SIZE, maxPages = OPEN_IDS_MAX_PAGES): Promise<Result<string[] | null>> {
      const ids: string[] = [];
      for (let page = 1; page <= maxPages; page++) {
        const query = { Fields: "Id", OrderBy: "Id", PageNumber: page, PageSize: pageSize };
        const res = await api.send({ method: "GET", path: "/SalesOrders", query, entity: ENTITY });
        if (!res.ok) return res;
        const rows = readList(SalesOrderId, ENTITY, res.value, "GET /SalesOrders (ids of the open orders)");
        if (!rows.ok) return rows;
        ids.push(...rows.value.map((row) => row.Id));
        if (rows.value.length < pageSize || pagingSaysLast(res.value.headers)) return ok(ids);
      }
      return ok(null);
    },

    /** Headers only, as /SalesOrders lists them; fetch the complete order for lines. */
    changesPage: (cursor?: FeedCursor, pageSize?: number): Promise<Result<FeedPage<SalesOrder>>> =>
      readChangesPage(api, feed, cursor, pageSize),

    /** Creates the order (and its lines) once: a repeat with the same ExternalImportReference returns the existing one. */
    async create(input: SalesOrderCreate): Promise<Result<Created<SalesOrderComplete>>> {
      const ref = checkReference(ENTITY, "ExternalImportReference", input.ExternalImportReference);
      if (!ref.ok) return ref;
      const body = { ...input, ExternalImportReference: ref.value };
      const since = timestampFromEpochMs(api.rt.now() - CREATE_LOOKBACK_MS);
      const created = await createOnce(api, {
        send: () => api.send({ method: "POST", path: "/SalesOrders/Complete", body, entity: ENTITY }),
        read: (res) => readRecord(SalesOrderComplete, ENTITY, res, "POST /SalesOrders/Complete"),
        find: () => findOurs(ref.value, since),
        get: (id) => getIfExists(api, SalesOrderComplete, ENTITY, completePath(id), id),
        matches: (o) => o.ExternalImportReference === ref.value,
      });
      // Our reference is taken by an order that cannot be read (createOnce re-checked): it was created, then
      // invoiced or deleted, before this create could be confirmed. Sending it again would never succeed.
      const taken = !created.ok && created.error.kind === "rejected" ? created.error.problem : undefined;
      const takenBy =
        isAlreadyInUse(taken) && /ExternalImportReference/i.test(taken?.detail ?? "") && existingIdFrom(taken);
      return takenBy && !created.ok ? fail(orderGone(takenBy, created.error.operation)) : created;
    },

    /** PATCHes the header fields that differ; an empty diff sends nothing. */
    update: async (
      id: string,
      current: Partial<SalesOrder>,
      desired: SalesOrderFields,
    ): Promise<Result<Updated<SalesOrder>>> =>
      gone(id, await patchRecord(api, SalesOrder, SALES_ORDER_PATCH, path(id), id, current, { ...desired })),
  };
}

/** A 404 for a linked order means it was invoiced or deleted in PowerOffice. */
export function gone<T>(orderId: string, result: Result<T>): Result<T> {
  if (result.ok || result.error.kind !== "not-found") return result;
  return fail(orderGone(orderId, result.error.operation));
}

export function orderGone(orderId: string, operation: string): PowerOfficeError {
  return {
    kind: "order-gone",
    orderId,
    operation,
    message: `Sales order ${orderId} is no longer among PowerOffice's sales orders: it was invoiced (see outgoing invoices) or deleted there.`,
  };
}

export type SalesOrdersApi = ReturnType<typeof salesOrdersApi>;
