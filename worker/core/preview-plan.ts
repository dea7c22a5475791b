/**
 * What the first sync would do with the records of one dataflow, as read whole from both systems before anything is
 * written (docs/sync-engine.md, "Preview"). The engine decides a record with no link in its feed's order: a partner
 * it names, the match key against every record of the other side, then the planner (plan.ts). This follows the same
 * rules over the same records, and every pair and every lone record goes through `planSync` itself, so the creates,
 * skips and first-link differences shown are the planner's own. The rules run over the key columns alone
 * (`partitionPreview`, preview-partition.ts); `planSteps` then plans any run of its steps from their own records, so
 * the worker spreads a large plan over several invocations; `planPreview` does both at once.
 *
 *   named partner read? ─ yes ─▶ link (by reference)       hand link ─▶ link (by hand)
 *   key ─ none ─▶ alone        other side with the key ─ 0 ─▶ alone: create, or skip when archived (the first only:
 *                                                              a later one of its side then finds that create taken)
 *                                                   ├─ 1 free, no rival on its own side ─▶ link (by the key)
 *                                                   └─ 2+, taken, or a rival ─▶ ambiguous (shown, never guessed)
 */
import { matchKeyOf } from "./match";
import { type Plan, planSync } from "./plan";
import type { LinkResolver, SideRecord } from "./ports";
import {
  ambiguousItem,
  describeKey,
  type PlanCreated,
  type PlannedPreviewItem,
  type PreviewKeys,
  type PreviewStep,
  partitionPreview,
  type Ref,
  ref,
  SIDE_NAME,
} from "./preview-partition";
import { type CanonicalValue, type ConflictPolicy, type DataflowId, otherSide, SIDES, type Side } from "./types";
import { sameValue } from "./values";

export interface PreviewRecord extends SideRecord {
  /** The other side's record this one says it was created from or linked to (SidePort.originOf). */
  origin: string | null;
  /** A short name for the admin: name, e-mail, SKU, order number. */
  label: string;
}

export interface PreviewPlanInput {
  dataflow: DataflowId;
  /** Each side's records in the order its feed answered them. */
  records: Record<Side, PreviewRecord[]>;
  /** Pairs an admin linked by hand before the first sync. */
  handLinks: Array<Record<Side, string>>;
  policy: ConflictPolicy;
  now: number;
}

/**
 * References (an order's customer, a line's product) count as resolvable: the first sync links or creates those
 * records before the order, so an order is planned as it will be once they are.
 */
const PREVIEW_RESOLVER: LinkResolver = {
  linkIdOf: (_dataflow, _side, id) => `link:preview-${id}`,
  sideIdOf: (linkId) => linkId.replace(/^link:preview-/, ""),
};

export interface PlanStepsInput {
  dataflow: DataflowId;
  steps: PreviewStep[];
  /** The records the steps name (at least), as read. */
  records: Record<Side, PreviewRecord[]>;
  /** What earlier chunks created; not changed (the answer has the new one). */
  created: PlanCreated;
  policy: ConflictPolicy;
  now: number;
}

/** The items of a run of steps, in order: `planSync` for each pair and lone record. */
export function planSteps(input: PlanStepsInput): { items: PlannedPreviewItem[]; created: PlanCreated } {
  const byId = { poweroffice: new Map<string, PreviewRecord>(), webshop: new Map<string, PreviewRecord>() };
  for (const side of SIDES) for (const record of input.records[side]) byId[side].set(record.id, record);
  const find = ({ side, id }: Ref) => {
    const record = byId[side].get(id);
    if (!record) throw new Error(`the plan of ${input.dataflow} needs the ${side} record ${id}, which was not given`);
    return record;
  };
  const created: PlanCreated = { ...input.created };
  const items: PlannedPreviewItem[] = [];
  for (const step of input.steps) {
    if (step.kind === "ambiguous") {
      items.push(step.item);
      continue;
    }
    if (step.kind === "pair") {
      items.push(linkItem(input, find(step.records[0]!), find(step.records[1]!), step.matchedBy));
      continue;
    }
    const { side, id } = step.records[0]!;
    const slot = step.key === null ? null : `${side}|${step.key}`;
    const earlier = slot === null ? undefined : created[slot];
    if (earlier && step.key !== null) {
      const other = otherSide(side);
      items.push(
        ambiguousItem(
          input.dataflow,
          side,
          { id, label: step.label },
          [{ side, id: earlier.id, label: earlier.label }],
          {
            reason: `It matches ${describeKey(step.key)}, but the first sync creates ${earlier.label} (${earlier.id}) of its own side in ${SIDE_NAME[other]} with that key first. Link the right one by hand, or change one of them.`,
          },
        ),
      );
      continue;
    }
    const record = find(step.records[0]!);
    const item = aloneItem(input, side, record);
    if (item.action !== "skip" && slot !== null && step.shared) created[slot] = { id, label: record.label };
    items.push(item);
  }
  return { items, created };
}

