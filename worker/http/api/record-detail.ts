/**
 * One record in detail: both sides' values read now (two subrequests, the snapshot of the last sync where a read
 * fails), the properties that differ, open conflicts and the record's history.
 */
import type { PropertyValues, RecordDetail } from "../../../shared/api/records";
import type { Deps } from "../../deps";
import { loadedResolver } from "../../engine/resolver";
import { DATAFLOW_DEFINITIONS, sameValue, toCanonical, unresolvedIn } from "../../sync";
import type { SidePort } from "../../sync/ports";
import { type Canonical, type Link, SIDES, type Side } from "../../sync/types";
import { recordSummary } from "./record-summary";

export const HISTORY_LIMIT = 50;
/** References (an order's customer and products) looked up to show them as links, at most. */
const MAX_REFERENCES = 40;

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
  return { values: await canonicalOf(deps, link, side, read.value.raw), source: "live", problem: null };
}

/** The record in canonical form, its references to other records shown as their links where they are linked. */
async function canonicalOf(deps: Deps, link: Link, side: Side, raw: unknown): Promise<Canonical> {
  const resolver = loadedResolver();
  const first = toCanonical(link.dataflow, side, raw, resolver);
  const references = unresolvedIn(first).slice(0, MAX_REFERENCES);
  if (references.length === 0) return first;
  const found = await Promise.all(references.map((r) => deps.store.links.findBySideId(r.dataflow, r.side, r.id)));
  for (const other of found) if (other) resolver.add(other);
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
