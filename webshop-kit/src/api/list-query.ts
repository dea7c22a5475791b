/**
 * The list endpoint's query: `cursor` or `updated_after` (not both), `limit` 1..500 (default 100), and lookup
 * filters (`external_id` and the resource's match fields, ANDed). Lookups are filters on the same feed, so they page
 * with cursor and limit like the plain feed (send the same filters with every page). Anything else is a 400.
 */
import * as v from "valibot";
import type { FeedPosition, Lookup, MatchField, Resource } from "../adapter.js";
import { Timestamp } from "../contract/common.js";
import { decodeCursor } from "../core/cursor.js";
import type { FieldProblems } from "../core/failure.js";
import { MATCH_FIELDS, parseLookup } from "../domain/keys.js";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

export interface ListQuery {
  /** Where the page starts (exclusive); null: the beginning. */
  start: FeedPosition | null;
  limit: number;
  lookups: Lookup[];
}

export function parseListQuery(
  resource: Resource,
  params: URLSearchParams,
): { ok: true; query: ListQuery } | { ok: false; fields: FieldProblems } {
  const lookupNames: (MatchField | "external_id")[] = ["external_id", ...MATCH_FIELDS[resource]];
  const fields: FieldProblems = {};
  const query: ListQuery = { start: null, limit: DEFAULT_LIMIT, lookups: [] };
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    if (seen.has(name)) fields[name] = "is given more than once";
    seen.add(name);
    if (name === "limit") {
      const limit = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (limit >= 1 && limit <= MAX_LIMIT) query.limit = limit;
      else fields.limit = `must be a whole number from 1 to ${MAX_LIMIT}, got '${raw}'`;
    } else if (name === "cursor") {
      const position = decodeCursor(resource, raw);
      if (position !== undefined) query.start = position;
      else fields.cursor = `is not a cursor of this shop's ${resource} feed; use next_cursor as returned`;
    } else if (name === "updated_after") {
      if (v.is(Timestamp, raw) && !Number.isNaN(Date.parse(raw))) query.start = { updatedAt: raw, id: null };
      else fields.updated_after = "must be an RFC 3339 UTC time with milliseconds, like 2026-11-26T12:00:00.000Z";
    } else if ((lookupNames as string[]).includes(name)) {
      const parsed = parseLookup(name as MatchField | "external_id", raw);
      if ("problem" in parsed) fields[name] = parsed.problem;
      else query.lookups.push(parsed.lookup);
    } else {
      fields[name] =
        `unknown query parameter '${name}'; known: ${["cursor", "limit", "updated_after", ...lookupNames].join(", ")}`;
    }
  }
  if (seen.has("cursor") && seen.has("updated_after")) {
    fields.updated_after = "cannot be combined with cursor (the cursor already says where to continue)";
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, query };
}

/** The query parameters a resource's list knows: what a filter in front of the API may need. */
export function knownListParameters(resource: Resource): string[] {
  return ["cursor", "limit", "updated_after", "external_id", ...MATCH_FIELDS[resource]];
}
