/**
 * What we read from PowerOffice's answers, field by field (its v2 API models, https://developer.poweroffice.net/).
 * Unknown fields are allowed and dropped; a field we read that has the wrong shape is reported by validate.ts, never
 * guessed.
 */
import * as v from "valibot";
import { normaliseTimestamp } from "./timestamp";

const text = v.nullish(v.string());
const flag = v.nullish(v.boolean());
const amount = v.nullish(v.number());
/** int64 in JSON: beyond 2^53 a JS number is silently rounded, so such an id is refused rather than corrupted. */
const int64 = v.pipe(v.number(), v.safeInteger("an integer id within ±2^53"));
const uuid = v.pipe(
  v.string(),
  v.uuid("a uuid"),
  v.transform((s) => s.toLowerCase()),
);

/** A DateTimeOffset with 0–7 fractional digits, kept exact in the stored spelling (UTC, 7 digits). */
export const Timestamp = v.pipe(
  v.string(),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const normal = normaliseTimestamp(dataset.value);
    if (normal === null) {
      addIssue({ message: "an ISO 8601 date-time with an offset" });
      return NEVER;
    }
    return normal;
  }),
);

/** Dates come as "YYYY-MM-DD" or as a midnight date-time: the date part as written is the date. */
const date = v.nullish(
  v.pipe(
    v.string(),
    v.regex(/^\d{4}-\d{2}-\d{2}([T ].*)?$/, "a date (YYYY-MM-DD)"),
    v.transform((s) => s.slice(0, 10)),
  ),
);

export const Address = v.object({
  AddressLine1: text,
  AddressLine2: text,
  ZipCode: text,
  City: text,
  CountryCode: text,
});

export const Customer = v.object({
  Id: int64,
  IsPerson: flag,
  Name: text,
  FirstName: text,
  LastName: text,
  EmailAddress: text,
  InvoiceEmailAddress: text,
  PhoneNumber: text,
  OrganizationNumber: text,
  WebsiteUrl: text,
  MailAddress: v.nullish(Address),
  Number: v.nullish(int64),
  IsArchived: flag,
  /** The customer role's own flag (read-only); archiving is IsArchived. */
  IsActive: flag,
  ExternalImportReference: text,
  LastChangedDateTimeOffset: Timestamp,
});

export const Department = v.object({
  Id: int64,
  Code: text,
  Name: text,
  IsActive: flag,
  LastChangedDateTimeOffset: Timestamp,
});

export const Product = v.object({
  Id: int64,
  Code: text,
  Name: text,
  Description: text,
  ProductType: v.nullish(v.picklist(["Product", "Service"], "Product or Service")),
  UnitPrice: amount,
  UnitCost: amount,
  Gtin: text,
  UnitOfMeasureCode: text,
  StockOnHand: amount,
  StockAvailable: amount,
  IsStockItem: flag,
  IsArchived: flag,
  LastChangedDateTimeOffset: Timestamp,
});

const salesOrderHeader = {
  Id: uuid,
  CustomerId: v.nullish(int64),
  CustomerNo: v.nullish(int64),
  SalesOrderDate: date,
  DeliveryDate: date,
  CurrencyCode: text,
  CustomerReference: text,
  PurchaseOrderReference: text,
  SalesOrderStatus: v.nullish(v.picklist(["Draft", "Confirmed"], "Draft or Confirmed")),
  ImportedOrderNo: v.nullish(int64),
  SalesOrderNo: v.nullish(int64),
  DepartmentId: v.nullish(int64),
  ExternalImportReference: text,
  IsCreatedByCurrentIntegration: flag,
  NetAmount: amount,
  TotalAmount: amount,
  LastChangedDateTimeOffset: Timestamp,
};

export const SalesOrder = v.object(salesOrderHeader);

/** A row of the open orders' ids (`Fields=Id`): other fields, if PowerOffice sends them anyway, are dropped. */
export const SalesOrderId = v.object({ Id: uuid });

export const SalesOrderLine = v.object({
  Id: uuid,
  ProductId: v.nullish(int64),
  ProductCode: text,
  Description: text,
  Quantity: amount,
  ProductUnitPrice: amount,
  Allowance: amount,
  SortOrder: v.nullish(v.number()),
  LineType: text,
  ExternalImportReference: text,
  NetAmount: amount,
  TotalAmount: amount,
  VatRate: amount,
  VatCode: text,
});

export const SalesOrderComplete = v.object({
  ...salesOrderHeader,
  SalesOrderLines: v.nullish(v.array(SalesOrderLine)),
});

export type Address = v.InferOutput<typeof Address>;
export type Customer = v.InferOutput<typeof Customer>;
export type Department = v.InferOutput<typeof Department>;
export type Product = v.InferOutput<typeof Product>;
export type SalesOrder = v.InferOutput<typeof SalesOrder>;
export type SalesOrderLine = v.InferOutput<typeof SalesOrderLine>;
export type SalesOrderComplete = v.InferOutput<typeof SalesOrderComplete>;
