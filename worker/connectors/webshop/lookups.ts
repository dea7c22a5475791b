/**
 * Finding records by a link (`external_id=<key>:<value>`) or by a match field (email, organization_number,
 * department_code, sku, order_number). Every match is returned: the caller decides what 0, 1 or 2+ mean.
 * Each answer is checked against the filter, because a shop that ignored it (a typo'd parameter it let through)
 * would hand back unrelated records that the engine would link as if they matched.
 */
import { EXTERNAL_ID_KEYS, type ExternalIdKey, type Resource } from "../../../shared/webshop";
import type { Api } from "./api";
import { contractViolation, fail, invalidInput, ok, type Result } from "./errors";
import { MATCH_FIELDS, type MatchField, type RecordOf } from "./resources";
import { readPage } from "./validate";

/** Pages of one lookup followed at most: past that there are at least this many matches, ambiguous anyway. */
export const MAX_LOOKUP_PAGES = 5;

export async function findByExternalId<R extends Resource>(
  api: Api,
  resource: R,
  key: ExternalIdKey,
  value: string,
): Promise<Result<RecordOf<R>[]>> {
  if (!(EXTERNAL_ID_KEYS as readonly string[]).includes(key)) {
    return fail(invalidInput(resource, "external id key", key, `is not one of ${EXTERNAL_ID_KEYS.join(", ")}`));
  }
  if (typeof value !== "string" || !value.trim() || value.length > 255) {
    return fail(invalidInput(resource, key, value, "must be a non-empty value of at most 255 characters"));
  }
  return lookup(api, resource, { external_id: `${key}:${value}` }, (record) => carries(record, key, value));
}

export async function findByField<R extends Resource>(
  api: Api,
  resource: R,
  field: MatchField<R>,
  value: string,
): Promise<Result<RecordOf<R>[]>> {
  const fields: readonly string[] = MATCH_FIELDS[resource];
  if (!fields.includes(field)) {
    return fail(invalidInput(resource, "match field", field, `is not one of ${fields.join(", ")}`));
  }
  const wanted = normalise(field, value);
  // An empty filter could read as "no filter" to a lax shop: never send one.
  if (!wanted) return fail(invalidInput(resource, field, value, "is empty, so it cannot identify a record"));
  return lookup(api, resource, { [field]: value.trim() }, (record) => {
    const got = (record as unknown as Record<string, unknown>)[field];
    return typeof got === "string" && normalise(field, got) === wanted;
  });
}

/**
 * How the check compares: digits only for organization numbers, otherwise trimmed and case-insensitive (the
 * contract says so for email and sku; a shop that also folds case for the others is not wrong).
 */
function normalise(field: string, value: string): string {
  if (typeof value !== "string") return "";
  return field === "organization_number" ? value.replace(/\D/g, "") : value.trim().toLowerCase();
}

/** An order also matches by a line's key (poweroffice_sales_order_line lives on lines). */
function carries(record: object, key: string, value: string): boolean {
  const own = (record as { external_ids?: Record<string, string> }).external_ids;
  if (own?.[key] === value) return true;
  const lines = (record as { lines?: Array<{ external_ids?: Record<string, string> }> }).lines;
  return !!lines?.some((line) => line.external_ids?.[key] === value);
}

async function lookup<R extends Resource>(
  api: Api,
  resource: R,
  filter: Record<string, string>,
  matches: (record: RecordOf<R>) => boolean,
): Promise<Result<RecordOf<R>[]>> {
  const path = `/${resource}`;
  const operation = `GET ${path}?${Object.keys(filter).join("&")}`;
  const found: RecordOf<R>[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_LOOKUP_PAGES; pages++) {
    const res = await api.send({ method: "GET", path, query: { ...filter, cursor }, resource });
    if (!res.ok) return res;
    const page = readPage(resource, res.value, operation);
    if (!page.ok) return page;
    const stray = page.value.data.find((record) => !matches(record));
    if (stray) {
      return fail(
        contractViolation(
          resource,
          operation,
          "lookup-filter-ignored",
          `asked for ${JSON.stringify(filter)}, it answered ${stray.id}, which does not match`,
          { filter, id: stray.id },
          stray.id,
        ),
      );
    }
    found.push(...page.value.data);
    if (!page.value.has_more) break;
    // Stopping here would hide matches (one found where there are two), so a stalled lookup is an error too.
    if (page.value.next_cursor === cursor || page.value.data.length === 0) {
      const detail = { filter, next_cursor: page.value.next_cursor, records: page.value.data.length };
      return fail(
        contractViolation(
          resource,
          operation,
          "cursor-stalled",
          "it says has_more but the next page would not move",
          detail,
        ),
      );
    }
    cursor = page.value.next_cursor;
  }
  return ok(found);
}
