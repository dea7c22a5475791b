/**
 * Order lines merged as keyed sub-records. Lines are paired through their ids (the shop line's
 * external_ids.poweroffice_sales_order_line = the PowerOffice line Id, or the PowerOffice line's
 * ExternalImportReference = the shop line's reference), in the current records and in both snapshots, so a line
 * added, removed, changed or moved on one side is added, removed, changed or moved on the other.
 */
import { LINE_ID, LINE_REF } from "./canonical";
import { SIDE_NAME } from "./conversions";
import type { LinesDefinition } from "./dataflows/definition";
import { type MergeContext, mergeRecord, writesInto } from "./merge";
import { applyFallbacks } from "./payloads";
import type { Canonical, CanonicalValue, Conflict, Side } from "./types";
import { SIDES } from "./types";

const PO_ID = "external_ids.poweroffice_sales_order_line";

interface Slot {
  current: Partial<Record<Side, Canonical>>;
  snapshot: Partial<Record<Side, Canonical>>;
  index: number;
}

export interface LinesOutcome {
  desired: Record<Side, Canonical[]>;
  /** What to store as each side's lines snapshot (held properties keep their old values). */
  snapshots: Record<Side, Canonical[]>;
  conflicts: Conflict[];
  differences: Record<string, [CanonicalValue, CanonicalValue]>;
  /** Lines removed because one side removed them: where they were removed, in words. */
  removed: Array<{ side: Side; message: string }>;
}

const keysOf = (line: Canonical): string[] => {
  const keys: string[] = [];
  if (typeof line[PO_ID] === "string") keys.push(`po:${line[PO_ID]}`);
  if (typeof line[LINE_REF] === "string") keys.push(`ref:${line[LINE_REF]}`);
  return keys;
};

/** Groups every line (current and snapshot, both sides) into slots: one slot per line pair. */
function pairLines(current: Record<Side, Canonical[]>, snapshots: Record<Side, Canonical[] | null>): Slot[] {
  const slots: Slot[] = [];
  const byKey = new Map<string, Slot>();
  const place = (side: Side, kind: "current" | "snapshot", line: Canonical) => {
    const keys = keysOf(line);
    let slot = keys.map((k) => byKey.get(k)).find((s) => s && !s[kind][side]);
    if (!slot) {
      slot = { current: {}, snapshot: {}, index: slots.length };
      slots.push(slot);
    }
    slot[kind][side] = line;
    for (const k of keys) if (!byKey.has(k)) byKey.set(k, slot);
  };
  for (const side of SIDES) for (const line of current[side]) place(side, "current", line);
  for (const side of SIDES) for (const line of snapshots[side] ?? []) place(side, "snapshot", line);
  return slots;
}

/** First link only: lines of one side with no partner are paired with the other side's by product, then text. */
function pairByContent(slots: Slot[]): Slot[] {
  const lonely = (side: Side) =>
    slots.filter((s) => s.current[side] && !s.current[side === "webshop" ? "poweroffice" : "webshop"]);
  const shop = lonely("webshop");
  const merged = new Set<Slot>();
  for (const field of ["product_id", "description"]) {
    for (const po of lonely("poweroffice")) {
      if (merged.has(po)) continue;
      const value = po.current.poweroffice?.[field];
      const match = shop.find((s) => !merged.has(s) && value != null && s.current.webshop?.[field] === value);
      if (!match) continue;
      po.current.webshop = match.current.webshop;
      merged.add(match);
      merged.add(po);
    }
  }
  return slots.filter((s) => !merged.has(s) || s.current.poweroffice);
}

/** A new line for `target`, built from the source line: only the properties written into `target`. */
export function newLine(def: LinesDefinition, target: Side, line: Canonical): Canonical {
  const out: Canonical = { [LINE_ID]: null, [LINE_REF]: target === "poweroffice" ? (line[LINE_REF] ?? null) : null };
  for (const mapping of def.properties) {
    if (mapping.only) continue;
    out[mapping.property] = writesInto(mapping, target) ? (line[mapping.property] ?? null) : null;
  }
  return out;
}

