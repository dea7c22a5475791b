/**
 * The preview before the first sync (docs/widget.md, "Preview"; docs/sync-engine.md, "Preview"): what the worker read
 * of both systems, what the first sync would do with it, the admin's options, and "Start syncing".
 */
import * as v from "valibot";
import { ApiTimestamp, DATAFLOWS, DataflowSchema, RecordId, SideSchema } from "./vocabulary";

export const PREVIEW_STATES = ["waiting-for-connection", "reading", "ready", "started"] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];

/** `differing` is a filter, not an item's own action: the `link` items whose values differ. */
export const PREVIEW_ACTIONS = [
  "link",
  "create-in-poweroffice",
  "create-in-webshop",
  "ambiguous",
  "skip",
  "differing",
] as const;
export type PreviewAction = (typeof PREVIEW_ACTIONS)[number];
export type PreviewItemAction = Exclude<PreviewAction, "differing">;

export const PreviewScopeSchema = v.picklist(
  ["full", "from-now"],
  'scope must be "full" (sync every record) or "from-now" (only records changed after syncing starts)',
);

export const PreviewDirectionsSchema = v.object({
  toWebshop: v.boolean("toWebshop must be true or false"),
  toPowerOffice: v.boolean("toPowerOffice must be true or false"),
});

/** PUT /api/preview/options. A dataflow left out of `directions` keeps the directions it had. */
export const PreviewOptionsSchema = v.strictObject(
  {
    scope: PreviewScopeSchema,
    directions: v.strictObject(
      {
        customers: v.optional(PreviewDirectionsSchema),
        departments: v.optional(PreviewDirectionsSchema),
        products: v.optional(PreviewDirectionsSchema),
        orders: v.optional(PreviewDirectionsSchema),
      },
      `directions names a dataflow that does not exist: use ${DATAFLOWS.join(", ")}`,
    ),
  },
  "options hold scope and directions only",
);
export type PreviewOptionsInput = v.InferOutput<typeof PreviewOptionsSchema>;

export const PreviewOptionsResponseSchema = v.object({
  scope: v.picklist(["full", "from-now"]),
  directions: v.object({
    customers: PreviewDirectionsSchema,
    departments: PreviewDirectionsSchema,
    products: PreviewDirectionsSchema,
    orders: PreviewDirectionsSchema,
  }),
});
export type PreviewOptions = v.InferOutput<typeof PreviewOptionsResponseSchema>;

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

export const PreviewResponseSchema = v.object({
  state: v.picklist(PREVIEW_STATES),
  readAt: v.nullable(ApiTimestamp),
  reviewedAt: v.nullable(ApiTimestamp),
  startedAt: v.nullable(ApiTimestamp),
  progress: v.array(v.object({ dataflow: DataflowSchema, side: SideSchema, read: Count, readToEnd: v.boolean() })),
  dataflows: v.array(v.object({ dataflow: DataflowSchema, counts: PreviewCountsSchema })),
  options: PreviewOptionsResponseSchema,
});
export type PreviewResponse = v.InferOutput<typeof PreviewResponseSchema>;

const RecordRef = v.object({ id: v.string(), label: v.string() });

export const PreviewItemSchema = v.object({
  id: v.string(),
  dataflow: DataflowSchema,
  action: v.picklist(PREVIEW_ACTIONS),
  matchedBy: v.nullable(v.string()),
  poweroffice: v.nullable(RecordRef),
  webshop: v.nullable(RecordRef),
  candidates: v.array(v.object({ side: SideSchema, id: v.string(), label: v.string() })),
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

export const PREVIEW_PAGE_DEFAULT = 25;
export const PREVIEW_PAGE_MAX = 100;

/** GET /api/preview/items (and items.csv, which takes dataflow and action only). */
export const PreviewItemsQuerySchema = v.strictObject(
  {
    dataflow: v.optional(DataflowSchema),
    action: v.optional(v.picklist(PREVIEW_ACTIONS, `action must be one of ${PREVIEW_ACTIONS.join(", ")}`)),
    q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200, "q must be at most 200 characters"))),
    cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "cursor must be the nextCursor of an earlier page"))),
    limit: v.optional(
      v.pipe(
        v.string(),
        v.regex(/^\d{1,3}$/, `limit must be a whole number from 1 to ${PREVIEW_PAGE_MAX}`),
        v.transform(Number),
        v.minValue(1, `limit must be a whole number from 1 to ${PREVIEW_PAGE_MAX}`),
        v.maxValue(PREVIEW_PAGE_MAX, `limit must be a whole number from 1 to ${PREVIEW_PAGE_MAX}`),
      ),
    ),
  },
  "the query takes dataflow, action, q, cursor and limit only",
);

/** POST /api/preview/links: link two records by hand before the first sync (also how an ambiguous one is resolved). */
export const PreviewLinkRequestSchema = v.object({
  dataflow: DataflowSchema,
  powerofficeId: RecordId,
  webshopId: RecordId,
});
export type PreviewLinkRequest = v.InferOutput<typeof PreviewLinkRequestSchema>;
