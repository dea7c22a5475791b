/**
 * The preview as the widget sees it (GET /api/preview, docs/widget.md): its state, how far each feed has been read,
 * the plan's counts per dataflow, and the admin's options.
 */
import type { PreviewCounts, PreviewItem, PreviewOptions, PreviewResponse } from "../../shared/api/preview";
import type { PlannedPreviewItem } from "../core/preview-partition";
import { DATAFLOWS, type DataflowId, SIDES, type Side } from "../core/types";
import { type CountRow, countPreviewItems } from "../store/preview-store";
import type { Deps } from "./build-deps";
import { type FirstSyncRecord, powerOfficeConnected, readFirstSync } from "./first-sync";

export const OPTIONS_KEY = "first-sync:options";
export const feedKey = (dataflow: DataflowId, side: Side) => `preview:feed:${dataflow}:${side}`;
export const FEEDS = DATAFLOWS.flatMap((dataflow) => SIDES.map((side) => ({ dataflow, side })));

/** How far the preview has read one feed: the cursor after the last page, the records read, whether it is done. */
export interface FeedProgress {
  cursor: unknown | null;
  read: number;
  done: boolean;
}

export const NO_PROGRESS: FeedProgress = { cursor: null, read: 0, done: false };

export function progressOf(text: string | null | undefined): FeedProgress {
  if (!text) return NO_PROGRESS;
  try {
    const value = JSON.parse(text) as Partial<FeedProgress>;
    return { cursor: value.cursor ?? null, read: Number(value.read ?? 0), done: value.done === true };
  } catch {
    return NO_PROGRESS;
  }
}

export const DEFAULT_OPTIONS: PreviewOptions = {
  scope: "full",
  directions: Object.fromEntries(
    DATAFLOWS.map((dataflow) => [dataflow, { toWebshop: true, toPowerOffice: true }]),
  ) as PreviewOptions["directions"],
};

export function optionsOf(text: string | null | undefined): PreviewOptions {
  if (!text) return DEFAULT_OPTIONS;
  try {
    const value = JSON.parse(text) as PreviewOptions;
    return { scope: value.scope ?? "full", directions: { ...DEFAULT_OPTIONS.directions, ...value.directions } };
  } catch {
    return DEFAULT_OPTIONS;
  }
}

const NO_COUNTS: PreviewCounts = {
  link: 0,
  createInPowerOffice: 0,
  createInWebshop: 0,
  ambiguous: 0,
  skip: 0,
  differing: 0,
};
const COUNT_OF: Record<string, keyof PreviewCounts> = {
  link: "link",
  "create-in-poweroffice": "createInPowerOffice",
  "create-in-webshop": "createInWebshop",
  ambiguous: "ambiguous",
  skip: "skip",
};

export async function previewResponse(deps: Deps, known?: FirstSyncRecord): Promise<PreviewResponse> {
  const firstSync = known ?? (await readFirstSync(deps));
  const settings = await deps.store.settings.getMany([OPTIONS_KEY, ...FEEDS.map((f) => feedKey(f.dataflow, f.side))]);
  const { results } = await countPreviewItems(deps.db).all<CountRow>();
  const counts = new Map(DATAFLOWS.map((dataflow) => [dataflow, { ...NO_COUNTS }]));
  for (const row of results) {
    const into = counts.get(row.dataflow);
    const key = COUNT_OF[row.action];
    if (!into || !key) continue;
    into[key] = row.n;
    if (row.action === "link") into.differing = row.differing ?? 0;
  }
  const state =
    firstSync.mode === "started"
      ? "started"
      : !(await powerOfficeConnected(deps))
        ? "waiting-for-connection"
        : firstSync.readAt === null
          ? "reading"
          : "ready";
  return {
    state,
    readAt: firstSync.readAt,
    reviewedAt: firstSync.reviewedAt,
    startedAt: firstSync.startedAt,
    progress: FEEDS.map(({ dataflow, side }) => {
      const p = progressOf(settings[feedKey(dataflow, side)]);
      return { dataflow, side, read: p.read, readToEnd: p.done };
    }),
    dataflows: DATAFLOWS.map((dataflow) => ({ dataflow, counts: counts.get(dataflow)! })),
    options: optionsOf(settings[OPTIONS_KEY]),
  };
}

/** The stable id of an item: its dataflow and the records it is about. */
export const itemId = (item: Pick<PlannedPreviewItem, "dataflow" | "poweroffice" | "webshop">) =>
  `${item.dataflow}:${item.poweroffice?.id ?? ""}:${item.webshop?.id ?? ""}`;

export function toItem(planned: PlannedPreviewItem): PreviewItem {
  return { id: itemId(planned), ...planned };
}

export function searchText(item: PreviewItem): string {
  const parts = [
    item.poweroffice?.id,
    item.poweroffice?.label,
    item.webshop?.id,
    item.webshop?.label,
    item.matchedBy,
    ...item.candidates.flatMap((c) => [c.id, c.label]),
  ];
  return parts
    .filter((p): p is string => typeof p === "string")
    .join(" ")
    .toLowerCase();
}
