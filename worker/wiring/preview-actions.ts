/**
 * The admin's actions on the preview (docs/widget.md, "Preview"): link two records by hand, read both systems again,
 * and "Start syncing". None of them writes to either system; Start only lets the sync begin, which then plans every
 * record again from what it reads at that moment.
 */
import type { PreviewItem, PreviewOptions, PreviewOptionsInput } from "../../shared/api/preview";
import { matchKeyOf } from "../core/match";
import { DuplicateLinkError } from "../core/ports";
import { type PreviewRecord, planSteps } from "../core/preview-plan";
import { type Actor, type DataflowId, SIDES, type Side } from "../core/types";
import { adminEntry } from "../engine/admin";
import { blankLink } from "../engine/new-link";
import { firstReadKey, matchedKey, pauseKey } from "../engine/settings";
import { readToEndKey } from "../store/first-read";
import { clearPreviewItems, clearPreviewRecords, readPreviewRecordsByIds } from "../store/preview-store";
import type { Deps } from "./build-deps";
import { FIRST_SYNC_KEY, type FirstSyncRecord, powerOfficeConnected, readFirstSync } from "./first-sync";
import { PLAN_KEYS_LIKE, PLAN_START, planInSteps, planKey } from "./preview-plan-steps";
import { setting } from "./preview-read";
import { FEEDS, feedKey, OPTIONS_KEY, optionsOf, progressOf, toItem } from "./preview-state";

