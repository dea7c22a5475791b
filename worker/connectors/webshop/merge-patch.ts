/**
 * Builds the JSON merge patch (RFC 7396) that turns `current` (as last read from the shop) into `desired`: only the
 * fields that differ. `undefined` in `desired` means "leave alone"; `null` means "no value".
 *   - billing_address: replaced whole. It is sent with all five members (missing ones null), so a shop that
 *     replaces it and one that merges it member by member end up the same.
 *   - external_ids: merged key by key, as the shop does: only keys whose value differs; null removes a key.
 *   - lines: as OrderPatch says, the list replaces the order's lines (kept lines carry their id, left-out lines are
 *     removed, lines without an id are added). Sent whole when anything about them differs, each kept line complete
 *     (unchanged members filled from `current`), so no shop reading a partial line can blank a field.
 */
import type { Line, LineInput } from "../../../shared/webshop";

type Json = Record<string, unknown>;

const ADDRESS_MEMBERS = ["line1", "line2", "postal_code", "city", "country"] as const;
const LINE_MEMBERS = ["product_id", "sku", "description", "quantity", "unit_price", "discount_percent"] as const;

/** The merge patch from `current` to `desired`; `{}` when nothing differs (update then sends nothing). */
export function buildMergePatch<P extends object>(current: object, desired: P): P {
  const have = current as Json;
  const patch: Json = {};
  for (const [field, want] of Object.entries(desired)) {
    if (want === undefined) continue;
    const value = diffField(field, have[field], want);
    if (value !== undefined) patch[field] = value;
  }
  return patch as P;
}

export function isEmptyPatch(patch: object): boolean {
  return Object.keys(patch).length === 0;
}

/** What to send for one field, or undefined when it is already as desired. */
function diffField(field: string, have: unknown, want: unknown): unknown {
  if (field === "external_ids") return diffExternalIds(have as Json | undefined, want as Json | null);
  if (field === "lines" && Array.isArray(want)) return diffLines((have ?? []) as Line[], want as LineInput[]);
  if (field === "billing_address" && want !== null && typeof want === "object") {
    const whole = Object.fromEntries(ADDRESS_MEMBERS.map((m) => [m, (want as Json)[m] ?? null]));
    return sameJson(have, whole) ? undefined : whole;
  }
  return sameJson(have, want) ? undefined : want;
}

function diffExternalIds(have: Json | undefined, want: Json | null): Json | undefined {
  if (!want) return undefined;
  const changes: Json = {};
  for (const [key, value] of Object.entries(want)) {
    if (value === undefined) continue;
    const present = have !== undefined && Object.hasOwn(have, key);
    if (value === null ? present : have?.[key] !== value) changes[key] = value;
  }
  return Object.keys(changes).length ? changes : undefined;
}

function diffLines(have: Line[], want: LineInput[]): LineInput[] | undefined {
  const byId = new Map(have.map((line) => [line.id, line]));
  const full = want.map((line) => {
    const old = line.id === undefined ? undefined : byId.get(line.id);
    return old ? completeLine(old, line) : line;
  });
  const same =
    full.length === have.length &&
    full.every((line, i) => {
      const old = have[i]!;
      return (
        line.id === old.id &&
        LINE_MEMBERS.every((m) => sameJson(line[m] ?? null, old[m])) &&
        sameJson(line.external_ids ?? {}, old.external_ids)
      );
    });
  return same ? undefined : full;
}

/** A kept line with every member: the desired ones, the rest as they are; external_ids merged. */
function completeLine(old: Line, line: LineInput): LineInput {
  const out: Json = { id: old.id };
  for (const m of LINE_MEMBERS) out[m] = line[m] === undefined ? old[m] : line[m];
  out.external_ids = { ...old.external_ids, ...line.external_ids };
  return out as LineInput;
}

/** Structural equality of JSON values; object key order does not matter. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameJson(x, bs[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Json)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Json)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Json)[k], (b as Json)[k]));
}
