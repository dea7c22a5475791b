/**
 * A side's raw record → its canonical form, driven by the dataflow definitions. Order lines become a list of line
 * objects carrying their identity (`$id` on that side, `$ref` the line reference) beside their mapped properties.
 */
import { CONVERSIONS, parseUnresolved, type ReadContext } from "./conversions";
import { DATAFLOW_DEFINITIONS } from "./dataflows/all-dataflows";
import type { LinesDefinition, PropertyMapping } from "./dataflows/definition";
import type { LinkResolver, SideRecord } from "./ports";
import { lineReference } from "./references";
import type { Canonical, CanonicalValue, DataflowId, Side } from "./types";
import { text } from "./values";

/** Line identity keys inside a canonical line: the line's own id on its side, and its line reference. */
export const LINE_ID = "$id";
export const LINE_REF = "$ref";

type Json = Record<string, unknown>;

export function readPath(raw: unknown, path: string): unknown {
  let at: unknown = raw;
  for (const key of path.split(".")) {
    if (at === null || typeof at !== "object") return undefined;
    at = (at as Json)[key];
  }
  return at;
}

/** The mappings that take part in comparing and merging (not the create-only references). */
export const compared = (properties: readonly PropertyMapping[]) => properties.filter((p) => p.only !== "create");

export function readProperty(mapping: PropertyMapping, side: Side, raw: unknown, ctx: ReadContext): CanonicalValue {
  const read = CONVERSIONS[mapping.type].read[side];
  const paths =
    side === "poweroffice" ? [mapping.poweroffice, ...(mapping.powerofficeAlternatives ?? [])] : [mapping.webshop];
  let value: CanonicalValue = null;
  for (const path of paths) {
    value = read(readPath(raw, path), ctx);
    if (value !== null) break;
  }
  return value;
}

/** The properties of one record (no lines); a property limited to other kinds is null. */
export function recordCanonical(
  properties: readonly PropertyMapping[],
  side: Side,
  raw: unknown,
  ctx: ReadContext,
): Canonical {
  const out: Canonical = {};
  for (const mapping of compared(properties)) {
    if (mapping.type === "position") continue;
    out[mapping.property] = readProperty(mapping, side, raw, ctx);
  }
  for (const mapping of properties) {
    if (mapping.kinds && !mapping.kinds.includes(String(out.kind))) out[mapping.property] = null;
  }
  return out;
}

/** The lines in their order (PowerOffice: by SortOrder, stable), each with its 1-based position; null when unread. */
export function linesCanonical(def: LinesDefinition, side: Side, raw: unknown, ctx: ReadContext): Canonical[] | null {
  const list = readPath(raw, def[side].path);
  if (!Array.isArray(list)) return null;
  const ordered =
    side === "poweroffice"
      ? list
          .map((line, index) => ({ line, index, sort: Number((line as Json)?.SortOrder) }))
          .sort((a, b) => orderKey(a.sort) - orderKey(b.sort) || a.index - b.index)
          .map((x) => x.line)
      : list;
  return ordered.map((line, index) => {
    const ownId = text(readPath(line, side === "poweroffice" ? "Id" : "id"));
    const ref =
      side === "poweroffice" ? text(readPath(line, "ExternalImportReference")) : ownId && lineReference(ownId);
    const values = recordCanonical(def.properties, side, line, ctx);
    return { [LINE_ID]: ownId, [LINE_REF]: ref, ...values, position: index + 1 };
  });
}

const orderKey = (sort: number) => (Number.isFinite(sort) ? sort : Number.MAX_SAFE_INTEGER);

/** The canonical form of `raw` (a record of `side` in `dataflow`), references resolved through the links. */
export function toCanonical(dataflow: DataflowId, side: Side, raw: unknown, resolver: LinkResolver): Canonical {
  const def = DATAFLOW_DEFINITIONS[dataflow];
  const ctx = { resolver };
  const canonical = recordCanonical(def.properties, side, raw, ctx);
  if (def.lines) canonical.lines = linesCanonical(def.lines, side, raw, ctx);
  return canonical;
}

/** Every reference in a canonical record that is not linked yet. */
export function unresolvedIn(canonical: Canonical): Array<{ dataflow: DataflowId; side: Side; id: string }> {
  const found = new Map<string, { dataflow: DataflowId; side: Side; id: string }>();
  const visit = (value: CanonicalValue) => {
    const ref = parseUnresolved(value);
    if (ref) found.set(`${ref.dataflow}:${ref.side}:${ref.id}`, ref);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(visit);
  };
  Object.values(canonical).forEach(visit);
  return [...found.values()];
}

/**
 * The records `raw` refers to that are not linked yet (an order's customer, its lines' products): sync them first.
 * None for a shop order that is cancelled or invoiced: it is never written anywhere, so it needs nothing created.
 */
export function dependenciesOf(
  dataflow: DataflowId,
  side: Side,
  raw: unknown,
  resolver: LinkResolver,
): Array<{ dataflow: DataflowId; side: Side; id: string }> {
  return dependenciesIn(dataflow, side, toCanonical(dataflow, side, raw, resolver));
}

/** The records a canonical form refers to that are not linked yet (dependenciesOf, for a form already made). */
export function dependenciesIn(
  dataflow: DataflowId,
  side: Side,
  canonical: Canonical,
): Array<{ dataflow: DataflowId; side: Side; id: string }> {
  if (dataflow === "orders" && side === "webshop" && ["cancelled", "invoiced"].includes(String(canonical.status))) {
    return [];
  }
  return unresolvedIn(canonical);
}

/** A record's canonical form: the one it carries when the link's snapshot stands in for a read, else made from `raw`. */
export function canonicalOf(dataflow: DataflowId, side: Side, record: SideRecord, resolver: LinkResolver): Canonical {
  return record.canonical ?? toCanonical(dataflow, side, record.raw, resolver);
}