/** A refusal in words, with the widget API's error code. */
export class PreviewRefusal extends Error {
  constructor(
    readonly code: "preview_not_ready" | "record_not_found" | "already_linked" | "first_sync_not_started",
    message: string,
  ) {
    super(message);
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

async function inPreview(deps: Deps): Promise<FirstSyncRecord> {
  const firstSync = await readFirstSync(deps);
  if (firstSync.mode === "started") {
    throw new PreviewRefusal(
      "preview_not_ready",
      "Syncing has started already: the preview is over. Link records by hand from Records instead.",
    );
  }
  if (!(await powerOfficeConnected(deps))) {
    throw new PreviewRefusal("preview_not_ready", "Connect PowerOffice first: the preview reads both systems.");
  }
  return firstSync;
}

function mustBeRead(firstSync: FirstSyncRecord): void {
  if (firstSync.readAt === null) {
    throw new PreviewRefusal(
      "preview_not_ready",
      "The preview is still reading both systems: wait until it shows as ready (the progress is in the preview), then try again.",
    );
  }
}

/**
 * Links two records the preview read, as a link row in D1 with no write to either system; the first sync then syncs
 * the pair as a link by hand (first-link merge). The dataflow is planned again, in steps as after the read: the
 * preview reads as `reading` until its last step, which this request takes as far as its chunk allows (the cron
 * goes on from there). The pair's item is planned at once: a link by hand is always the pair's item.
 * Run under the preview's read lease (PREVIEW_READ_LEASE), so no cron run plans at the same time.
 */
export async function linkInPreview(
  deps: Deps,
  dataflow: DataflowId,
  ids: Record<Side, string>,
  actor: Actor,
): Promise<PreviewItem> {
  const firstSync = await inPreview(deps);
  mustBeRead(firstSync);
  const found = {} as Record<Side, PreviewRecord[]>;
  for (const side of SIDES) {
    found[side] = await readPreviewRecordsByIds(deps.db, dataflow, side, [ids[side]]);
    if (found[side].length === 0) {
      throw new PreviewRefusal(
        "record_not_found",
        `The preview read no ${side === "poweroffice" ? "PowerOffice" : "webshop"} ${dataflow} record ${ids[side]}: check the id, or read both systems again (Refresh) if it is new.`,
      );
    }
  }
  const po = await deps.store.links.findBySideId(dataflow, "poweroffice", ids.poweroffice);
  const shop = await deps.store.links.findBySideId(dataflow, "webshop", ids.webshop);
  const same = po !== null && po.id === shop?.id;
  if (!same && (po || shop)) {
    const side: Side = po ? "poweroffice" : "webshop";
    throw new PreviewRefusal(
      "already_linked",
      `The ${side === "poweroffice" ? "PowerOffice" : "webshop"} record ${ids[side]} is already linked by hand to another record: nothing was changed.`,
    );
  }
  if (!same) {
    const link = blankLink(dataflow, ids);
    link.matchKeys = {
      poweroffice: matchKeyOf(dataflow, "poweroffice", found.poweroffice[0]!.raw),
      webshop: matchKeyOf(dataflow, "webshop", found.webshop[0]!.raw),
    };
    const message = `Linked by the admin in the preview: PowerOffice ${ids.poweroffice} with webshop ${ids.webshop}; synced when syncing starts.`;
    const entry = adminEntry(deps.now(), actor, { dataflow, linkId: null, action: "linked", message });
    // The plan of the dataflow starts again with the link, in the same commit: never a link the plan does not show.
    const replanning: FirstSyncRecord = { ...firstSync, readAt: null };
    try {
      await deps.store.commit({
        links: [link],
        activity: [{ ...entry, linkIndex: 0 }],
        settings: { [planKey(dataflow)]: JSON.stringify(PLAN_START), [FIRST_SYNC_KEY]: JSON.stringify(replanning) },
      });
    } catch (error) {
      if (!(error instanceof DuplicateLinkError)) throw error;
      throw new PreviewRefusal(
        "already_linked",
        "One of these records was linked at the same moment: nothing was changed. Reload the preview.",
      );
    }
    await planInSteps(deps, replanning);
  }
  const policy = deps.sync.ok ? deps.sync.config.conflictPolicy : "newest-wins";
  const step = {
    kind: "pair" as const,
    records: SIDES.map((side) => ({ side, id: ids[side] })),
    matchedBy: "by hand",
  };
  const planned = planSteps({ dataflow, steps: [step], records: found, created: {}, policy, now: deps.now() });
  return toItem(planned.items[0]!);
}

/** Reads both systems again from their start: the records and the plan are dropped; links by hand stay. */
export async function restartPreview(deps: Deps): Promise<FirstSyncRecord> {
  const firstSync = await inPreview(deps);
  const fresh: FirstSyncRecord = { ...firstSync, readAt: null, reviewedAt: null };
  await deps.db.batch([
    clearPreviewRecords(deps.db),
    clearPreviewItems(deps.db),
    ...FEEDS.map((f) => deps.db.prepare("DELETE FROM settings WHERE key = ?").bind(feedKey(f.dataflow, f.side))),
    deps.db.prepare("DELETE FROM settings WHERE key LIKE ?").bind(PLAN_KEYS_LIKE),
    setting(deps, FIRST_SYNC_KEY, JSON.stringify(fresh)),
  ]);
  return fresh;
}

export async function markReviewed(deps: Deps): Promise<FirstSyncRecord> {
  const firstSync = await inPreview(deps);
  mustBeRead(firstSync);
  const reviewed: FirstSyncRecord = { ...firstSync, reviewedAt: iso(deps.now()) };
  await deps.store.settings.set(FIRST_SYNC_KEY, JSON.stringify(reviewed));
  return reviewed;
}

export async function saveOptions(deps: Deps, wanted: PreviewOptionsInput) {
  await inPreview(deps);
  const current = optionsOf(await deps.store.settings.get(OPTIONS_KEY));
  const directions = { ...current.directions };
  for (const [dataflow, chosen] of Object.entries(wanted.directions) as Array<[DataflowId, typeof directions.orders]>) {
    if (chosen) directions[dataflow] = chosen;
  }
  const options: PreviewOptions = { scope: wanted.scope, directions };
  await deps.store.settings.set(OPTIONS_KEY, JSON.stringify(options));
}

/**
 * "Start syncing": the options take effect (a direction turned off is that direction's pause; "from now on" starts
 * every feed where the preview's read ended, with the first-read gate open), then the state turns started in one
 * commit with the pauses and their activity entries. The first sync plans every record again as it reads it.
 */
export async function startSyncing(deps: Deps, actor: Actor): Promise<FirstSyncRecord> {
  const firstSync = await readFirstSync(deps);
  if (firstSync.mode === "started") return firstSync;
  await inPreview(deps);
  mustBeRead(firstSync);
  const now = iso(deps.now());
  const settings = await deps.store.settings.getMany([OPTIONS_KEY, ...FEEDS.map((f) => feedKey(f.dataflow, f.side))]);
  const options = optionsOf(settings[OPTIONS_KEY]);
  if (options.scope === "from-now") {
    const statements: D1PreparedStatement[] = [];
    for (const { dataflow, side } of FEEDS) {
      const progress = progressOf(settings[feedKey(dataflow, side)]);
      statements.push(
        deps.db
          .prepare(
            "INSERT INTO cursors (dataflow, side, value, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (dataflow, side) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, page = NULL",
          )
          .bind(dataflow, side, JSON.stringify(progress.cursor), now),
      );
      for (const key of [firstReadKey(dataflow, side), matchedKey(dataflow, side), readToEndKey(dataflow, side)]) {
        statements.push(setting(deps, key, now));
      }
    }
    await deps.db.batch(statements);
  }
  const started: FirstSyncRecord = { ...firstSync, mode: "started", startedAt: now, startedBy: actor.sub };
  const pauses: Record<string, string> = {};
  const activity = [];
  for (const [dataflow, directions] of Object.entries(options.directions) as Array<
    [DataflowId, PreviewOptions["directions"][DataflowId]]
  >) {
    const off = [
      ...(directions.toWebshop ? [] : (["poweroffice-to-webshop"] as const)),
      ...(directions.toPowerOffice ? [] : (["webshop-to-poweroffice"] as const)),
    ];
    for (const direction of off) {
      pauses[pauseKey(dataflow, direction)] = now;
      activity.push(
        adminEntry(deps.now(), actor, {
          dataflow,
          linkId: null,
          action: "paused",
          message: `Turned off in the preview's options before syncing started: nothing is written ${direction} for ${dataflow} until it is resumed.`,
        }),
      );
    }
  }
  await deps.store.commit({
    links: [],
    activity,
    settings: { ...pauses, [FIRST_SYNC_KEY]: JSON.stringify(started) },
  });
  // What was read is no longer needed (the plan's items stay, as the record of what was shown).
  await clearPreviewRecords(deps.db).run();
  return started;
}
