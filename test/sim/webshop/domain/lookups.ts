/**
 * The lookup filters of the list endpoints: `external_id=<key>:<value>` and the match fields. Normalisation as the
 * contract says: email and sku trimmed and case-insensitive, organization_number digits only; department_code and
 * order_number exact.
 */

export interface Lookup<T> {
  /** The normalised value to compare, or a problem with the parameter's text. */
  parse(raw: string): { value: string } | { problem: string };
  matches(record: T, value: string): boolean;
}

export type LookupFilter<T> = (record: T) => boolean;

const folded = (text: string | null | undefined) => (text ?? "").trim().toLowerCase();
const digits = (text: string | null | undefined) => (text ?? "").replace(/\D/g, "");

export function foldedLookup<T>(field: (record: T) => string | null): Lookup<T> {
  return {
    parse: (raw) => (folded(raw) ? { value: folded(raw) } : { problem: "must not be empty" }),
    matches: (record, value) => folded(field(record)) === value,
  };
}

export function digitsLookup<T>(field: (record: T) => string | null): Lookup<T> {
  return {
    parse: (raw) => (digits(raw) ? { value: digits(raw) } : { problem: "must contain digits" }),
    matches: (record, value) => digits(field(record)) === value,
  };
}

export function exactLookup<T>(field: (record: T) => string | null): Lookup<T> {
  return {
    parse: (raw) => (raw ? { value: raw } : { problem: "must not be empty" }),
    matches: (record, value) => field(record) === value,
  };
}

/** `external_id=<key>:<value>`: split at the first colon; the value may contain colons and is compared exactly. */
export const externalIdLookup: Lookup<{ external_ids: Record<string, string> }> = {
  parse(raw) {
    const colon = raw.indexOf(":");
    if (colon <= 0 || colon === raw.length - 1)
      return { problem: "must be <key>:<value>, like poweroffice_customer:123" };
    const key = raw.slice(0, colon);
    if (!/^[a-z][a-z0-9_]{0,63}$/.test(key))
      return { problem: `'${key}' is not an external id key (lower-case snake_case)` };
    return { value: raw };
  },
  matches(record, value) {
    const colon = value.indexOf(":");
    return Object.hasOwn(record.external_ids, value.slice(0, colon))
      ? record.external_ids[value.slice(0, colon)] === value.slice(colon + 1)
      : false;
  },
};
