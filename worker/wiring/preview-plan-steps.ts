/**
 * The preview's plan in steps (docs/sync-engine.md, "Preview"): `planSync` costs some 20–30 µs of CPU a record, so a
 * dataflow's plan is spread over as many invocations as it needs, each within `deps.previewPlanChunk` records. First
 * the partition (the matching rules over the key columns, about a tenth of that a record) splits the dataflow's steps
 * into parts of at most a chunk each, stored as settings; then each invocation plans the next part from its own
 * records' JSON. Per dataflow a setting says how far it is; every batch holds the new position and fails when the
 * position moved since it was read, so a part planned twice (two runs at once) adds its items once.
 *
 *   per dataflow not done: no parts? ─▶ partition ─▶ one batch: parts, old items deleted, position
 *     └ next part ─▶ its records by id ─▶ planSteps ─▶ one batch: items appended, part deleted, position (last: ready)
 */
import { type PlanCreated, type PreviewStep, partitionPreview, stepCost } from "../core/preview-partition";
import { type PreviewRecord, planSteps } from "../core/preview-plan";
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
const partKey = (dataflow: DataflowId, part: number) => `preview:plan:${dataflow}:${part}`;
/** Every setting of the plan in steps (positions and parts), for a read from the start. */
export const PLAN_KEYS_LIKE = "preview:plan:%";

/**
 * How far a dataflow is planned: its parts (null until partitioned), the next one, what earlier parts created of
 * keys lone records share, whether it is done.
 */
export interface PlanPosition {
  parts: number | null;
  part: number;
  done: boolean;
  created: PlanCreated;
}

export const PLAN_START: PlanPosition = { parts: null, part: 0, done: false, created: {} };

export function positionOf(text: string | null | undefined): PlanPosition {
  if (!text) return PLAN_START;
  try {
    const value = JSON.parse(text) as Partial<PlanPosition>;
    return {
      parts: typeof value.parts === "number" ? value.parts : null,
      part: Number(value.part ?? 0),
      done: value.done === true,
      created: value.created ?? {},
    };
  } catch {
    return PLAN_START;
  }
}

/**
 * What the partition counts against the chunk: a record's key columns cost about a tenth of its `planSync` (1.8 µs
 * against 18 µs a record, node, warm), so a dataflow of ten times the chunk is partitioned in one invocation.
 */
const PARTITION_RECORDS_PER_UNIT = 10;

/** Ids read per statement (readPreviewRecordsByIds). */
const IDS_PER_READ = 98;

/**
 * An invocation's subrequests for a part: its position and part read, its records by id (per side), the lease kept,
 * the batch, and one to spare. A partition needs fewer: the keys and the hand links, the lease, the batch.
 */
export const planChunkCost = (records: number) => 5 + 2 * Math.ceil(Math.max(1, records) / IDS_PER_READ) + 1;

export interface PlanReport {
  /** Records planned by `planSync` in this invocation (a pair counts two). */
  records: number;
  /** Every dataflow is planned: the preview is ready (readAt set in the last batch). */
  done: boolean;
}

/** The steps in parts of at most `chunk` records each (a step bigger than that alone). */
function partsOf(steps: PreviewStep[], chunk: number): PreviewStep[][] {
  const parts: PreviewStep[][] = [];
  let part: PreviewStep[] = [];
  let cost = 0;
  for (const step of steps) {
    if (part.length > 0 && cost + stepCost(step) > chunk) {
      parts.push(part);
      part = [];
      cost = 0;
    }
    part.push(step);
    cost += stepCost(step);
  }
  if (part.length > 0) parts.push(part);
  return parts;
}

/** Plans on from where the last invocation stopped, as far as this one's chunk and budget allow. */
export async function planInSteps(deps: Deps, firstSync: FirstSyncRecord): Promise<PlanReport> {
  const report: PlanReport = { records: 0, done: false };
  const stored = await deps.store.settings.getMany(DATAFLOWS.map(planKey));
  const positions = new Map(DATAFLOWS.map((d) => [d, positionOf(stored[planKey(d)])]));
  const texts = new Map(DATAFLOWS.map((d) => [d, stored[planKey(d)] ?? null]));
  /** The chunk's records used so far in this invocation, the partitions' share included. */
  let used = 0;
  const store = async (dataflow: DataflowId, next: PlanPosition, statements: D1PreparedStatement[]) => {
    const allDone = DATAFLOWS.every((d) => (d === dataflow ? next : positions.get(d)!).done);
    const batch = [
      // Fails the batch when another invocation moved the position since it was read: its work is in already.
      planPositionGuard(deps.db, planKey(dataflow), texts.get(dataflow) ?? null),
      ...statements,
      setting(deps, planKey(dataflow), JSON.stringify(next)),
    ];
    if (allDone) {
      const ready: FirstSyncRecord = { ...firstSync, readAt: new Date(deps.now()).toISOString() };
      batch.push(setting(deps, FIRST_SYNC_KEY, JSON.stringify(ready)));
    }
    // The lease this runs under is renewed past half its time; a lost one stops here, before anything is stored.
    await deps.leases.keep();
    await deps.db.batch(batch);
    positions.set(dataflow, next);
    texts.set(dataflow, JSON.stringify(next));
    report.done = allDone;
  };
  for (const dataflow of DATAFLOWS) {
    for (;;) {
      const position = positions.get(dataflow)!;
      if (position.done) break;
      const left = deps.previewPlanChunk - used;
      if (left <= 0 || deps.budget.remaining() < planChunkCost(left)) return report;
      if (position.parts === null) {
        const keys = await readPreviewKeys(deps.db, dataflow);
        const cost = Math.ceil((keys.poweroffice.length + keys.webshop.length) / PARTITION_RECORDS_PER_UNIT);
        // A partition is not split: a large one has an invocation to itself.
        if (used > 0 && cost > left) return report;
        const steps = partitionPreview({ dataflow, records: keys, handLinks: await linkedPairs(deps.db, dataflow) });
        const parts = partsOf(steps, deps.previewPlanChunk);
        await store(dataflow, { parts: parts.length, part: 0, done: parts.length === 0, created: {} }, [
          deletePreviewItems(deps.db, dataflow),
          deps.db.prepare("DELETE FROM settings WHERE key LIKE ?").bind(`${planKey(dataflow)}:%`),
          ...parts.map((part, i) => setting(deps, partKey(dataflow, i), JSON.stringify(part))),
        ]);
        used += Math.max(1, cost);
        continue;
      }
      const text = await deps.store.settings.get(partKey(dataflow, position.part));
      const steps = text ? (JSON.parse(text) as PreviewStep[]) : [];
      const cost = steps.reduce((n, step) => n + stepCost(step), 0);
      if (used > 0 && cost > left) return report;
      const records = await recordsOf(deps, dataflow, steps);
      const policy = deps.sync.ok ? deps.sync.config.conflictPolicy : "newest-wins";
      const planned = planSteps({ dataflow, steps, records, created: position.created, policy, now: deps.now() });
      const done = position.part + 1 >= position.parts;
      const rows: ItemRow[] = planned.items.map(toItem).map((item) => ({
        dataflow,
        action: item.action,
        differing: item.differences.length > 0,
        searchText: searchText(item),
        item,
      }));
      await store(
        dataflow,
        { parts: position.parts, part: position.part + 1, done, created: done ? {} : planned.created },
        [
          ...appendPreviewItems(deps.db, rows),
          deps.db.prepare("DELETE FROM settings WHERE key = ?").bind(partKey(dataflow, position.part)),
        ],
      );
      used += cost;
      report.records += cost;
    }
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
