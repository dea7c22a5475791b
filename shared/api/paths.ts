/** Every /api path, built in one place so the widget and the worker's tests name the same routes. */
import type { DataflowId, Direction, Resource } from "./vocabulary";

const id = (value: string) => encodeURIComponent(value);

export const API_PATHS = {
  status: "/api/status",
  records: "/api/records",
  record: (linkId: number) => `/api/records/${linkId}`,
  webshopRecord: (resource: Resource, recordId: string) => `/api/records/by-webshop/${resource}/${id(recordId)}`,
  push: "/api/push",
  retry: (linkId: number) => `/api/records/${linkId}/retry`,
  replay: (linkId: number) => `/api/records/${linkId}/replay`,
  resolve: (linkId: number) => `/api/records/${linkId}/resolve`,
  links: "/api/links",
  link: (linkId: number) => `/api/links/${linkId}`,
  relink: (linkId: number) => `/api/links/${linkId}/relink`,
  pause: (dataflow: DataflowId, direction: Direction) => `/api/dataflows/${dataflow}/${direction}/pause`,
  resume: (dataflow: DataflowId, direction: Direction) => `/api/dataflows/${dataflow}/${direction}/resume`,
  releaseBrake: (dataflow: DataflowId) => `/api/dataflows/${dataflow}/brake/release`,
  connection: "/api/connection",
  connectStart: "/api/connection/poweroffice/start",
  disconnect: "/api/connection/poweroffice",
  deadLetters: "/api/dead-letters",
  replayDeadLetter: (deadLetterId: number) => `/api/dead-letters/${deadLetterId}/replay`,
  goLive: "/api/go-live",
  goLiveCheckWebshop: "/api/go-live/check-webshop",
  preview: "/api/preview",
  previewOptions: "/api/preview/options",
  previewItems: "/api/preview/items",
  previewItemsCsv: "/api/preview/items.csv",
  previewLinks: "/api/preview/links",
  previewRefresh: "/api/preview/refresh",
  previewReviewed: "/api/preview/reviewed",
  previewStart: "/api/preview/start",
} as const;

/** Not under /api: PowerOffice sends the admin's browser here (a top-level navigation, no widget token). */
export const POWEROFFICE_CALLBACK_PATH = "/connect/poweroffice/callback";
