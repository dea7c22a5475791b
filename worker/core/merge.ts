/**
 * Three-way merge of one record's properties against each side's last synced snapshot (docs/sync-engine.md,
 * "Change detection and merge"), honouring each property's direction, the conflict policy and the first-link rule.
 *
 *   changed on neither side ─▶ nothing          changed on one side ─▶ copy it to the other
 *   changed on both, same value ─▶ nothing     changed on both, differently ─▶ conflict ─▶ policy
 *   no snapshot (first link) ─▶ filled beats empty; both filled and different ─▶ PowerOffice wins
 */

import { SIDE_NAME } from "./conversions";
import type { PropertyMapping } from "./dataflows/definition";
import type { Canonical, CanonicalValue, Conflict, ConflictPolicy, Side } from "./types";
import { isEmpty, sameValue, show } from "./values";

export interface MergeContext {
  policy: ConflictPolicy;
  /** When each side's record last changed (epoch ms), for `newest-wins`. */
  changedAt: Record<Side, number>;
  /** An admin's choice per property as conflicts name it (a resolved `manual` conflict): that side's value wins. */
  resolutions?: Readonly<Record<string, Side>>;
  /** The name a property is reported under (lines prefix theirs with the line). */
  label?: (property: string) => string;
  /** Conflicts on these properties cannot wait for an admin: `manual` falls back to `newest-wins` (line positions). */
  neverHeld?: ReadonlySet<string>;
}

export interface MergeOutcome {
  /** Each side's canonical as it should be after the writes. */
  desired: Record<Side, Canonical>;
  /** Properties left alone because a `manual` conflict waits: their snapshots keep the old values. */
  held: string[];
  conflicts: Conflict[];
  /** First link only: the properties that differed, [PowerOffice, webshop]. */
  differences: Record<string, [CanonicalValue, CanonicalValue]>;
}

export const writesInto = (mapping: PropertyMapping, side: Side): boolean =>
  mapping.only !== "compare" &&
  (mapping.direction === "both" || mapping.direction === (side === "webshop" ? "to-webshop" : "to-poweroffice"));

const sourceOf = (mapping: PropertyMapping): Side | null =>
  mapping.direction === "to-webshop" ? "poweroffice" : mapping.direction === "to-poweroffice" ? "webshop" : null;

/** Merges `properties` (compare-only and create-only ones are left as they are). */
export function mergeRecord(
  properties: readonly PropertyMapping[],
  current: Record<Side, Canonical>,
  snapshots: Record<Side, Canonical | null>,
  ctx: MergeContext,
): MergeOutcome {
  const desired = { poweroffice: { ...current.poweroffice }, webshop: { ...current.webshop } };
  const out: MergeOutcome = { desired, held: [], conflicts: [], differences: {} };
  const firstLink = snapshots.poweroffice === null || snapshots.webshop === null;
  for (const mapping of properties) {
    if (mapping.only) continue;
    const p = mapping.property;
    const po = current.poweroffice[p] ?? null;
    const ws = current.webshop[p] ?? null;
    if (sameValue(po, ws)) continue;
    const value: Record<Side, CanonicalValue> = { poweroffice: po, webshop: ws };
    const changed = (side: Side) => firstLink || !sameValue(value[side], snapshots[side]?.[p] ?? null);
    if (firstLink) out.differences[ctx.label?.(p) ?? p] = [po, ws];
    let from: Side | null;
    const source = sourceOf(mapping);
    if (source) {
      // One-way: the target follows its source, except that an empty source only clears it when it was emptied.
      from = isEmpty(value[source]) && (firstLink || !changed(source)) ? null : source;
    } else if (firstLink) {
      from = isEmpty(po) ? "webshop" : "poweroffice";
    } else if (changed("poweroffice") !== changed("webshop")) {
      from = changed("poweroffice") ? "poweroffice" : "webshop";
    } else if (!changed("poweroffice")) {
      from = null;
    } else {
      const conflict = resolveConflict(p, value, snapshots, ctx);
      out.conflicts.push(conflict);
      from = conflict.winner;
      if (from === null) out.held.push(p);
    }
    if (from !== null) desired[from === "poweroffice" ? "webshop" : "poweroffice"][p] = value[from];
  }
  return out;
}

function resolveConflict(
  property: string,
  value: Record<Side, CanonicalValue>,
  snapshots: Record<Side, Canonical | null>,
  ctx: MergeContext,
): Conflict {
  const base = snapshots.poweroffice?.[property] ?? snapshots.webshop?.[property] ?? null;
  const conflict = (winner: Side | null, reason: string): Conflict => ({
    property: ctx.label?.(property) ?? property,
    base,
    poweroffice: value.poweroffice,
    webshop: value.webshop,
    winner,
    policy: ctx.policy,
    reason,
  });
  const chosen = ctx.resolutions?.[ctx.label?.(property) ?? property];
  if (chosen) return conflict(chosen, `resolved by an admin: ${SIDE_NAME[chosen]}'s value ${show(value[chosen])} kept`);
  const policy = ctx.policy === "manual" && ctx.neverHeld?.has(property) ? "newest-wins" : ctx.policy;
  switch (policy) {
    case "poweroffice-wins":
      return conflict("poweroffice", "poweroffice-wins: PowerOffice's value kept");
    case "webshop-wins":
      return conflict("webshop", "webshop-wins: the webshop's value kept");
    case "manual":
      return conflict(null, "manual: neither value written until an admin chooses one");
    case "newest-wins": {
      const newer: Side = ctx.changedAt.webshop > ctx.changedAt.poweroffice ? "webshop" : "poweroffice";
      const older: Side = newer === "webshop" ? "poweroffice" : "webshop";
      if (isEmpty(value[newer]) && !isEmpty(value[older])) {
        return conflict(
          older,
          `newest-wins: ${SIDE_NAME[newer]} changed it later but emptied it, and an empty value never beats a filled one: ${SIDE_NAME[older]}'s value kept`,
        );
      }
      return conflict(newer, `newest-wins: ${SIDE_NAME[newer]} changed it later: its value kept`);
    }
  }
}
