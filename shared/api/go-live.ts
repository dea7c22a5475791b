/**
 * The go-live checklist (/api/go-live): what must be ready before the sync runs for real, each item with what to do
 * about it. `live` once syncing has started and every item is ready; the widget then folds the checklist away.
 */
import * as v from "valibot";

export const GO_LIVE_ITEMS = [
  "poweroffice-connected",
  "poweroffice-privileges",
  "webshop-api",
  "webhook-received",
  "preview-reviewed",
  "syncing",
] as const;
export type GoLiveItemId = (typeof GO_LIVE_ITEMS)[number];

export const GO_LIVE_PATHS = {
  goLive: "/api/go-live",
  checkWebshop: "/api/go-live/check-webshop",
} as const;

export const GoLiveItemSchema = v.object({
  id: v.picklist(GO_LIVE_ITEMS),
  ready: v.boolean(),
  /** Why it is not ready: `message` is an English sentence saying what to do. */
  problem: v.nullable(v.object({ code: v.string(), message: v.string() })),
  details: v.array(v.string()),
});
export type GoLiveItem = v.InferOutput<typeof GoLiveItemSchema>;

export const GoLiveResponseSchema = v.object({
  live: v.boolean(),
  items: v.array(GoLiveItemSchema),
});
export type GoLiveResponse = v.InferOutput<typeof GoLiveResponseSchema>;
