/**
 * GET /api/records (list, filtered and paged), GET /api/records/:linkId (one record in detail) and
 * GET /api/records/by-webshop/:resource/:id (what the record widget on a shop page shows).
 */
import * as v from "valibot";
import { ActivityEntrySchema, CanonicalValueSchema, ConflictSchema, LinkErrorSchema } from "./values";
import { ApiTimestamp, DataflowSchema, LinkId, LinkStateSchema, RecordStateSchema, ResourceSchema } from "./vocabulary";

export const RECORDS_DEFAULT_LIMIT = 25;
export const RECORDS_MAX_LIMIT = 100;
export const SEARCH_MAX_LENGTH = 200;

/** One pair of records (or a record still without its partner) as the sync links them. */
export const RecordSummarySchema = v.object({
  linkId: LinkId,
  dataflow: DataflowSchema,
  state: LinkStateSchema,
  ids: v.object({ poweroffice: v.nullable(v.string()), webshop: v.nullable(v.string()) }),
  /** A name for people: the customer's or product's name, the order number; null before either side was synced. */
  label: v.nullable(v.string()),
  /** The number PowerOffice shows: customer number, product or department code, order number. */
  powerofficeNumber: v.nullable(v.string()),
  lastError: v.nullable(LinkErrorSchema),
  /** Failed tries since the last success. */
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** When the sync tries again by itself; null when nothing is scheduled. */
  nextRetryAt: v.nullable(ApiTimestamp),
  /** Conflicts waiting for the admin (policy manual). */
  openConflicts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The admin should act: retry or replay it (error), resolve it (conflict), link it by hand (ambiguous). */
  needsAttention: v.boolean(),
  /** When the sync last wrote this link (a sync, a failure, an admin's action). */
  updatedAt: ApiTimestamp,
});
export type RecordSummary = v.InferOutput<typeof RecordSummarySchema>;

/** A whole number in a query string, within bounds. */
export const queryNumber = (min: number, max: number, what: string) =>
  v.pipe(
    v.string(),
    v.regex(/^\d{1,9}$/, `${what} must be a whole number`),
    v.transform(Number),
    v.minValue(min, `${what} must be at least ${min}`),
    v.maxValue(max, `${what} must be at most ${max}`),
  );

/** The list's query string, as strings in (URLSearchParams) and typed out. `cursor` is the previous `nextCursor`. */
export const RecordsQuerySchema = v.object({
  dataflow: v.optional(DataflowSchema),
  state: v.optional(LinkStateSchema),
  /** Text in either side's id, match key, or any value (name, e-mail, SKU, org number). */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(SEARCH_MAX_LENGTH, "q is too long"))),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "cursor must be a nextCursor this API gave"))),
  limit: v.optional(queryNumber(1, RECORDS_MAX_LIMIT, "limit"), String(RECORDS_DEFAULT_LIMIT)),
});
export type RecordsQueryInput = v.InferInput<typeof RecordsQuerySchema>;
export type RecordsQuery = v.InferOutput<typeof RecordsQuerySchema>;

export const RecordsListResponseSchema = v.object({
  /** Oldest link first. */
  data: v.array(RecordSummarySchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
export type RecordsListResponse = v.InferOutput<typeof RecordsListResponseSchema>;

/** One property of the record on both sides, in canonical form. */
export const PropertyValuesSchema = v.object({
  property: v.string(),
  poweroffice: CanonicalValueSchema,
  webshop: CanonicalValueSchema,
  differs: v.boolean(),
});
export type PropertyValues = v.InferOutput<typeof PropertyValuesSchema>;

/**
 * Where a side's values came from: read from that system now, the snapshot of the last sync (when the read failed),
 * or none (the side has no record yet, or it is gone).
 */
export const ValuesSourceSchema = v.picklist(["live", "snapshot", "none"]);

export const RecordDetailSchema = v.object({
  ...RecordSummarySchema.entries,
  /** The create key the sync wrote before creating the record on the other side. */
  reference: v.nullable(v.string()),
  values: v.object({
    source: v.object({ poweroffice: ValuesSourceSchema, webshop: ValuesSourceSchema }),
    /** A side that could not be read now, in words (then its snapshot is shown). */
    problems: v.array(v.string()),
  }),
  /** Every synced property, both sides. */
  properties: v.array(PropertyValuesSchema),
  /** The properties whose values differ between the sides (empty while one side has no record). */
  differences: v.array(v.string()),
  /** Open conflicts (policy manual), each resolved by choosing a side. */
  conflicts: v.array(ConflictSchema),
  /** What the sync did with this record, newest first. */
  history: v.array(ActivityEntrySchema),
});
export type RecordDetail = v.InferOutput<typeof RecordDetailSchema>;

export const RecordResponseSchema = v.object({ record: RecordDetailSchema });
export type RecordResponse = v.InferOutput<typeof RecordResponseSchema>;

/** A shop record as the record widget sees it: its state, and its link when the sync has one. */
export const WebshopRecordStatusSchema = v.object({
  resource: ResourceSchema,
  id: v.string(),
  /** The dataflow holding it (a customer of kind department is in departments); null when unlinked. */
  dataflow: v.nullable(DataflowSchema),
  state: RecordStateSchema,
  record: v.nullable(RecordSummarySchema),
  /** What the last action did, in words (a push's outcome); null when just read. */
  message: v.nullable(v.string()),
  /**
   * The newest of the admin's actions on its link (who pushed, retried, relinked it ...), null when none is among
   * its recent history. Sent by GET /api/records/by-webshop/:resource/:id; a push's answer leaves it out.
   */
  lastAdminAction: v.optional(v.nullable(ActivityEntrySchema)),
});
export type WebshopRecordStatus = v.InferOutput<typeof WebshopRecordStatusSchema>;
