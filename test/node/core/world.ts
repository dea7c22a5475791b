/**
 * A linked pair of records and the loop the engine runs around the core: plan, apply the writes to the two
 * stand-in sides, store the plan's snapshots on the link. Used to check echoes and convergence.
 */
import { type Plan, type PlanInput, planSync } from "../../../worker/core/plan";
import type { LinkResolver, SideRecord } from "../../../worker/core/ports";
import type { ConflictPolicy, DataflowId, Link, Side } from "../../../worker/core/types";
import { link as makeLink, RESOLVER } from "./fixtures";
import { applyPowerOffice, applyWebshop } from "./sides";

type Json = Record<string, unknown>;

export interface World {
  dataflow: DataflowId;
  records: Record<Side, Json | null>;
  link: Link | null;
  policy: ConflictPolicy;
  resolver: LinkResolver;
  now: number;
  resolutions?: Record<string, Side>;
}

export function world(dataflow: DataflowId, records: Record<Side, Json | null>, over: Partial<World> = {}): World {
  return {
    dataflow,
    records,
    link: null,
    policy: "newest-wins",
    resolver: RESOLVER,
    now: Date.UTC(2026, 1, 1),
    ...over,
  };
}

export function asSideRecord(dataflow: DataflowId, side: Side, raw: Json | null): SideRecord | null {
  if (!raw) return null;
  if (side === "poweroffice") {
    const archived =
      dataflow === "departments" ? raw.IsActive === false : dataflow === "orders" ? false : raw.IsArchived === true;
    const stamp = String(raw.LastChangedDateTimeOffset);
    return {
      id: String(raw.Id),
      marker: stamp,
      changedAt: Date.parse(stamp.replace(/(\.\d{3})\d+/, "$1")),
      archived,
      raw,
    };
  }
  const archived =
    dataflow === "orders" ? raw.status === "cancelled" || raw.status === "invoiced" : raw.active === false;
  return {
    id: String(raw.id),
    marker: String(raw.version),
    changedAt: Date.parse(String(raw.updated_at)),
    archived,
    raw,
  };
}

/** What the planner is asked for this pair as it stands (the benchmark plans these in bulk). */
export function planInput(w: World): PlanInput {
  return {
    dataflow: w.dataflow,
    link: w.link,
    records: {
      poweroffice: asSideRecord(w.dataflow, "poweroffice", w.records.poweroffice),
      webshop: asSideRecord(w.dataflow, "webshop", w.records.webshop),
    },
    policy: w.policy,
    resolver: w.resolver,
    now: w.now,
    resolutions: w.resolutions,
  };
}

export function plan(w: World): Plan {
  return planSync(planInput(w));
}

/** One sync of the pair: plan, apply every write, store ids, snapshots, state and open conflicts on the link. */
export function sync(w: World): Plan {
  const p = plan(w);
  w.now += 1000;
  const ids = { poweroffice: w.link?.ids.poweroffice ?? null, webshop: w.link?.ids.webshop ?? null };
  for (const side of ["poweroffice", "webshop"] as const) if (w.records[side]) ids[side] = idOf(side, w.records[side]);
  for (const write of p.writes) {
    const apply = write.side === "poweroffice" ? applyPowerOffice : applyWebshop;
    w.records[write.side] = apply(w.dataflow, write, w.records[write.side], w.now);
    ids[write.side] = idOf(write.side, w.records[write.side]!);
  }
  w.link = makeLink(w.dataflow, {
    ...(w.link ?? {}),
    state: p.state,
    ids,
    snapshots: p.error ? (w.link?.snapshots ?? p.snapshots) : p.snapshots,
    lastError: p.error,
    openConflicts: p.conflicts.filter((c) => c.winner === null),
  });
  w.resolutions = undefined;
  return p;
}

const idOf = (side: Side, raw: Json) => String(side === "poweroffice" ? raw.Id : raw.id);

/** Edits a side's record as a person would: the change stamps the record with the world's clock. */
export function edit(w: World, side: Side, change: (raw: Json) => void): void {
  w.now += 1000;
  const raw = structuredClone(w.records[side]!);
  change(raw);
  if (side === "poweroffice") raw.LastChangedDateTimeOffset = new Date(w.now).toISOString().replace("Z", "0000Z");
  else {
    raw.version = Number(raw.version) + 1;
    raw.updated_at = new Date(w.now).toISOString();
  }
  w.records[side] = raw;
}