/** The whole plan of a dataflow at once: the partition, then every step. */
export function planPreview(input: PreviewPlanInput): PlannedPreviewItem[] {
  const { dataflow } = input;
  const keys = {} as Record<Side, PreviewKeys[]>;
  for (const side of SIDES) {
    keys[side] = input.records[side].map((r) => ({
      id: r.id,
      matchKey: matchKeyOf(dataflow, side, r.raw),
      origin: r.origin,
      label: r.label,
    }));
  }
  const steps = partitionPreview({ dataflow, records: keys, handLinks: input.handLinks });
  return planSteps({ ...input, steps, created: {} }).items;
}

/** The record as the planner needs it: a PowerOffice order from the feed is a header without its lines. */
function whole(dataflow: DataflowId, side: Side, record: PreviewRecord): SideRecord {
  if (!(dataflow === "orders" && side === "poweroffice" && record.partial)) return record;
  const raw = record.raw as Record<string, unknown>;
  return { ...record, partial: false, raw: { ...raw, SalesOrderLines: raw.SalesOrderLines ?? [] } };
}

type PlanContext = Pick<PreviewPlanInput, "dataflow" | "policy" | "now">;

function plan(input: PlanContext, records: Record<Side, PreviewRecord | null>): Plan {
  const dataflow = input.dataflow;
  return planSync({
    dataflow,
    link: null,
    records: {
      poweroffice: records.poweroffice ? whole(dataflow, "poweroffice", records.poweroffice) : null,
      webshop: records.webshop ? whole(dataflow, "webshop", records.webshop) : null,
    },
    policy: input.policy,
    resolver: PREVIEW_RESOLVER,
    now: input.now,
  });
}

/** A record with no partner: what the planner does with it (a create on the other side, or a skip). */
function aloneItem(input: PlanContext, side: Side, record: PreviewRecord): PlannedPreviewItem {
  const planned = plan(input, {
    poweroffice: side === "poweroffice" ? record : null,
    webshop: side === "webshop" ? record : null,
  });
  const create = planned.writes.find((w) => w.op === "create");
  const base = {
    dataflow: input.dataflow,
    matchedBy: null,
    poweroffice: side === "poweroffice" ? ref(record) : null,
    webshop: side === "webshop" ? ref(record) : null,
    candidates: [],
    differences: [],
  };
  if (create) {
    return {
      ...base,
      action: create.side === "poweroffice" ? "create-in-poweroffice" : "create-in-webshop",
      reason: null,
    };
  }
  const said = planned.error?.message ?? planned.activity.find((a) => a.action === "skipped")?.message;
  return { ...base, action: "skip", reason: said ?? "It is archived and has no partner: it is not created." };
}

/** Two records the first sync links: the planner's first-link merge says which properties differ and who wins. */
function linkItem(input: PlanContext, po: PreviewRecord, shop: PreviewRecord, matchedBy: string) {
  const planned = plan(input, { poweroffice: po, webshop: shop });
  const differences: PlannedPreviewItem["differences"] = [];
  const matched = planned.activity.find((a) => a.action === "matched");
  for (const [property, [poValue, shopValue]] of Object.entries(matched?.changes ?? {})) {
    const kept = planned.snapshots.webshop?.[property];
    differences.push({
      property,
      poweroffice: shown(poValue),
      webshop: shown(shopValue),
      winner: sameValue(kept, poValue) ? "poweroffice" : "webshop",
    });
  }
  return {
    dataflow: input.dataflow,
    action: "link" as const,
    matchedBy,
    poweroffice: ref(po),
    webshop: ref(shop),
    candidates: [],
    reason: planned.error?.message ?? null,
    differences,
  };
}

function shown(value: CanonicalValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}