export function mergeLines(
  def: LinesDefinition,
  current: Record<Side, Canonical[]>,
  snapshots: Record<Side, Canonical[] | null>,
  ctx: MergeContext,
): LinesOutcome {
  const firstLink = snapshots.poweroffice === null || snapshots.webshop === null;
  let slots = pairLines(current, snapshots);
  if (firstLink) slots = pairByContent(slots);
  const out: LinesOutcome = {
    desired: { poweroffice: [], webshop: [] },
    snapshots: { poweroffice: [], webshop: [] },
    conflicts: [],
    differences: {},
    removed: [],
  };
  const kept: Array<{ slot: Slot; lines: Record<Side, Canonical>; stored: Record<Side, Canonical>; fresh: boolean }> =
    [];
  for (const slot of slots) {
    const po = slot.current.poweroffice;
    const ws = slot.current.webshop;
    const name = lineName(slot);
    if (po && ws) {
      const snaps = { poweroffice: slot.snapshot.poweroffice ?? null, webshop: slot.snapshot.webshop ?? null };
      const merged = mergeRecord(def.properties, { poweroffice: po, webshop: ws }, snaps, {
        ...ctx,
        label: (p) => `lines[${name}].${p}`,
        neverHeld: new Set(["position"]),
      });
      out.conflicts.push(...merged.conflicts);
      Object.assign(out.differences, merged.differences);
      const stored = { poweroffice: { ...merged.desired.poweroffice }, webshop: { ...merged.desired.webshop } };
      for (const p of merged.held) for (const side of SIDES) stored[side][p] = snaps[side]?.[p] ?? null;
      kept.push({ slot, lines: merged.desired, stored, fresh: false });
      continue;
    }
    const present: Side | null = po ? "poweroffice" : ws ? "webshop" : null;
    if (present === null) continue;
    const other: Side = present === "poweroffice" ? "webshop" : "poweroffice";
    if (!firstLink && slot.snapshot[other]) {
      out.removed.push({ side: other, message: `line ${name} removed in ${sideName(other)}` });
      continue;
    }
    const line = slot.current[present]!;
    const lines = { [present]: line, [other]: newLine(def, other, line) } as Record<Side, Canonical>;
    kept.push({ slot, lines, stored: lines, fresh: true });
  }
  // One order for both sides: by merged position, existing lines before new ones, then as first seen.
  kept.sort(
    (a, b) =>
      Number(a.lines.poweroffice.position ?? 0) - Number(b.lines.poweroffice.position ?? 0) ||
      Number(a.fresh) - Number(b.fresh) ||
      a.slot.index - b.slot.index,
  );
  kept.forEach((entry, i) => {
    for (const side of SIDES) {
      const desired = { ...entry.lines[side], position: i + 1 };
      const stored = { ...entry.stored[side], position: i + 1 };
      applyFallbacks(def, side, desired);
      applyFallbacks(def, side, stored);
      out.desired[side].push(desired);
      out.snapshots[side].push(stored);
    }
  });
  return out;
}

const sideName = (side: Side) => SIDE_NAME[side];

/** How a line is named in conflicts and messages: its shop id, else its PowerOffice id. */
function lineName(slot: Slot): string {
  const ws = slot.current.webshop ?? slot.snapshot.webshop;
  const po = slot.current.poweroffice ?? slot.snapshot.poweroffice;
  return String(ws?.[LINE_ID] ?? po?.[LINE_ID] ?? po?.[LINE_REF] ?? "new");
}

/**
 * The record after a write holds a line the record before did not (lines created by calls of their own, as
 * PowerOffice's are): its new id still has to go back to the other side.
 */
export function madeNewLines(before: Canonical, after: Canonical): boolean {
  const ids = (record: Canonical) =>
    Array.isArray(record.lines) ? (record.lines as Canonical[]).map((line) => line[LINE_ID] ?? null) : [];
  const known = new Set(ids(before));
  return ids(after).some((id) => id !== null && !known.has(id));
}
