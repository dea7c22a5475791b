/**
 * When the cron queues a reconcile pass (docs/sync-engine.md, Triggers step 4). It runs once the first sync is done,
 * daily on Workers Free (whose 10,000 Queue operations a day an hourly pass would use up) and hourly on Paid, but on
 * Paid never oftener than its reads of PowerOffice (one per link) average RECONCILE_READS_PER_SECOND: PowerOffice
 * allows 10 requests a second per subscription and asks integrations not to poll more than they need, so a pass over
 * 17,200 links comes every 4.8 hours, not every hour (docs/performance.md, "The reconcile pass").
 */
import { DATAFLOWS } from "../core/types";
import type { Deps } from "../wiring/build-deps";
import type { CronReport } from "./cron";
import { sendAll } from "./due-retries";
import { firstSyncDone, readPacing } from "./first-sync-pacing";

const HOUR_MS = 60 * 60_000;
/** PowerOffice reads a second a reconcile pass averages at most on Workers Paid: a tenth of the rate limit. */
export const RECONCILE_READS_PER_SECOND = 1;
/** When the last pass was queued (ISO); its clock. */
export const RECONCILE_SETTING = "reconcile:last";
/** How many links there were when the last pass was queued: the pass's length, which spaces the next one. */
export const RECONCILE_LINKS_SETTING = "reconcile:links";

export function reconcileEveryMs(plan: "free" | "paid", links = 0): number {
  if (plan === "free") return 24 * HOUR_MS;
  return Math.max(HOUR_MS, Math.ceil((links / RECONCILE_READS_PER_SECOND) * 1000));
}

/**
 * Every `reconcileEveryMs` once the first sync is done. Its clock starts with the first cron run, and is set again
 * while any feed is still in its first sync: a pass over links still being made would read each record by id for
 * nothing. So the first pass comes one interval after the first sync ends.
 */
export async function queueReconcile(deps: Deps, report: CronReport): Promise<void> {
  // Both in one query: the cron asks every minute.
  const clock = await deps.store.settings.getMany([RECONCILE_SETTING, RECONCILE_LINKS_SETTING]);
  const last = clock[RECONCILE_SETTING] ?? null;
  const links = Number(clock[RECONCILE_LINKS_SETTING] ?? 0);
  const now = deps.now();
  if (last !== null && now - Date.parse(last) < reconcileEveryMs(deps.plan, Number.isFinite(links) ? links : 0)) return;
  if (last === null || !firstSyncDone(await readPacing(deps))) {
    await deps.store.settings.set(RECONCILE_SETTING, new Date(now).toISOString());
    return;
  }
  await sendAll(
    deps,
    DATAFLOWS.map((dataflow) => ({ v: 1, kind: "reconcile", dataflow, afterLinkId: null }) as const),
  );
  await deps.store.settings.set(RECONCILE_SETTING, new Date(now).toISOString());
  if (deps.plan === "paid") {
    const counts = await deps.store.links.countByState();
    const links = Object.values(counts).reduce((sum, n) => sum + n, 0);
    await deps.store.settings.set(RECONCILE_LINKS_SETTING, String(links));
  }
  report.reconcileQueued = true;
}
