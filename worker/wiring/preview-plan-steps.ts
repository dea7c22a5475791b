/**
 * The preview's plan in steps (docs/sync-engine.md, "Preview"): `planSync` costs about 30 µs of CPU a record, so a
 * dataflow's plan is spread over as many invocations as it needs, each planning at most `deps.previewPlanChunk`
 * records. Per dataflow, a setting says how far it is planned; each chunk's items and the new position go in one D1
 * batch, which fails when the position moved since it was read, so a chunk planned twice (two runs at once) adds its
 * items once.
 *
 *   per dataflow not done: partition (key columns) ─▶ the next steps up to the chunk ─▶ their records by id
 *     ─▶ planSteps ─▶ one batch: items appended (the old ones deleted first at step 0), position; the last one: ready
 */
import {
  type PlanCreated,
  type PreviewRecord,
  type PreviewStep,
  partitionPreview,
  planSteps,
  stepCost,
} from "../core/preview-plan";
import { DATAFLOWS, type DataflowId, SIDES, type Side } from "../core/types";
import {
  appendPreviewItems,
  deletePreviewItems,
  type ItemRow,
  linkedPairs,
  planPositionGuard,
  readPreviewKeys,
  readPreviewRecordsByIds,
} from "../store/preview-store";
import type { Deps } from "./build-deps";
import { FIRST_SYNC_KEY, type FirstSyncRecord } from "./first-sync";
import { setting } from "./preview-read";
import { searchText, toItem } from "./preview-state";

export const planKey = (dataflow: DataflowId) => `preview:plan:${dataflow}`;

/** How far a dataflow is planned: the next step, what earlier chunks created of shared keys, whether it is done. */
export interface PlanPosition {
  step: number;
  done: boolean;
  created: PlanCreated;
}

export const PLAN_START: PlanPosition = { step: 0, done: false, created: {} };

export function positionOf(text: string | null | undefined): PlanPosition {
  if (!text) return PLAN_START;
  try {
    const value = JSON.parse(text) as Partial<PlanPosition>;
    return { step: Number(value.step ?? 0), done: value.done === true, created: value.created ?? {} };
  } catch {
    return PLAN_START;
  }
}

/** Ids read per statement (readPreviewRecordsByIds). */
const IDS_PER_READ = 98;

/**
 * A chunk's subrequests: the keys and the hand links, its records by id (per side), the lease kept, the batch, and the
 * guard's one to spare.
 */
export const planChunkCost = (records: number) => 4 + 2 * Math.ceil(Math.max(1, records) / IDS_PER_READ) + 1;

export interface PlanReport {
  /** Records planned in this invocation (a pair counts two). */
  records: number;
  /** Every dataflow is planned: the preview is ready (readAt set in the last chunk's batch). */
  done: boolean;
}

/** The next chunk of steps from `from`: as many as `left` records allow, at least one when nothing else was planned. */
function chunkOf(steps: PreviewStep[], from: number, left: number, first: boolean): number {
  let end = from;
  let cost = 0;
  while (end < steps.length && cost + stepCost(steps[end]!) <= left) cost += stepCost(steps[end++]!);
  return end === from && first && from < steps.length ? from + 1 : end;
}

/** Plans on from where the last invocation stopped, as far as this one's chunk and budget allow. */
export async function planInSteps(deps: Deps, firstSync: FirstSyncRecord): Promise<PlanReport> {
  const report: PlanReport = { records: 0, done: false };
  const stored = await deps.store.settings.getMany(DATAFLOWS.map(planKey));
  const positions = new Map(DATAFLOWS.map((d) => [d, positionOf(stored[planKey(d)])]));
  const texts = new Map(DATAFLOWS.map((d) => [d, stored[planKey(d)] ?? null]));
  for (const dataflow of DATAFLOWS) {
    const position = positions.get(dataflow)!;
    if (position.done) continue;
    const left = deps.previewPlanChunk - report.records;
    if (left <= 0 || deps.budget.remaining() < planChunkCost(left)) return report;
    const steps = partitionPreview({
      dataflow,
      records: await readPreviewKeys(deps.db, dataflow),
      handLinks: await linkedPairs(deps.db, dataflow),
    });
    const end = chunkOf(steps, position.step, left, report.records === 0);
    const chunk = steps.slice(position.step, end);
    const records = await recordsOf(deps, dataflow, chunk);
    const policy = deps.sync.ok ? deps.sync.config.conflictPolicy : "newest-wins";
    const planned = planSteps({ dataflow, steps: chunk, records, created: position.created, policy, now: deps.now() });
    const done = end >= steps.length;
    const next: PlanPosition = { step: end, done, created: done ? {} : planned.created };
    positions.set(dataflow, next);
    const rows: ItemRow[] = planned.items.map(toItem).map((item) => ({
      dataflow,
      action: item.action,
      differing: item.differences.length > 0,
      searchText: searchText(item),
      item,
    }));
    const statements = [
      // Fails the batch when another invocation moved the position since it was read: its chunk is in already.
      planPositionGuard(deps.db, planKey(dataflow), texts.get(dataflow) ?? null),
      ...(position.step === 0 ? [deletePreviewItems(deps.db, dataflow)] : []),
      ...appendPreviewItems(deps.db, rows),
      setting(deps, planKey(dataflow), JSON.stringify(next)),
    ];
    const allDone = DATAFLOWS.every((d) => positions.get(d)!.done);
    if (allDone) {
      const ready: FirstSyncRecord = { ...firstSync, readAt: new Date(deps.now()).toISOString() };
      statements.push(setting(deps, FIRST_SYNC_KEY, JSON.stringify(ready)));
    }
    // The lease this runs under is renewed past half its time; a lost one stops here, before the chunk is stored.
    await deps.leases.keep();
    await deps.db.batch(statements);
    report.records += chunk.reduce((n, step) => n + stepCost(step), 0);
    report.done = allDone;
    if (!done) return report;
  }
  return report;
}

/** The chunk's own records, read by id: the record JSON of no other record is read or parsed. */
async function recordsOf(
  deps: Deps,
  dataflow: DataflowId,
  chunk: PreviewStep[],
): Promise<Record<Side, PreviewRecord[]>> {
  const out = { poweroffice: [], webshop: [] } as Record<Side, PreviewRecord[]>;
  for (const side of SIDES) {
    const ids = [...new Set(chunk.flatMap((s) => s.records.filter((r) => r.side === side).map((r) => r.id)))];
    if (ids.length > 0) out[side] = await readPreviewRecordsByIds(deps.db, dataflow, side, ids);
  }
  return out;
}
