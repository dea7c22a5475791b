/**
 * Products. https://developer.poweroffice.net/ → Products (v2). v2 products carry no VAT code (VAT follows the sales
 * account). Blind spot: LastChangedDateTimeOffset does not move on stock changes
 * (stockOnHandLastChangedDatetimeOffsetGreaterThan covers stock; the reconcile pass uses it).
 */
import type { Api } from "./api";
import { codeKeyedApi } from "./code-keyed-api";
import { PRODUCT_PATCH } from "./json-patch";
import { Product } from "./schemas";

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

export function productsApi(api: Api) {
  return codeKeyedApi<Product, ProductFields, ProductCreate>(api, {
    entity: "product",
    path: "/Products",
    schema: Product,
    patch: PRODUCT_PATCH,
    archive: { op: "replace", path: "/IsArchived", value: true },
  });
}

export type ProductsApi = ReturnType<typeof productsApi>;
