/**
 * Products. https://developer.poweroffice.net/ → Products (v2). v2 products carry no VAT code (VAT follows the sales
 * account). Blind spot: LastChangedDateTimeOffset does not move on stock changes
 * (stockOnHandLastChangedDatetimeOffsetGreaterThan covers stock; the reconcile pass uses it).
 */
import type { Api } from "./api";
import { type FeedCursor, type FeedPage, readChanges, readChangesPage } from "./change-feed";
import type { Result } from "./errors";
import { type Created, createOnce } from "./idempotent-create";
import { PRODUCT_PATCH } from "./json-patch";
import {
  checkReference,
  getIfExists,
  getRecord,
  listRecords,
  patchRecord,
  sameCode,
  sendPatch,
  type Updated,
} from "./records";
import { Product } from "./schemas";
import { readRecord } from "./validate";

type Maybe<T> = T | null | undefined;

export interface ProductFields {
  Code?: Maybe<string>;
  Name?: Maybe<string>;
  Description?: Maybe<string>;
  ProductType?: Maybe<"Product" | "Service">;
  /** Excluding VAT. */
  UnitPrice?: Maybe<number>;
  UnitCost?: Maybe<number>;
  Gtin?: Maybe<string>;
  UnitOfMeasureCode?: Maybe<string>;
  IsArchived?: Maybe<boolean>;
}

export interface ProductCreate extends ProductFields {
  /** Unique SKU-like key (case-insensitively, assumed): what makes the create safe to repeat. */
  Code: string;
  Name: string;
}

const ENTITY = "product";
const feed = {
  entity: ENTITY,
  path: "/Products",
  schema: Product,
  idOf: (p: Product) => String(p.Id),
  changedOf: (p: Product) => p.LastChangedDateTimeOffset,
} as const;

export function productsApi(api: Api) {
  const path = (id: number | string) => `/Products/${encodeURIComponent(String(id))}`;
  const findByCode = async (code: string): Promise<Result<Product | null>> => {
    // Comma-separated filter: see departments.ts for codes that contain a comma.
    const found = await listRecords(api, Product, ENTITY, "/Products", { codes: code });
    if (!found.ok) return found;
    return { ok: true, value: found.value.find((p) => sameCode(p.Code, code)) ?? null };
  };

  return {
    get: (id: number): Promise<Result<Product>> => getRecord(api, Product, ENTITY, path(id), String(id)),
    findByCode,
    changesPage: (cursor?: FeedCursor, pageSize?: number): Promise<Result<FeedPage<Product>>> =>
      readChangesPage(api, feed, cursor, pageSize),
    changes: (cursor?: FeedCursor, pageSize?: number) => readChanges(api, feed, cursor, pageSize),

    /** Creates the product once: a repeat with the same Code returns the existing one. POST answers 200 here. */
    async create(input: ProductCreate): Promise<Result<Created<Product>>> {
      const code = checkReference(ENTITY, "Code", input.Code);
      if (!code.ok) return code;
      const body = { ...input, Code: code.value };
      return createOnce(api, {
        send: () => api.send({ method: "POST", path: "/Products", body, entity: ENTITY }),
        read: (res) => readRecord(Product, ENTITY, res, "POST /Products"),
        find: () => findByCode(code.value),
        get: (id) => getIfExists(api, Product, ENTITY, path(id), id),
        matches: (p) => sameCode(p.Code, code.value),
      });
    },

    update: (id: number, current: Partial<Product>, desired: ProductFields): Promise<Result<Updated<Product>>> =>
      patchRecord(api, Product, PRODUCT_PATCH, path(id), String(id), current, { ...desired }),

    archive: (id: number): Promise<Result<Updated<Product>>> =>
      sendPatch(api, Product, PRODUCT_PATCH, path(id), String(id), [
        { op: "replace", path: "/IsArchived", value: true },
      ]),
  };
}

export type ProductsApi = ReturnType<typeof productsApi>;
