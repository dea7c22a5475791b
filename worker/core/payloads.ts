/**
 * A side's desired canonical → the body its connector takes (PowerOffice PascalCase fields, webshop contract fields):
 * whole for a create, only what differs for an update. A value a side cannot take is not sent, and the desired
 * canonical is set back to what that side has, so the stored snapshot never claims a write that was not made.
 */
import { LINE_ID, LINE_REF } from "./canonical";
import { CONVERSIONS, type WriteContext } from "./conversions";
import type { DataflowDefinition, PropertyMapping, RecordDefinition } from "./dataflows/definition";
import { writesInto } from "./merge";
import type { Canonical, CanonicalValue, Side } from "./types";
import { sameValue } from "./values";

type Json = Record<string, unknown>;
export type Changes = Record<string, [CanonicalValue, CanonicalValue]>;

/** Webshop objects that are replaced whole (all members, missing ones null), never member by member. */
const WHOLE = ["billing_address"];

const pathOf = (mapping: PropertyMapping, side: Side) =>
  side === "poweroffice" ? mapping.poweroffice : mapping.webshop;
const wholeOf = (mapping: PropertyMapping, side: Side) =>
  side === "webshop" ? WHOLE.find((w) => mapping.webshop.startsWith(`${w}.`)) : undefined;

export function setPath(target: Json, path: string, value: unknown): void {
  const keys = path.split(".");
  let at = target;
  for (const key of keys.slice(0, -1)) {
    if (at[key] === null || typeof at[key] !== "object") at[key] = {};
    at = at[key] as Json;
  }
  at[keys.at(-1)!] = value;
}

/** Properties of `def` a write into `side` may carry (not line positions: those are the lines' order). */
const writable = (def: RecordDefinition, side: Side) =>
  def.properties.filter((m) => !m.only && m.type !== "position" && writesInto(m, side));

const applies = (mapping: PropertyMapping, desired: Canonical) =>
  !mapping.kinds || mapping.kinds.includes(String(desired.kind));

/** A property of another kind (a company's name on a person) reads as null on that side: expect null, write nothing. */
function clearOtherKinds(def: RecordDefinition, desired: Canonical): void {
  for (const mapping of def.properties) if (!applies(mapping, desired)) desired[mapping.property] = null;
}

/** The side's value for a canonical one: null stays null (clears the field); undefined means "cannot be written". */
function sideValue(mapping: PropertyMapping, side: Side, value: CanonicalValue, ctx: WriteContext): unknown {
  return value === null ? null : CONVERSIONS[mapping.type].write[side](value, ctx);
}

/** Whole objects (billing_address) get every member, so no shop reading a partial one blanks a field. */
function completeWhole(
  def: RecordDefinition,
  side: Side,
  desired: Canonical,
  payload: Json,
  groups: Set<string>,
  ctx: WriteContext,
) {
  for (const group of groups) {
    const members = def.properties.filter((m) => wholeOf(m, side) === group);
    const object: Json = {};
    for (const m of members)
      object[m.webshop.slice(group.length + 1)] = sideValue(m, side, desired[m.property] ?? null, ctx) ?? null;
    payload[group] = Object.values(object).every((v) => v === null) ? null : object;
  }
}

/** A create body for `side` from its desired canonical (empty values left out), plus the reference and constants. */
export function createBody(
  def: RecordDefinition & Partial<Pick<DataflowDefinition, "createConstants">>,
  side: Side,
  desired: Canonical,
  reference: string | null,
  ctx: WriteContext,
): Json {
  clearOtherKinds(def, desired);
  const payload: Json = { ...(def.createConstants?.[side] ?? {}) };
  const groups = new Set<string>();
  for (const mapping of def.properties) {
    if (mapping.only === "create" && side === "poweroffice" && reference !== null)
      setPath(payload, mapping.poweroffice, reference);
  }
  for (const mapping of writable(def, side)) {
    const value = desired[mapping.property] ?? null;
    if (!applies(mapping, desired) || value === null) continue;
    const written = sideValue(mapping, side, value, ctx);
    if (written === undefined) {
      desired[mapping.property] = null;
      continue;
    }
    const group = wholeOf(mapping, side);
    if (group) groups.add(group);
    else setPath(payload, pathOf(mapping, side), written);
  }
  completeWhole(def, side, desired, payload, groups, ctx);
  return payload;
}

/** The fields of `side` whose desired value differs from the current one, and the changes in canonical terms. */
export function updateBody(
  def: RecordDefinition,
  side: Side,
  current: Canonical,
  desired: Canonical,
  ctx: WriteContext,
): { payload: Json; changes: Changes } {
  clearOtherKinds(def, desired);
  const payload: Json = {};
  const changes: Changes = {};
  const groups = new Set<string>();
  for (const mapping of writable(def, side)) {
    const p = mapping.property;
    const have = current[p] ?? null;
    if (sameValue(have, desired[p])) continue;
    if (!applies(mapping, desired)) continue;
    const written = sideValue(mapping, side, desired[p] ?? null, ctx);
    if (written === undefined) {
      desired[p] = have;
      continue;
    }
    changes[p] = [have, desired[p] ?? null];
    const group = wholeOf(mapping, side);
    if (group) groups.add(group);
    else setPath(payload, pathOf(mapping, side), written);
  }
  completeWhole(def, side, desired, payload, groups, ctx);
  return { payload, changes };
}

/** One line as a side takes it: an existing line by its id, a new one with its reference (PowerOffice). */
export function lineBody(
  def: RecordDefinition,
  side: Side,
  line: Canonical,
  current: Canonical | undefined,
  ctx: WriteContext,
): Json {
  const id = line[LINE_ID];
  if (side === "webshop") {
    const body: Json = id === null ? {} : { id };
    for (const mapping of writable(def, side)) {
      const value = sideValue(mapping, side, line[mapping.property] ?? null, ctx);
      if (mapping.webshop.startsWith("external_ids.")) {
        if (value !== null && value !== undefined) setPath(body, mapping.webshop, value);
      } else if (value !== undefined) setPath(body, mapping.webshop, value);
    }
    return body;
  }
  const body: Json = id === null ? { ExternalImportReference: line[LINE_REF] } : { Id: id };
  for (const mapping of writable(def, side)) {
    const value = line[mapping.property] ?? null;
    if (current && sameValue(current[mapping.property], value)) continue;
    if (!current && value === null) continue;
    const written = sideValue(mapping, side, value, ctx);
    if (written !== undefined) setPath(body, mapping.poweroffice, written);
  }
  body.SortOrder = line.position;
  return body;
}

/** Where a side requires a value (the shop's price), its fallback replaces null in that side's desired canonical. */
export function applyFallbacks(def: RecordDefinition, side: Side, desired: Canonical): void {
  for (const mapping of def.properties) {
    const fallback = mapping.fallback?.[side];
    if (fallback !== undefined && (desired[mapping.property] ?? null) === null) desired[mapping.property] = fallback;
  }
}
