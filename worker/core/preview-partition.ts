/**
 * The first half of the preview's plan (docs/sync-engine.md, "Preview"): the first sync's matching rules over the
 * key columns of a dataflow's records (no record JSON), giving the plan's steps in the order the first sync meets the
 * records. preview-plan.ts runs `planSync` for the steps that need it.
 */
import type { DataflowId, Side } from "./types";
import { otherSide, SIDES } from "./types";

export type PreviewItemAction = "link" | "create-in-poweroffice" | "create-in-webshop" | "ambiguous" | "skip";

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

export const KEY_WORDS: Record<string, string> = {
  email: "e-mail",
  organization_number: "organization number",
  department_code: "department code",
  sku: "SKU",
};

export const SIDE_NAME: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "the webshop" };

export function describeKey(key: string): string {
  const at = key.indexOf(":");
  const field = KEY_WORDS[key.slice(0, at)] ?? "match key";
  return `the ${field} ${key.slice(at + 1)}`;
}

export const ref = (record: { id: string; label: string }) => ({ id: record.id, label: record.label });

/** What the partition reads of a record: its key columns and its label, never the record itself. */
export interface PreviewKeys {
  id: string;
  matchKey: string | null;
  origin: string | null;
  label: string;
}

export type Ref = { side: Side; id: string };

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

export function ambiguousItem(
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
