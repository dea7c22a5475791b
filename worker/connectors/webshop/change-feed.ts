/**
 * The change feed of one resource: `GET /R?cursor=&limit=` sorted by (updated_at, id), with an exact, opaque cursor
 * the shop encodes. The client is stateless: the engine stores `cursor` once a page's records are committed and
 * passes it back; `null` starts at the beginning (or at `updatedAfter`, exclusive).
 *
 *   GET ─▶ envelope + every record valid? ─▶ in order? ─▶ cursor moved (when has_more)? ─▶ { records, cursor, done }
 *
 * The guards refuse a page from a shop that breaks the feed's rules rather than store a cursor that skips changes
 * or loops forever. Within one updated_at the tie order of ids is the shop's own (numeric, collation, ...), so only
 * time order and repeats are checked, not how ids compare.
 */
import * as v from "valibot";
import { type Resource, Timestamp } from "../../../shared/webshop";
import type { Api } from "./api";
import { contractViolation, fail, invalidInput, ok, type Result } from "./errors";
import type { RecordOf } from "./resources";
import { readPage } from "./validate";

export interface FeedPage<T> {
  /** Changed records, oldest first. An object changed again after it was read appears again. */
  records: T[];
  /** Store this once `records` are committed, and pass it next time (also when `done`: the contract says keep it). */
  cursor: string;
  /** has_more was false: nothing newer right now; poll again later from `cursor`. */
  done: boolean;
}

export interface FeedOptions {
  /** Page size, 1..500 (the contract's range). */
  limit?: number;
  /** Start after this RFC 3339 time (exclusive), when there is no cursor yet. */
  updatedAfter?: string;
}

export const DEFAULT_FEED_LIMIT = 200;
export const MAX_FEED_LIMIT = 500;

/** One page of changes after `cursor`. */
export async function readChangesPage<R extends Resource>(
  api: Api,
  resource: R,
  cursor: string | null = null,
  options: FeedOptions = {},
): Promise<Result<FeedPage<RecordOf<R>>>> {
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? DEFAULT_FEED_LIMIT)), MAX_FEED_LIMIT);
  if (cursor !== null && (typeof cursor !== "string" || cursor === "")) {
    return fail(invalidInput(resource, "cursor", cursor, "is not a cursor the webshop gave"));
  }
  const { updatedAfter } = options;
  if (updatedAfter !== undefined && !v.is(Timestamp, updatedAfter)) {
    return fail(invalidInput(resource, "updatedAfter", updatedAfter, "must be like 2026-11-26T12:00:00.000Z"));
  }
  // A stored cursor already encodes the position; updated_after only places a feed that has none yet.
  const query = cursor !== null ? { cursor, limit } : { updated_after: updatedAfter, limit };
  const path = `/${resource}`;
  const operation = `GET ${path}`;
  const res = await api.send({ method: "GET", path, query, resource });
  if (!res.ok) return res;
  const page = readPage(resource, res.value, operation);
  if (!page.ok) return page;
  const { data, next_cursor, has_more } = page.value;

  const disorder = firstDisorder(data);
  if (disorder) {
    return fail(
      contractViolation(
        resource,
        operation,
        "feed-order",
        `the page is not sorted by updated_at: ${disorder.after.id} (${disorder.after.updated_at}) comes after ${disorder.before.id} (${disorder.before.updated_at})`,
        { before: disorder.before, after: disorder.after },
        disorder.after.id,
      ),
    );
  }
  if (has_more && (next_cursor === cursor || data.length === 0)) {
    return fail(
      contractViolation(
        resource,
        operation,
        "cursor-stalled",
        data.length === 0
          ? "it says has_more with an empty page, so reading on would never end"
          : `it says has_more but next_cursor did not move from ${JSON.stringify(cursor)}, so reading on would loop forever`,
        { cursor, next_cursor, records: data.length },
      ),
    );
  }
  return ok({ records: data, cursor: next_cursor, done: !has_more });
}

interface Position {
  id: string;
  updated_at: string;
}

/** The first record out of time order, or an (updated_at, id) seen twice. Fixed-width UTC text sorts as time does. */
function firstDisorder(records: Position[]): { before: Position; after: Position } | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < records.length; i++) {
    const after = records[i]!;
    const before = records[i - 1];
    const key = `${after.updated_at}|${after.id}`;
    if (before && after.updated_at < before.updated_at) return { before, after };
    if (seen.has(key)) return { before: after, after };
    seen.add(key);
  }
  return undefined;
}
