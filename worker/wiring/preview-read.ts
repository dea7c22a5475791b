/**
 * The preview's read (docs/sync-engine.md, "Preview"): every feed of both systems from its start, page by page while
 * the invocation's budget allows, each page's records stored with the feed's progress in one D1 batch; once every
 * feed is read to its end, the plan of each dataflow, in chunks (preview-plan-steps.ts). Reads only: nothing is written to either system. The cron runs
 * it every minute until it is done (and a refresh from the widget at once); on Workers Free it stops for the day at
 * the first sync's pacing share (worker/core/pacing.ts), as the first sync's own backfill does.
 *
 *   per feed, dependency order: done? ─no─▶ budget for a page? ─no─▶ stop (the next run goes on)
 *                                              └ yes ─▶ paced? ─yes─▶ stop │ no ─▶ read a page ─▶ store it ─▶ again
 *   all feeds done, no page read in this run ─▶ plan the next chunk(s) ─▶ the last one sets readAt (state ready)
 */
import { MAX_PAGE_SIZE } from "../budgets/plan-budget";
import { matchKeyOf } from "../core/match";
import { backfillPaused } from "../core/pacing";
import { previewLabel } from "../core/preview-label";
import { type DailyUsageRow, selectUsage, sumUsage, usageFromRow } from "../store/daily-usage";
import { insertPreviewRecords } from "../store/preview-store";
import type { Deps } from "./build-deps";
import type { FirstSyncRecord } from "./first-sync";
import { planInSteps } from "./preview-plan-steps";
import { FEEDS, type FeedProgress, feedKey, progressOf } from "./preview-state";

export interface PreviewReadReport {
  pages: number;
  records: number;
  /** The plan was finished in this run: the preview is ready. */
  planned: boolean;
  /** Records planned in this run (a pair counts two): at most the chunk (`deps.previewPlanChunk`). */
  plannedRecords: number;
  /** Workers Free's daily allowances are near their pacing share: reading goes on after 00:00 UTC. */
  paused: boolean;
  /** A system did not answer (in words); the next run tries again. */
  problem: string | null;
}

/**
 * The preview is read under the cron's own lease (`CRON_LEASE` in worker/jobs/cron.ts): by the cron run holding it,
 * or by a refresh from the widget that takes it, so two readers never interleave their pages.
 */
export const PREVIEW_READ_LEASE = "cron";

/** A page's read (with a token request at worst) and its batch, with one to spare. */
export const PREVIEW_PAGE_COST = 4;
export async function readPreview(deps: Deps, firstSync: FirstSyncRecord): Promise<PreviewReadReport> {
  const report: PreviewReadReport = {
    pages: 0,
    records: 0,
    planned: false,
    plannedRecords: 0,
    paused: false,
    problem: null,
  };
  if (!deps.sync.ok || firstSync.mode !== "preview" || firstSync.readAt !== null) return report;
  const { sides } = deps.sync;
  const settings = await deps.store.settings.getMany(FEEDS.map((f) => feedKey(f.dataflow, f.side)));
  const today =
    deps.plan === "free" ? usageFromRow(await selectUsage(deps.db, deps.now()).first<DailyUsageRow>()) : null;
  const paced = () => today !== null && backfillPaused(sumUsage(today, deps.usage.usage()));
  let allRead = true;
  for (const { dataflow, side } of FEEDS) {
    let progress: FeedProgress = progressOf(settings[feedKey(dataflow, side)]);
    while (!progress.done) {
      if (deps.budget.remaining() < PREVIEW_PAGE_COST) return report;
      if (paced()) {
        report.paused = true;
        return report;
      }
      const page = await sides[side].feedPage(dataflow, progress.cursor, MAX_PAGE_SIZE);
      if (!page.ok) {
        report.problem = `${page.error.side} ${dataflow}: ${page.error.message}`;
        return report;
      }
      const records = page.value.records.map((record) => ({
        record,
        matchKey: matchKeyOf(dataflow, side, record.raw),
        origin: sides[side].originOf?.(dataflow, record.raw) ?? null,
        label: previewLabel(dataflow, side, record.raw),
      }));
      progress = { cursor: page.value.cursor, read: progress.read + records.length, done: page.value.done };
      // The lease this runs under is renewed past half its time; a lost one stops here, before the page is stored.
      await deps.leases.keep();
      await deps.db.batch([
        ...insertPreviewRecords(deps.db, dataflow, side, records),
        setting(deps, feedKey(dataflow, side), JSON.stringify(progress)),
      ]);
      report.pages += 1;
      report.records += records.length;
    }
    allRead &&= progress.done;
  }
  // A run that read pages has spent CPU on them: the plan starts in the next one, with the whole chunk to itself.
  if (!allRead || report.pages > 0) return report;
  const planned = await planInSteps(deps, firstSync);
  report.plannedRecords = planned.records;
  report.planned = planned.done;
  return report;
}

export function setting(deps: Pick<Deps, "db" | "now">, key: string, value: string): D1PreparedStatement {
  return deps.db
    .prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key, value, new Date(deps.now()).toISOString());
}
