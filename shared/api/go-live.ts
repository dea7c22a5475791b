/**
 * GET /api/go-live and POST /api/go-live/check-webshop: the dashboard's go-live checklist, one item per thing that
 * must be ready before the sync can be trusted with both systems, each not-ready item with what to do.
 */
import * as v from "valibot";
import { ApiTimestamp } from "./vocabulary";

export const GO_LIVE_ITEMS = [
  "poweroffice-connected",
  "poweroffice-privileges",
  "webshop-api",
  "webhook-received",
  "preview-reviewed",
  "syncing",
] as const;
export type GoLiveItemId = (typeof GO_LIVE_ITEMS)[number];

/**
 * The codes of `problem.code` the worker sends; the widget has its own en/nb text for each and shows the English
 * `message` for any other (a newer worker's).
 */
export const GO_LIVE_PROBLEMS = [
  /** poweroffice-connected */
  "poweroffice-not-connected",
  /** poweroffice-privileges */
  "poweroffice-privileges-not-checked",
  "poweroffice-privileges-missing",
  /** webshop-api: the read-only shop checks (docs/widget.md, "Go-live checklist") */
  "webshop-not-checked",
  "webshop-unreachable",
  "webshop-open-without-token",
  "webshop-auth-refusal-invalid",
  "webshop-token-refused",
  "webshop-feed-invalid",
  "webshop-lookup-invalid",
  /** webhook-received */
  "webhook-not-received",
  /** preview-reviewed */
  "preview-waiting-for-connection",
  "preview-reading",
  "preview-not-reviewed",
  /** syncing */
  "syncing-not-started",
  "syncing-waiting-for-first-run",
  "syncing-not-connected",
] as const;
export type GoLiveProblemCode = (typeof GO_LIVE_PROBLEMS)[number];

export const GoLiveProblemSchema = v.object({
  /** One of GO_LIVE_PROBLEMS from this worker; any string is read, so an older widget keeps working. */
  code: v.string(),
  /** An English sentence that says what to do. */
  message: v.string(),
});
export type GoLiveProblem = v.InferOutput<typeof GoLiveProblemSchema>;

export const GoLiveItemSchema = v.object({
  id: v.picklist(GO_LIVE_ITEMS),
  ready: v.boolean(),
  /** Null when ready. */
  problem: v.nullable(GoLiveProblemSchema),
  /** Facts in words, one a line: what was checked and found (each shop check, each missing privilege, when). */
  details: v.array(v.string()),
  /**
   * When the item's facts were established: the shop checks' run, the first verified webhook, the connection,
   * the review, the start; null when they never were.
   */
  checkedAt: v.nullable(ApiTimestamp),
});
export type GoLiveItem = v.InferOutput<typeof GoLiveItemSchema>;

export const GoLiveResponseSchema = v.object({
  /** Syncing has started and every item is ready: the widget folds the checklist away. */
  live: v.boolean(),
  /** Always every item of GO_LIVE_ITEMS, in that order. */
  items: v.array(GoLiveItemSchema),
});
export type GoLiveResponse = v.InferOutput<typeof GoLiveResponseSchema>;
