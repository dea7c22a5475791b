/** Collects a plan as the planner decides it: writes, snapshots, conflicts and activity entries in words. */
import { SIDE_NAME, type WriteContext } from "./conversions";
import type { DataflowDefinition } from "./dataflows/definition";
import type { Plan, PlanInput, PlannedWrite } from "./plan-types";
import type { ActivityEntry, Canonical, CanonicalValue, Conflict, DataflowId, LinkState, Side } from "./types";

export const NOUN: Record<DataflowId, string> = {
  customers: "customer",
  departments: "department",
  products: "product",
  orders: "order",
};
export const SIDE_ADJECTIVE: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "webshop" };
export const sideName = (side: Side) => SIDE_NAME[side];

export class PlanBuilder {
  readonly writes: PlannedWrite[] = [];
  readonly activity: ActivityEntry[] = [];
  readonly conflicts: Conflict[] = [];
  readonly write: WriteContext;
  snapshots: Record<Side, Canonical | null>;
  /** References each side's record holds that are not linked yet: only a plan that writes needs them resolved. */
  readonly unresolved: Partial<Record<Side, Array<{ dataflow: DataflowId; side: Side; id: string }>>> = {};

  constructor(readonly input: PlanInput) {
    this.write = { resolver: input.resolver, problems: [] };
    this.snapshots = input.link?.snapshots ?? { poweroffice: null, webshop: null };
  }

  get dataflow(): DataflowId {
    return this.input.dataflow;
  }

  /** "the webshop customer 17" / "the PowerOffice order 6f1c…". */
  describe(side: Side): string {
    const id = this.input.records[side]?.id ?? this.input.link?.ids[side] ?? "(new)";
    return `the ${SIDE_ADJECTIVE[side]} ${NOUN[this.dataflow]} ${id}`;
  }

  log(
    action: ActivityEntry["action"],
    side: Side | null,
    message: string,
    changes: Record<string, [CanonicalValue, CanonicalValue]> = {},
  ): void {
    this.activity.push({
      at: new Date(this.input.now).toISOString(),
      dataflow: this.dataflow,
      linkId: this.input.link?.id ?? null,
      side,
      action,
      changes,
      message,
    });
  }

  finish(state: LinkState): Plan {
    return {
      state,
      writes: this.writes,
      snapshots: this.snapshots,
      conflicts: this.conflicts,
      activity: this.activity,
      error: null,
    };
  }

  /** Nothing is written; the link shows the error. Logged once: not again while the link already shows it. */
  fail(code: string, message: string, side: Side | null, state: LinkState = "error"): Plan {
    if (this.input.link?.lastError?.code !== code || this.input.link.state !== state) {
      this.log(state === "error" ? "error" : "flagged", null, message);
    }
    return {
      state,
      writes: [],
      snapshots: this.input.link?.snapshots ?? { poweroffice: null, webshop: null },
      conflicts: [],
      activity: this.activity,
      error: { code, message, side },
    };
  }

  /** The error plan when a record about to be written from refers to records not linked yet; null when all are. */
  failOnUnresolved(sides: readonly Side[]): Plan | null {
    for (const side of sides) {
      const missing = this.unresolved[side] ?? [];
      if (missing.length > 0) return this.fail("unresolved-reference", describeUnresolved(missing), side);
    }
    return null;
  }

  /** Writes that could not be built (a reference with no partner yet) fail the whole plan, in words. */
  failOnProblems(side: Side): Plan | null {
    if (this.write.problems.length === 0) return null;
    const problems = [...new Set(this.write.problems)].join("; ");
    return this.fail(
      "dependency-pending",
      `Cannot write ${this.describe(side === "poweroffice" ? "webshop" : "poweroffice")} to ${sideName(side)} yet: ${problems}. It is retried once that record is synced.`,
      side,
    );
  }
}

/** Archived, inactive, cancelled or invoiced: as the side record says, or as its canonical form shows. */
export function isArchived(def: DataflowDefinition, canonical: Canonical, flagged: boolean | undefined): boolean {
  if (flagged) return true;
  if (def.activeProperty && canonical[def.activeProperty] === false) return true;
  return def.id === "orders" && (canonical.status === "cancelled" || canonical.status === "invoiced");
}

export function describeUnresolved(missing: Array<{ dataflow: DataflowId; side: Side; id: string }>): string {
  const list = missing.map((m) => `${SIDE_ADJECTIVE[m.side]} ${NOUN[m.dataflow]} ${m.id}`).join(", ");
  return `It refers to records that are not linked yet (${list}): they are synced first, and a product that cannot be resolved keeps the order in this state until it is.`;
}
