/**
 * The list endpoint's query: `cursor` or `updated_after` (not both), `limit` 1..500 (default 100), and lookup
 * filters (`external_id` and the resource's match fields, ANDed). Lookups are filters on the same feed, so they page
 * with cursor and limit like the plain feed (send the same filters with every page). Anything else is a 400.
 */
import * as v from "valibot";
import { Timestamp } from "../../../../shared/webshop";
import { decodeCursor, decodeOffsetCursor, FEED_START, type FeedPosition } from "../core/cursor";
import type { FieldProblems } from "../core/failure";
import { externalIdLookup } from "../domain/lookups";
import type { ResourceModel } from "../domain/model";
import type { Resource, ShopRecord } from "../types";

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 500;

export interface ListQuery {
  start: FeedPosition;
  /** Set instead of `start` by the unstableCursors quirk. */
  offset: number;
  limit: number;
  filters: ((record: ShopRecord) => boolean)[];
}

export function parseListQuery(
  model: ResourceModel,
  params: URLSearchParams,
  options: { ignoreUnknown: boolean; offsetCursors: boolean },
): { ok: true; query: ListQuery } | { ok: false; fields: FieldProblems } {
  const resource: Resource = model.resource;
  const lookups = { external_id: externalIdLookup, ...model.lookups } as Record<string, typeof externalIdLookup>;
  const fields: FieldProblems = {};
  const query: ListQuery = { start: FEED_START, offset: 0, limit: DEFAULT_LIMIT, filters: [] };
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    if (seen.has(name)) fields[name] = "is given more than once";
    seen.add(name);
    if (name === "limit") {
      const limit = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (limit >= 1 && limit <= MAX_LIMIT) query.limit = limit;
      else fields.limit = `must be a whole number from 1 to ${MAX_LIMIT}, got '${raw}'`;
    } else if (name === "cursor") {
      const position = options.offsetCursors ? null : decodeCursor(resource, raw);
      const offset = options.offsetCursors ? decodeOffsetCursor(resource, raw) : 0;
      if (position) query.start = position;
      else if (offset !== null && options.offsetCursors) query.offset = offset;
      else fields.cursor = `is not a cursor of this shop's ${resource} feed; use next_cursor as returned`;
    } else if (name === "updated_after") {
      if (v.is(Timestamp, raw) && !Number.isNaN(Date.parse(raw))) {
        query.start = { updatedAt: raw, id: null };
        if (options.offsetCursors) query.filters.push((r) => r.updated_at > raw);
      } else fields.updated_after = `must be an RFC 3339 UTC time with milliseconds, like 2026-11-26T12:00:00.000Z`;
    } else if (Object.hasOwn(lookups, name)) {
      const lookup = lookups[name]!;
      const parsed = lookup.parse(raw);
      if ("problem" in parsed) fields[name] = parsed.problem;
      else query.filters.push((record) => lookup.matches(record, parsed.value));
    } else if (!options.ignoreUnknown) {
      fields[name] =
        `unknown query parameter '${name}'; known: ${["cursor", "limit", "updated_after", ...Object.keys(lookups)].join(", ")}`;
    }
  }
  if (seen.has("cursor") && seen.has("updated_after")) {
    fields.updated_after = "cannot be combined with cursor (the cursor already says where to continue)";
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, query };
}
