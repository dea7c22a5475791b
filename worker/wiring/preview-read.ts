/**
 * The preview's read (docs/sync-engine.md, "Preview"): every feed of both systems from its start, page by page while
 * the invocation's budget allows, each page's records stored with the feed's progress in one D1 batch; once every
 * feed is read to its end, the plan of each dataflow. Reads only: nothing is written to either system. The cron runs
 * it every minute until it is done (and a refresh from the widget at once); on Workers Free it stops for the day at
 * the first sync's pacing share (worker/core/pacing.ts), as the first sync's own backfill does.
 *
 *   per feed, dependency order: done? ─no─▶ budget for a page? ─no─▶ stop (the next run goes on)
 *                                              └ yes ─▶ paced? ─yes─▶ stop │ no ─▶ read a page ─▶ store it ─▶ again
 *   all feeds done ─▶ budget for the plan? ─yes─▶ plan every dataflow, readAt set (state ready), one batch
 */
import { MAX_PAGE_SIZE } from "../budgets/plan-budget";
import { matchKeyOf } from "../core/match";
import { backfillPaused } from "../core/pacing";
import { DATAFLOWS } from "../core/types";
import { type DailyUsageRow, selectUsage, sumUsage, usageFromRow } from "../store/daily-usage";
import { insertPreviewRecords } from "../store/preview-store";
import type { Deps } from "./build-deps";
import { FIRST_SYNC_KEY, type FirstSyncRecord } from "./first-sync";
import { FEEDS, type FeedProgress, feedKey, planDataflow, progressOf } from "./preview-state";

export interface PreviewReadReport {
  pages: number;
  records: number;
  /** The plan was made in this run: the preview is ready. */
  planned: boolean;
  /** Workers Free's daily allowances are near their pacing share: reading goes on after 00:00 UTC. */
  paused: boolean;
  /** A system did not answer (in words); the next run tries again. */
  problem: string | null;
}

/** A page's read (with a token request at worst) and its batch, with one to spare. */
export const PREVIEW_PAGE_COST = 4;
/** Per dataflow the records and the hand links read, and the one batch for the items and the state. */
export const PREVIEW_PLAN_COST = DATAFLOWS.length * 2 + 1;

export async function readPreview(deps: Deps, firstSync: FirstSyncRecord): Promise<PreviewReadReport> {
  const report: PreviewReadReport = { pages: 0, records: 0, planned: false, paused: false, problem: null };
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
      }));
      progress = { cursor: page.value.cursor, read: progress.read + records.length, done: page.value.done };
      await deps.db.batch([
        ...insertPreviewRecords(deps.db, dataflow, side, records),
        setting(deps, feedKey(dataflow, side), JSON.stringify(progress)),
      ]);
      report.pages += 1;
      report.records += records.length;
    }
    allRead &&= progress.done;
  }
  if (!allRead || deps.budget.remaining() < PREVIEW_PLAN_COST) return report;
  const statements: D1PreparedStatement[] = [];
  for (const dataflow of DATAFLOWS) statements.push(...(await planDataflow(deps, dataflow)).statements);
  const ready: FirstSyncRecord = { ...firstSync, readAt: new Date(deps.now()).toISOString() };
  statements.push(setting(deps, FIRST_SYNC_KEY, JSON.stringify(ready)));
  await deps.db.batch(statements);
  report.planned = true;
  return report;
}

export function setting(deps: Pick<Deps, "db" | "now">, key: string, value: string): D1PreparedStatement {
  return deps.db
    .prepare(
      "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
    )
    .bind(key, value, new Date(deps.now()).toISOString());
}
