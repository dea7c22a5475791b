/** Field shapes every webshop resource shares (contract v1, docs/webshop-api.md): ids, versions, times, money. */
import * as v from "valibot";

export const RESOURCES = ["customers", "products", "orders"] as const;
export type Resource = (typeof RESOURCES)[number];

/** RFC 3339 with milliseconds and Z, as the contract fixes it: 2026-11-26T12:00:00.000Z */
export const Timestamp = v.pipe(
  v.string("must be an RFC 3339 UTC time with milliseconds, like 2026-11-26T12:00:00.000Z"),
  v.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    "must be an RFC 3339 UTC time with milliseconds, like 2026-11-26T12:00:00.000Z",
  ),
  v.description("RFC 3339 UTC with milliseconds, e.g. 2026-11-26T12:00:00.000Z"),
);

/** Money is a decimal string with exactly two decimals, never a float. Prices exclude VAT. */
export const Money = v.pipe(
  v.string('must be a decimal string with exactly two decimals, like "199.00"'),
  v.regex(/^-?\d{1,13}\.\d{2}$/, 'must be a decimal string with exactly two decimals, like "199.00"'),
  v.description('Decimal string with exactly two decimals, e.g. "199.00"; excluding VAT'),
);

export const CalendarDate = v.pipe(
  v.string("must be a date like 2026-11-26"),
  v.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "must be a date like 2026-11-26"),
  v.description("YYYY-MM-DD"),
);

export const Id = v.pipe(
  v.string(),
  v.minLength(1, "must not be empty"),
  v.maxLength(255),
  v.description("Assigned by the webshop, immutable"),
);

export const Version = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(1),
  v.description("+1 on every change; send it in If-Match"),
);

/** Keys name the PowerOffice entity (their ids collide across entities); values are opaque strings. */
export const EXTERNAL_ID_KEYS = [
  "poweroffice_customer",
  "poweroffice_department",
  "poweroffice_product",
  "poweroffice_sales_order",
  "poweroffice_order_no",
  "poweroffice_sales_order_line",
] as const;
export type ExternalIdKey = (typeof EXTERNAL_ID_KEYS)[number];

export const ExternalIds = v.pipe(
  v.record(
    v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,63}$/, "keys are lower-case snake_case")),
    v.pipe(v.string(), v.maxLength(255)),
  ),
  v.description(
    "Written by the sync worker so a link can be found from the webshop side; stored verbatim, merged on PATCH",
  ),
);

/** Short optional text: null means "no value"; the worker never sends an empty string where it means none. */
export const Text = (max = 255) => v.nullable(v.pipe(v.string(), v.maxLength(max)));

export const Meta = {
  id: Id,
  version: Version,
  created_at: Timestamp,
  updated_at: Timestamp,
  external_ids: ExternalIds,
};

/** In a JSON merge patch, `external_ids` merges key by key and a null value removes that key. */
export const ExternalIdsPatch = v.record(v.string(), v.nullable(v.pipe(v.string(), v.maxLength(255))));

/** The same fields, each optional: the body of a create (beside its required ones) or of a merge patch. */
export const optional = <T extends v.ObjectEntries>(entries: T) => v.partial(v.object(entries)).entries;
