/**
 * One record in detail: both sides' values read now (two subrequests, the snapshot of the last sync where a read
 * fails), the properties that differ, open conflicts and the record's history. Whatever the record's size, the route
 * stays within one invocation's budget: an order's customer and products are looked up as links in one query per
 * dataflow and side (however many lines), and where even that does not fit what is left, the side is shown from the
 * last sync's snapshot with a note saying so.
 */
import type { PropertyValues, RecordDetail } from "../../../shared/api/records";
import { BudgetExceeded } from "../../budgets/budget";
import { toCanonical, unresolvedIn } from "../../core/canonical";
import { DATAFLOW_DEFINITIONS } from "../../core/dataflows/all-dataflows";
import type { SidePort } from "../../core/ports";
import { type Canonical, type DataflowId, type Link, SIDES, type Side } from "../../core/types";
import { sameValue } from "../../core/values";
import { loadedResolver } from "../../engine/resolver";
import type { Deps } from "../../wiring/build-deps";
import { recordSummary } from "./record-summary";

export const HISTORY_LIMIT = 50;

const SIDE_NAME: Record<Side, string> = { poweroffice: "PowerOffice", webshop: "The webshop" };

interface SideValues {
  values: Canonical | null;
  source: "live" | "snapshot" | "none";
  problem: string | null;
}

export async function recordDetail(deps: Deps, link: Link): Promise<RecordDetail> {
  const sides = deps.sync.ok ? deps.sync.sides : null;
  const [poweroffice, webshop, history] = await Promise.all([
    sideValues(deps, link, "poweroffice", sides?.poweroffice ?? null),
    sideValues(deps, link, "webshop", sides?.webshop ?? null),
    deps.store.activity.recent(HISTORY_LIMIT, { linkId: link.id }),
  ]);
  const values = { poweroffice, webshop };
  const properties = propertyValues(link, values);
  const both = poweroffice.values !== null && webshop.values !== null;
  return {
    ...recordSummary(link),
    reference: link.reference,
    values: {
      source: { poweroffice: poweroffice.source, webshop: webshop.source },
      problems: [poweroffice.problem, webshop.problem].filter((p): p is string => p !== null),
    },
    properties,
    differences: both ? properties.filter((p) => p.differs).map((p) => p.property) : [],
    conflicts: link.openConflicts,
    history: history.map((entry) => ({ ...entry, actor: entry.actor ?? null })),
  };
}

async function sideValues(deps: Deps, link: Link, side: Side, port: SidePort | null): Promise<SideValues> {
  const id = link.ids[side];
  const snapshot = link.snapshots[side];
  const fallback = (problem: string): SideValues =>
    snapshot ? { values: snapshot, source: "snapshot", problem } : { values: null, source: "none", problem };
  if (id === null) return { values: null, source: "none", problem: null };
  if (port === null) return fallback(`${SIDE_NAME[side]} was not read: the worker's configuration is incomplete.`);
  const read = await port.get(link.dataflow, id);
  if (!read.ok) return fallback(`${SIDE_NAME[side]} could not be read now: ${read.error.message}`);
  if (read.value === null) {
    return { values: null, source: "none", problem: `${SIDE_NAME[side]} no longer has this record (${id}).` };
  }
  const values = await canonicalOf(deps, link, side, read.value.raw);
  if (values === null) {
    return fallback(
      `${SIDE_NAME[side]} was read, but the links of the records it refers to could not be looked up within this request's limits; shown as of the last sync. Open the record again to see it as it is now.`,
    );
  }
  return { values, source: "live", problem: null };
}

/**
 * The record in canonical form, its references to other records shown as their links where they are linked: one
 * query per dataflow and side referred to (the store splits a long list itself). Null when those queries do not fit
 * what is left of the invocation's budget.
 */
async function canonicalOf(deps: Deps, link: Link, side: Side, raw: unknown): Promise<Canonical | null> {
  const resolver = loadedResolver();
  const first = toCanonical(link.dataflow, side, raw, resolver);
  const groups = new Map<string, { dataflow: DataflowId; side: Side; ids: string[] }>();
  for (const ref of unresolvedIn(first)) {
    const key = `${ref.dataflow}:${ref.side}`;
    const group = groups.get(key) ?? { dataflow: ref.dataflow, side: ref.side, ids: [] };
    group.ids.push(ref.id);
    groups.set(key, group);
  }
  if (groups.size === 0) return first;
  if (deps.budget.remaining() < groups.size) return null;
  try {
    const found = await Promise.all(
      [...groups.values()].map((g) => deps.store.links.findBySideIds(g.dataflow, g.side, g.ids)),
    );
    for (const other of found.flat()) resolver.add(other);
  } catch (error) {
    if (error instanceof BudgetExceeded) return null;
    throw error;
  }
  return toCanonical(link.dataflow, side, raw, resolver);
}

/** Every synced property in the dataflow's order (create-only ones left out), then any others the records hold. */
function propertyValues(link: Link, values: Record<Side, SideValues>): PropertyValues[] {
  const definition = DATAFLOW_DEFINITIONS[link.dataflow];
  const createOnly = new Set(definition.properties.filter((p) => p.only === "create").map((p) => p.property));
  const names = [...definition.properties.map((p) => p.property), ...(definition.lines ? ["lines"] : [])];
  for (const side of SIDES) for (const name of Object.keys(values[side].values ?? {})) names.push(name);
  return [...new Set(names)]
    .filter((name) => !createOnly.has(name))
    .filter((name) => SIDES.some((side) => values[side].values?.[name] !== undefined))
    .map((property) => {
      const po = values.poweroffice.values?.[property] ?? null;
      const shop = values.webshop.values?.[property] ?? null;
      return { property, poweroffice: po, webshop: shop, differs: !sameValue(po, shop) };
    });
}
