/**
 * The preview of the first sync (/api/preview*): what the first sync would do, per dataflow, read from both systems
 * before anything is written, the options the admin chooses before "Start syncing", and the plan's items.
 */
import * as v from "valibot";
import { ApiTimestamp, DataflowSchema, SideSchema } from "./vocabulary";

export const PREVIEW_STATES = ["waiting-for-connection", "reading", "ready", "started"] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];

/** What the first sync would do with an item; `differing` is a pair linked for the first time whose values differ. */
export const PREVIEW_ACTIONS = [
  "link",
  "create-in-poweroffice",
  "create-in-webshop",
  "ambiguous",
  "skip",
  "differing",
] as const;
export type PreviewAction = (typeof PREVIEW_ACTIONS)[number];

export const PREVIEW_PATHS = {
  preview: "/api/preview",
  options: "/api/preview/options",
  items: "/api/preview/items",
  itemsCsv: "/api/preview/items.csv",
  links: "/api/preview/links",
  refresh: "/api/preview/refresh",
  reviewed: "/api/preview/reviewed",
  start: "/api/preview/start",
} as const;

export const PREVIEW_ITEMS_DEFAULT_LIMIT = 25;
export const PREVIEW_ITEMS_MAX_LIMIT = 100;

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const PreviewCountsSchema = v.object({
  link: Count,
  createInPowerOffice: Count,
  createInWebshop: Count,
  ambiguous: Count,
  skip: Count,
  differing: Count,
});
export type PreviewCounts = v.InferOutput<typeof PreviewCountsSchema>;

const DirectionsOfDataflow = v.object({ toWebshop: v.boolean(), toPowerOffice: v.boolean() });

/** Chosen before "Start syncing": which directions each dataflow writes, and whether existing records are synced. */
export const PreviewOptionsSchema = v.object({
  /** `full`: every record as the preview shows; `from-now`: only records changed from now on. */
  scope: v.picklist(["full", "from-now"]),
  directions: v.object({
    customers: DirectionsOfDataflow,
    departments: DirectionsOfDataflow,
    products: DirectionsOfDataflow,
    orders: DirectionsOfDataflow,
  }),
});
export type PreviewOptions = v.InferOutput<typeof PreviewOptionsSchema>;

export const PreviewResponseSchema = v.object({
  state: v.picklist(PREVIEW_STATES),
  readAt: v.nullable(ApiTimestamp),
  reviewedAt: v.nullable(ApiTimestamp),
  startedAt: v.nullable(ApiTimestamp),
  /** Per dataflow and side while (and after) both systems are read. */
  progress: v.array(
    v.object({
      dataflow: DataflowSchema,
      side: SideSchema,
      read: Count,
      readToEnd: v.boolean(),
    }),
  ),
  dataflows: v.array(v.object({ dataflow: DataflowSchema, counts: PreviewCountsSchema })),
  options: PreviewOptionsSchema,
});
export type PreviewResponse = v.InferOutput<typeof PreviewResponseSchema>;

const PreviewRecordSchema = v.object({ id: v.string(), label: v.string() });

export const PreviewItemSchema = v.object({
  id: v.string(),
  dataflow: DataflowSchema,
  action: v.picklist(PREVIEW_ACTIONS),
  /** The key the pair matched by, in words ("organization number", "e-mail", "SKU"). */
  matchedBy: v.nullable(v.string()),
  poweroffice: v.nullable(PreviewRecordSchema),
  webshop: v.nullable(PreviewRecordSchema),
  /** For an ambiguous item: the records on the other side that could be its partner. */
  candidates: v.array(v.object({ side: SideSchema, id: v.string(), label: v.string() })),
  /** For a skipped item: why, in words (archived, inactive, cancelled…). */
  reason: v.nullable(v.string()),
  differences: v.array(
    v.object({
      property: v.string(),
      poweroffice: v.nullable(v.string()),
      webshop: v.nullable(v.string()),
      winner: SideSchema,
    }),
  ),
});
export type PreviewItem = v.InferOutput<typeof PreviewItemSchema>;

export const PreviewItemsResponseSchema = v.object({
  data: v.array(PreviewItemSchema),
  nextCursor: v.nullable(v.string()),
});
export type PreviewItemsResponse = v.InferOutput<typeof PreviewItemsResponseSchema>;
