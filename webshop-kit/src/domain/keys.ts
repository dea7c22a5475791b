/**
 * Match keys and lookups. The contract's normalisation: email and sku trimmed and case-insensitive,
 * organization_number digits only, department_code and order_number exact. A record's normalised keys are handed to
 * the adapter with every write (so it can index them) and a lookup compares with them.
 */
import type { Lookup, MatchField, RecordContent, RecordKeys, Resource, StoredRecord } from "../adapter.js";

/** The match fields each resource's list accepts as query parameters, besides external_id. */
export const MATCH_FIELDS: { [R in Resource]: MatchField[] } = {
  customers: ["email", "organization_number", "department_code"],
  products: ["sku"],
  orders: ["order_number"],
};

const NORMALISE: Record<MatchField, (text: string) => string> = {
  email: (text) => text.trim().toLowerCase(),
  sku: (text) => text.trim().toLowerCase(),
  organization_number: (text) => text.replace(/\D/g, ""),
  department_code: (text) => text,
  order_number: (text) => text,
};

/** The normalised keys of a record's content; null where it has none. */
export function recordKeys(resource: Resource, content: RecordContent): RecordKeys {
  const keys: RecordKeys = {};
  for (const field of MATCH_FIELDS[resource]) {
    const value = content[field];
    const normalised = typeof value === "string" ? NORMALISE[field](value) : "";
    keys[field] = normalised === "" ? null : normalised;
  }
  return keys;
}

/** A lookup from a query parameter (`email=…`, `external_id=<key>:<value>`), or what is wrong with its value. */
export function parseLookup(field: MatchField | "external_id", raw: string): { lookup: Lookup } | { problem: string } {
  if (field === "external_id") {
    const colon = raw.indexOf(":");
    if (colon <= 0 || colon === raw.length - 1)
      return { problem: "must be <key>:<value>, like poweroffice_customer:123" };
    const key = raw.slice(0, colon);
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(key)) {
      return { problem: `'${key}' is not an external id key (lower-case snake_case)` };
    }
    return { lookup: { kind: "external_id", key, value: raw.slice(colon + 1) } };
  }
  const value = NORMALISE[field](raw);
  if (value) return { lookup: { kind: "match", field, value } };
  return { problem: field === "organization_number" ? "must contain digits" : "must not be empty" };
}

export function matchesLookup(resource: Resource, record: StoredRecord, lookup: Lookup): boolean {
  if (lookup.kind === "external_id") {
    return Object.hasOwn(record.external_ids, lookup.key) && record.external_ids[lookup.key] === lookup.value;
  }
  return recordKeys(resource, record)[lookup.field] === lookup.value;
}
