/**
 * The planner: (dataflow, link, both sides' records) → the writes that bring the two sides together, the snapshots to
 * store after them, and what to tell the admin. Pure: reads nothing, writes nothing, never looks at the clock.
 *
 *   no partner ──▶ archived? ─ yes ─▶ skipped          partner gone ──▶ archive / invoiced / flag
 *        └─ no ─▶ create on the other side               both present ──▶ three-way merge ─▶ updates (+ archive)
 */

import { canonicalOf, unresolvedIn } from "./canonical";
import { DATAFLOW_DEFINITIONS } from "./dataflows/all-dataflows";
import { PlanBuilder } from "./plan-builder";
import { planCreate, planPartnerGone } from "./plan-lifecycle";
import { planMerge } from "./plan-merge";
import type { Plan, PlanInput } from "./plan-types";
import { type Canonical, SIDES, type Side } from "./types";

export type { Plan, PlanInput, PlannedWrite } from "./plan-types";

export function planSync(input: PlanInput): Plan {
  const def = DATAFLOW_DEFINITIONS[input.dataflow];
  const plan = new PlanBuilder(input);
  const current: Partial<Record<Side, Canonical>> = {};
  for (const side of SIDES) {
    const record = input.records[side];
    if (!record) continue;
    const canonical = canonicalOf(input.dataflow, side, record, input.resolver);
    plan.unresolved[side] = unresolvedIn(canonical);
    if (def.lines && canonical.lines === null) {
      return plan.fail(
        "lines-missing",
        `The ${side === "poweroffice" ? "PowerOffice sales order" : "webshop order"} ${record.id} was read without its lines; it must be read whole to be synced.`,
        side,
      );
    }
    current[side] = canonical;
  }
  const present = SIDES.filter((side) => current[side]);
  if (present.length === 2) return planMerge(plan, def, current as Record<Side, Canonical>);
  if (present.length === 0) return plan.finish(input.link ? "archived" : "skipped");
  const side = present[0]!;
  const other: Side = side === "poweroffice" ? "webshop" : "poweroffice";
  if (input.link?.ids[other]) return planPartnerGone(plan, def, side, current[side]!);
  return planCreate(plan, def, side, current[side]!);
}
