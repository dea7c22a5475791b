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

export function planPreview(input: PreviewPlanInput): PlannedPreviewItem[] {
  const { dataflow } = input;
  const byId = { poweroffice: new Map<string, PreviewRecord>(), webshop: new Map<string, PreviewRecord>() };
  for (const side of SIDES) for (const record of input.records[side]) byId[side].set(record.id, record);
  const items: PlannedPreviewItem[] = [];
  const paired = { poweroffice: new Set<string>(), webshop: new Set<string>() };
  const pair = (po: PreviewRecord, shop: PreviewRecord, matchedBy: string) => {
    paired.poweroffice.add(po.id);
    paired.webshop.add(shop.id);
    items.push(linkItem(input, po, shop, matchedBy));
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

  const keyOf = (side: Side, record: PreviewRecord) => matchKeyOf(dataflow, side, record.raw);
  const withKey = { poweroffice: new Map<string, PreviewRecord[]>(), webshop: new Map<string, PreviewRecord[]>() };
  for (const side of SIDES) {
    for (const record of input.records[side]) {
      const key = keyOf(side, record);
      if (key === null) continue;
      const list = withKey[side].get(key) ?? [];
      list.push(record);
      withKey[side].set(key, list);
    }
  }
  // A key whose first lone record was created on the other side: the next one of its side finds that create taken.
  const createdFor = { poweroffice: new Map<string, PreviewRecord>(), webshop: new Map<string, PreviewRecord>() };
  const linkedByKey = new Set<string>();

  // The engine's order: PowerOffice's feed first, then the shop's (dependency order within a dataflow).
  for (const side of SIDES) {
    const other = otherSide(side);
    for (const record of input.records[side]) {
      if (paired[side].has(record.id) || linkedByKey.has(`${side}:${record.id}`)) continue;
      const key = keyOf(side, record);
      if (key === null) {
        items.push(aloneItem(input, side, record));
        continue;
      }
      const pool = withKey[other].get(key) ?? [];
      const rivals = (withKey[side].get(key) ?? []).filter((r) => r.id !== record.id && !paired[side].has(r.id));
      const earlier = createdFor[side].get(key);
      if (pool.length === 0 && !earlier) {
        const item = aloneItem(input, side, record);
        if (item.action !== "skip") createdFor[side].set(key, record);
        items.push(item);
        continue;
      }
      const words = describeKey(key);
      if (pool.length === 0 && earlier) {
        items.push(
          ambiguousItem(input, side, record, [{ side, id: earlier.id, label: earlier.label }], {
            reason: `It matches ${words}, but the first sync creates ${earlier.label} (${earlier.id}) of its own side in ${SIDE_NAME[other]} with that key first. Link the right one by hand, or change one of them.`,
          }),
        );
        continue;
      }
      const only = pool.length === 1 ? pool[0]! : null;
      if (only && !paired[other].has(only.id) && rivals.length === 0) {
        const po = side === "poweroffice" ? record : only;
        const shop = side === "poweroffice" ? only : record;
        linkedByKey.add(`${other}:${only.id}`);
        items.push(linkItem(input, po, shop, KEY_WORDS[key.slice(0, key.indexOf(":"))] ?? "match key"));
        continue;
      }
      const candidates = [
        ...pool.map((r) => ({ side: other, id: r.id, label: r.label })),
        ...rivals.map((r) => ({ side, id: r.id, label: r.label })),
      ];
      const taken = only && paired[other].has(only.id);
      items.push(
        ambiguousItem(input, side, record, candidates, {
          reason: taken
            ? `It matches ${words}, but ${SIDE_NAME[other]}'s ${only.label} (${only.id}) is already linked to another record. Link by hand if they belong together.`
            : `${candidates.length + 1} records share ${words}: none is guessed. Link the right ones by hand.`,
        }),
      );
    }
  }
  return items;
}

export const SIDE_NAME: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "the webshop" };

function describeKey(key: string): string {
  const at = key.indexOf(":");
  const field = KEY_WORDS[key.slice(0, at)] ?? "match key";
  return `the ${field} ${key.slice(at + 1)}`;
}

const ref = (record: PreviewRecord) => ({ id: record.id, label: record.label });

/** The record as the planner needs it: a PowerOffice order from the feed is a header without its lines. */
function whole(dataflow: DataflowId, side: Side, record: PreviewRecord): SideRecord {
  if (!(dataflow === "orders" && side === "poweroffice" && record.partial)) return record;
  const raw = record.raw as Record<string, unknown>;
  return { ...record, partial: false, raw: { ...raw, SalesOrderLines: raw.SalesOrderLines ?? [] } };
}

function plan(input: PreviewPlanInput, records: Record<Side, PreviewRecord | null>): Plan {
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
function aloneItem(input: PreviewPlanInput, side: Side, record: PreviewRecord): PlannedPreviewItem {
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
  input: PreviewPlanInput,
  side: Side,
  record: PreviewRecord,
  candidates: PlannedPreviewItem["candidates"],
  { reason }: { reason: string },
): PlannedPreviewItem {
  return {
    dataflow: input.dataflow,
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
function linkItem(input: PreviewPlanInput, po: PreviewRecord, shop: PreviewRecord, matchedBy: string) {
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
