/**
 * What the first sync would do with the records of one dataflow, as read whole from both systems before anything is
 * written (docs/sync-engine.md, "Preview"). The engine decides a record with no link in its feed's order: a partner
 * it names, the match key against every record of the other side, then the planner (plan.ts). This follows the same
 * rules over the same records, and every pair and every lone record goes through `planSync` itself, so the creates,
 * skips and first-link differences shown are the planner's own.
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
import { type CanonicalValue, type ConflictPolicy, type DataflowId, otherSide, SIDES, type Side } from "./types";
import { sameValue } from "./values";

export type PreviewItemAction = "link" | "create-in-poweroffice" | "create-in-webshop" | "ambiguous" | "skip";

export interface PreviewRecord extends SideRecord {
  /** The other side's record this one says it was created from or linked to (SidePort.originOf). */
  origin: string | null;
  /** A short name for the admin: name, e-mail, SKU, order number. */
  label: string;
}

export interface PlannedPreviewItem {
  dataflow: DataflowId;
  action: PreviewItemAction;
  matchedBy: string | null;
  poweroffice: { id: string; label: string } | null;
  webshop: { id: string; label: string } | null;
  candidates: Array<{ side: Side; id: string; label: string }>;
  reason: string | null;
  differences: Array<{ property: string; poweroffice: string | null; webshop: string | null; winner: Side }>;
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

const KEY_WORDS: Record<string, string> = {
  email: "e-mail",
  organization_number: "organization number",
  department_code: "department code",
  sku: "SKU",
};

/** What the partition reads of a record: its key columns and its label, never the record itself. */
export interface PreviewKeys {
  id: string;
  matchKey: string | null;
  origin: string | null;
  label: string;
}

type Ref = { side: Side; id: string };

/**
 * One item of the plan as the partition decides it. A pair and a lone record still go through `planSync` (`planSteps`);
 * an ambiguous one is whole. `records` are the records whose JSON the step needs.
 */
export type PreviewStep =
  | { kind: "pair"; records: Ref[]; matchedBy: string }
  /**
   * A record no record of the other side can match: created, or skipped in the planner's words. `shared`: a later lone
   * record of its side has its key, and finds this one's create taken (so a create is remembered in `PlanCreated`).
   */
  | { kind: "alone"; records: Ref[]; label: string; key: string | null; shared: boolean }
  | { kind: "ambiguous"; records: []; item: PlannedPreviewItem };

/** Per side and key shared by lone records, the first one created so far: carried from one chunk to the next. */
export type PlanCreated = Record<string, { id: string; label: string }>;

/** The records a step plans from: its JSON is read for these, so a chunk is sized by them (an ambiguous one counts 1). */
export const stepCost = (step: PreviewStep) => Math.max(1, step.records.length);

export interface PartitionInput {
  dataflow: DataflowId;
  /** Each side's records in the order its feed answered them. */
  records: Record<Side, PreviewKeys[]>;
  handLinks: Array<Record<Side, string>>;
}

/**
 * The first sync's matching rules over the key columns alone, in the order it meets the records: cheap enough for a
 * whole dataflow in one invocation, so only `planSync` (the costly part) is spread over several.
 */
export function partitionPreview(input: PartitionInput): PreviewStep[] {
  const { dataflow } = input;
  const byId = { poweroffice: new Map<string, PreviewKeys>(), webshop: new Map<string, PreviewKeys>() };
  for (const side of SIDES) for (const record of input.records[side]) byId[side].set(record.id, record);
  const steps: PreviewStep[] = [];
  const paired = { poweroffice: new Set<string>(), webshop: new Set<string>() };
  const pushPair = (po: PreviewKeys, shop: PreviewKeys, matchedBy: string) =>
    steps.push({
      kind: "pair",
      records: [
        { side: "poweroffice", id: po.id },
        { side: "webshop", id: shop.id },
      ],
      matchedBy,
    });
  const pair = (po: PreviewKeys, shop: PreviewKeys, matchedBy: string) => {
    paired.poweroffice.add(po.id);
    paired.webshop.add(shop.id);
    pushPair(po, shop, matchedBy);
  };

  for (const hand of input.handLinks) {
    const po = byId.poweroffice.get(hand.poweroffice);
    const shop = byId.webshop.get(hand.webshop);
    if (po && shop) pair(po, shop, "by hand");
    else {
      // Its partner is gone since: the admin's link still holds the one that is there, which is not matched again.
      if (po) paired.poweroffice.add(po.id);
      if (shop) paired.webshop.add(shop.id);
    }
  }
  for (const side of SIDES) {
    for (const record of input.records[side]) {
      if (paired[side].has(record.id) || record.origin === null) continue;
      const partner = byId[otherSide(side)].get(record.origin);
      if (!partner || paired[otherSide(side)].has(partner.id)) continue;
      if (side === "poweroffice") pair(record, partner, "reference");
      else pair(partner, record, "reference");
    }
  }

  const withKey = { poweroffice: new Map<string, PreviewKeys[]>(), webshop: new Map<string, PreviewKeys[]>() };
  for (const side of SIDES) {
    for (const record of input.records[side]) {
      if (record.matchKey === null) continue;
      const list = withKey[side].get(record.matchKey) ?? [];
      list.push(record);
      withKey[side].set(record.matchKey, list);
    }
  }
  // Lone records (no record of the other side has their key) per side and key: more than one shares the first's create.
  const lone = { poweroffice: new Map<string, number>(), webshop: new Map<string, number>() };
  const linkedByKey = new Set<string>();
  const aloneSteps: Array<{ side: Side; key: string; step: Extract<PreviewStep, { kind: "alone" }> }> = [];

  // The engine's order: PowerOffice's feed first, then the shop's (dependency order within a dataflow).
  for (const side of SIDES) {
    const other = otherSide(side);
    for (const record of input.records[side]) {
      if (paired[side].has(record.id) || linkedByKey.has(`${side}:${record.id}`)) continue;
      const key = record.matchKey;
      const pool = key === null ? [] : (withKey[other].get(key) ?? []);
      if (key === null || pool.length === 0) {
        const step = {
          kind: "alone" as const,
          records: [{ side, id: record.id }],
          label: record.label,
          key,
          shared: false,
        };
        if (key !== null) {
          lone[side].set(key, (lone[side].get(key) ?? 0) + 1);
          aloneSteps.push({ side, key, step });
        }
        steps.push(step);
        continue;
      }
      const rivals = (withKey[side].get(key) ?? []).filter((r) => r.id !== record.id && !paired[side].has(r.id));
      const only = pool.length === 1 ? pool[0]! : null;
      if (only && !paired[other].has(only.id) && rivals.length === 0) {
        const po = side === "poweroffice" ? record : only;
        const shop = side === "poweroffice" ? only : record;
        linkedByKey.add(`${other}:${only.id}`);
        pushPair(po, shop, KEY_WORDS[key.slice(0, key.indexOf(":"))] ?? "match key");
        continue;
      }
      const candidates = [
        ...pool.map((r) => ({ side: other, id: r.id, label: r.label })),
        ...rivals.map((r) => ({ side, id: r.id, label: r.label })),
      ];
      const words = describeKey(key);
      const taken = only && paired[other].has(only.id);
      steps.push({
        kind: "ambiguous",
        records: [],
        item: ambiguousItem(dataflow, side, record, candidates, {
          reason: taken
            ? `It matches ${words}, but ${SIDE_NAME[other]}'s ${only.label} (${only.id}) is already linked to another record. Link by hand if they belong together.`
            : `${candidates.length + 1} records share ${words}: none is guessed. Link the right ones by hand.`,
        }),
      });
    }
  }
  for (const { side, key, step } of aloneSteps) step.shared = (lone[side].get(key) ?? 0) > 1;
  return steps;
}

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

export const SIDE_NAME: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "the webshop" };

function describeKey(key: string): string {
  const at = key.indexOf(":");
  const field = KEY_WORDS[key.slice(0, at)] ?? "match key";
  return `the ${field} ${key.slice(at + 1)}`;
}

const ref = (record: { id: string; label: string }) => ({ id: record.id, label: record.label });

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

function ambiguousItem(
  dataflow: DataflowId,
  side: Side,
  record: { id: string; label: string },
  candidates: PlannedPreviewItem["candidates"],
  { reason }: { reason: string },
): PlannedPreviewItem {
  return {
    dataflow,
    action: "ambiguous",
    matchedBy: null,
    poweroffice: side === "poweroffice" ? ref(record) : null,
    webshop: side === "webshop" ? ref(record) : null,
    candidates,
    reason,
    differences: [],
  };
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
