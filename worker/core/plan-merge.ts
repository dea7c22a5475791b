/**
 * The plan for two present, linked (or just matched) records: three-way merge of the properties and the lines,
 * then one update per side for what differs from its current state, and an archive where `active` turns false.
 */
import { LINE_ID } from "./canonical";
import type { DataflowDefinition } from "./dataflows/definition";
import { type LinesOutcome, mergeLines } from "./lines";
import { type MergeContext, mergeRecord } from "./merge";
import { flagTotals } from "./order-totals";
import { applyFallbacks, type Changes, lineBody, updateBody } from "./payloads";
import { type PlanBuilder, sideName } from "./plan-builder";
import { cap } from "./plan-lifecycle";
import type { Plan } from "./plan-types";
import { type Canonical, type CanonicalValue, SIDES, type Side } from "./types";
import { sameValue, show } from "./values";

export function planMerge(plan: PlanBuilder, def: DataflowDefinition, current: Record<Side, Canonical>): Plan {
  const { link, records, policy, resolutions } = plan.input;
  if (def.id === "orders" && current.webshop.status === "cancelled") {
    const orderNo = current.poweroffice["external_ids.poweroffice_order_no"] ?? records.poweroffice!.id;
    return plan.fail(
      "order-cancelled-in-shop",
      `The webshop order ${records.webshop!.id} was cancelled in the shop. PowerOffice sales order ${orderNo} is not deleted by the sync: delete or credit it there.`,
      "webshop",
    );
  }
  const unresolved = plan.failOnUnresolved(SIDES);
  if (unresolved) return unresolved;
  const snapshots = link?.snapshots ?? { poweroffice: null, webshop: null };
  const firstLink = snapshots.poweroffice === null || snapshots.webshop === null;
  const ctx: MergeContext = {
    policy,
    resolutions,
    changedAt: { poweroffice: records.poweroffice!.changedAt, webshop: records.webshop!.changedAt },
  };
  const merged = mergeRecord(def.properties, current, snapshots, ctx);
  const desired = merged.desired;
  const conflicts = [...merged.conflicts];
  const differences = { ...merged.differences };
  let linesStored: Record<Side, Canonical[]> | null = null;
  const removed: LinesOutcome["removed"] = [];
  if (def.lines) {
    const lines = mergeLines(
      def.lines,
      { poweroffice: current.poweroffice.lines as Canonical[], webshop: current.webshop.lines as Canonical[] },
      {
        poweroffice: (snapshots.poweroffice?.lines ?? null) as Canonical[] | null,
        webshop: (snapshots.webshop?.lines ?? null) as Canonical[] | null,
      },
      ctx,
    );
    for (const side of SIDES) desired[side].lines = lines.desired[side];
    linesStored = lines.snapshots;
    conflicts.push(...lines.conflicts);
    Object.assign(differences, lines.differences);
    removed.push(...lines.removed);
  }
  for (const side of SIDES) applyFallbacks(def, side, desired[side]);

  for (const side of SIDES) {
    writeSide(plan, def, side, current[side], desired[side], removed);
    const failed = plan.failOnProblems(side);
    if (failed) return failed;
  }

  const stored = { poweroffice: { ...desired.poweroffice }, webshop: { ...desired.webshop } };
  const held = merged.held;
  for (const side of SIDES) {
    for (const p of held) stored[side][p] = snapshots[side]?.[p] ?? null;
    if (linesStored) stored[side].lines = linesStored[side];
  }
  plan.snapshots = stored;

  if (firstLink) {
    const names = Object.keys(differences);
    plan.log(
      link ? "linked" : "matched",
      null,
      `Linked ${plan.describe("poweroffice")} with ${plan.describe("webshop")}${names.length ? `; they differed in ${names.join(", ")}: a filled value beat an empty one, and where both were filled PowerOffice's value was kept` : "; they agreed in every property"}.`,
      differences,
    );
  }
  for (const conflict of conflicts) {
    plan.conflicts.push(conflict);
    const known = link?.openConflicts.some(
      (c) =>
        c.property === conflict.property &&
        sameValue(c.poweroffice, conflict.poweroffice) &&
        sameValue(c.webshop, conflict.webshop),
    );
    if (conflict.winner === null && known) continue;
    plan.log(
      "conflict",
      null,
      `${conflict.property} changed on both sides (PowerOffice ${show(conflict.poweroffice)}, webshop ${show(conflict.webshop)}): ${conflict.reason}.`,
      { [conflict.property]: [conflict.poweroffice, conflict.webshop] },
    );
  }
  if (def.id === "orders" && plan.writes.length === 0) flagTotals(plan, current, snapshots, firstLink);

  const open = conflicts.some((c) => c.winner === null);
  if (open) return plan.finish("conflict");
  const active = def.activeProperty;
  if (active && desired.poweroffice[active] === false && desired.webshop[active] === false)
    return plan.finish("archived");
  return plan.finish("linked");
}

