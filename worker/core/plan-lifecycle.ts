/**
 * Plans for a record without a partner on the other side: create it there, or skip it when it is archived at first
 * sight; and for a record whose partner is gone: archive it, mark an order invoiced, or flag a deleted shop order.
 */
import { compared } from "./canonical";
import type { DataflowDefinition } from "./dataflows/definition";
import { newLine } from "./lines";
import { writesInto } from "./merge";
import { applyFallbacks, createBody, lineBody } from "./payloads";
import { isArchived, type PlanBuilder, sideName } from "./plan-builder";
import type { Plan } from "./plan-types";
import { createReference } from "./references";
import type { Canonical, CanonicalValue, Side } from "./types";

const otherOf = (side: Side): Side => (side === "poweroffice" ? "webshop" : "poweroffice");

export function planCreate(plan: PlanBuilder, def: DataflowDefinition, source: Side, current: Canonical): Plan {
  const { link, records } = plan.input;
  const record = records[source]!;
  const target = otherOf(source);
  // A pending link means a create may already have gone out: repeat it (it is idempotent) rather than skip it.
  const inFlight = link?.state === "pending" && link.reference !== null && def.id !== "orders";
  if (isArchived(def, current, record.archived) && !inFlight) {
    if (link?.state !== "skipped") {
      plan.log(
        "skipped",
        null,
        `${cap(plan.describe(source))} was already ${def.id === "orders" ? "cancelled or invoiced" : "archived"} when the sync first saw it and has no partner: it is not created in ${sideName(target)}.`,
      );
    }
    plan.snapshots = { poweroffice: null, webshop: null };
    return plan.finish("skipped");
  }
  const unresolved = plan.failOnUnresolved([source]);
  if (unresolved) return unresolved;
  const desired: Canonical = {};
  for (const mapping of compared(def.properties)) {
    desired[mapping.property] = writesInto(mapping, target) ? (current[mapping.property] ?? null) : null;
  }
  applyFallbacks(def, target, desired);
  const reference = createReference(def.id, target, record.id, record.raw);
  const payload = createBody(def, target, desired, reference, plan.write);
  if (def.lines) {
    const lines = ((current.lines ?? []) as Canonical[]).map((line) => {
      const created = newLine(def.lines!, target, line);
      applyFallbacks(def.lines!, target, created);
      return created;
    });
    desired.lines = lines;
    if (lines.length > 0)
      payload[def.lines[target].path] = lines.map((l) => lineBody(def.lines!, target, l, undefined, plan.write));
  }
  const failed = plan.failOnProblems(target);
  if (failed) return failed;
  const changes: Record<string, [CanonicalValue, CanonicalValue]> = {};
  for (const [p, v] of Object.entries(desired))
    if (v !== null && !(Array.isArray(v) && v.length === 0)) changes[p] = [null, v];
  plan.writes.push({ side: target, op: "create", payload, changes, reference });
  plan.snapshots = { [source]: current, [target]: desired } as Record<Side, Canonical>;
  plan.log(
    "created",
    target,
    `Created in ${sideName(target)} from ${plan.describe(source)} (reference ${reference}).`,
    changes,
  );
  return plan.finish("linked");
}

export function planPartnerGone(plan: PlanBuilder, def: DataflowDefinition, side: Side, current: Canonical): Plan {
  const { link, records } = plan.input;
  const gone = otherOf(side);
  const keep = (state: "archived") => {
    plan.snapshots = { [side]: current, [gone]: link?.snapshots[gone] ?? null } as Record<Side, Canonical | null>;
    return plan.finish(state);
  };
  // Once handled, the survivor lives on alone: a later change to it is not fought.
  if (link?.state === "archived") return keep("archived");
  if (def.id === "orders") {
    const orderNo = link?.snapshots.poweroffice?.["external_ids.poweroffice_order_no"] ?? link?.ids.poweroffice;
    if (gone === "webshop") {
      return plan.fail(
        "order-deleted-in-shop",
        `The webshop order ${link?.ids.webshop} was deleted in the shop. PowerOffice sales order ${orderNo} is left as is: delete or credit it there.`,
        "webshop",
      );
    }
    if (current.status === "invoiced" || current.status === "cancelled") return keep("archived");
    const changes: Record<string, [CanonicalValue, CanonicalValue]> = { status: [current.status ?? null, "invoiced"] };
    plan.writes.push({ side, op: "update", payload: { status: "invoiced" }, changes });
    plan.snapshots = { poweroffice: link?.snapshots.poweroffice ?? null, webshop: { ...current, status: "invoiced" } };
    plan.log(
      "invoiced",
      side,
      `PowerOffice sales order ${orderNo} is no longer among its sales orders (invoiced, or deleted there): webshop order ${records[side]!.id} is marked invoiced.`,
      changes,
    );
    return plan.finish("archived");
  }
  const active = def.activeProperty!;
  if (isArchived(def, current, records[side]!.archived)) return keep("archived");
  const changes: Record<string, [CanonicalValue, CanonicalValue]> = { [active]: [current[active] ?? null, false] };
  plan.writes.push({ side, op: "archive", payload: { ...def.archive![side] }, changes });
  plan.snapshots = { [side]: { ...current, [active]: false }, [gone]: link?.snapshots[gone] ?? null } as Record<
    Side,
    Canonical | null
  >;
  plan.log(
    "archived",
    side,
    `${cap(plan.describe(gone))} was deleted: ${plan.describe(side)} is archived (the sync never deletes).`,
    changes,
  );
  return plan.finish("archived");
}

export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