/** One update for what differs on `side` (lines sent whole when any differ), then an archive if it turns inactive. */
function writeSide(
  plan: PlanBuilder,
  def: DataflowDefinition,
  side: Side,
  current: Canonical,
  desired: Canonical,
  removed: LinesOutcome["removed"],
): void {
  const { payload, changes } = updateBody(def, side, current, desired, plan.write);
  if (def.lines && !sameValue(current.lines, desired.lines)) {
    const have = (current.lines ?? []) as Canonical[];
    const want = desired.lines as Canonical[];
    const byId = new Map(have.map((line) => [line[LINE_ID], line]));
    payload[def.lines[side].path] = want.map((line) =>
      lineBody(def.lines!, side, line, byId.get(line[LINE_ID] ?? "\u0000"), plan.write),
    );
    Object.assign(changes, lineChanges(have, want));
  }
  let archive = false;
  const active = def.activeProperty;
  if (active && desired[active] === false && current[active] !== false) {
    const mapping = def.properties.find((m) => m.property === active)!;
    delete payload[(side === "poweroffice" ? mapping.poweroffice : mapping.webshop).split(".")[0]!];
    archive = true;
  }
  const updated = Object.fromEntries(Object.entries(changes).filter(([p]) => !(archive && p === active)));
  if (Object.keys(payload).length > 0) {
    const notes = removed.filter((r) => r.side !== side).map((r) => r.message);
    plan.writes.push({ side, op: "update", payload, changes: updated });
    plan.log(
      "updated",
      side,
      `Updated ${plan.describe(side)} in ${sideName(side)}: ${Object.keys(updated).join(", ")}${notes.length ? ` (${notes.join("; ")})` : ""}.`,
      updated,
    );
  }
  if (archive) {
    const archiveChanges: Changes = { [active!]: [current[active!] ?? null, false] };
    plan.writes.push({ side, op: "archive", payload: { ...def.archive![side] }, changes: archiveChanges });
    plan.log("archived", side, `${cap(plan.describe(side))} archived, as its partner was.`, archiveChanges);
  }
}

/** Per line: "lines[<id>]" added (null → line), removed (line → null) or changed (line → line). */
function lineChanges(have: Canonical[], want: Canonical[]): Changes {
  const changes: Changes = {};
  const keep = new Set<CanonicalValue>();
  want.forEach((line, i) => {
    const id = line[LINE_ID] ?? null;
    const old = id === null ? undefined : have.find((h) => h[LINE_ID] === id);
    if (id !== null) keep.add(id);
    if (!old) changes[`lines[+${i + 1}]`] = [null, line];
    else if (!sameValue(old, line)) changes[`lines[${String(id)}]`] = [old, line];
  });
  for (const line of have)
    if (!keep.has(line[LINE_ID] ?? null)) changes[`lines[${String(line[LINE_ID])}]`] = [line, null];
  return changes;
}
