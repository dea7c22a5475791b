/**
 * Change feeds: records changed since a cursor, in pages, via lastChangedDateTimeOffsetGreaterThan (exclusive) and
 * OrderBy=LastChangedDateTimeOffset. The connector is stateless: the engine stores the cursor of a page once that
 * page's records are committed, and passes it back for the next one (feed-cursor.ts explains the cursor).
 *
 * Why not PageNumber 1, 2, 3 over one filter: a record edited between two page requests moves to the end, every
 * later record moves up one place, and the first record of the next page slides unseen into the page already read.
 * So each page is asked for afresh from the cursor ("keyset" paging). The records applied at the cursor's instant
 * come back on that read and are skipped, so a page asks for that many more than it hands on. A page hands on at most
 * `pageSize` records (what the caller can finish in one go), even when a bulk import gave thousands of records one
 * timestamp: the cursor then stops inside that tie group and the next page resumes there. A page whose records were
 * all applied before is asked for again with a doubled PageSize; past the 20000 maximum the feed falls back to
 * PageNumber over that one instant.
 */
import type * as v from "valibot";
import type { Api, QueryValue } from "./api";
import type { EntityName, Result } from "./errors";
import { fail, ok } from "./errors";
import { advance, checkCursor, type FeedCursor, type Row, START_OF_FEED } from "./feed-cursor";
import { timestampTicks } from "./timestamp";
import { readList } from "./validate";

export type { FeedCursor };
export { START_OF_FEED };

export interface FeedPage<T> {
  /** Changes not applied before, oldest first. */
  records: T[];
  /** Store this once `records` are committed; pass it to the next call. */
  cursor: FeedCursor;
  /** No more changes right now; poll again later with `cursor`. */
  done: boolean;
}

export const DEFAULT_FEED_PAGE_SIZE = 500;
/** PowerOffice's MaxPageSize. */
export const MAX_PAGE_SIZE = 20_000;

export interface FeedSpec<T> {
  entity: EntityName;
  path: string;
  schema: v.GenericSchema<unknown, T>;
  idOf(record: T): string;
  changedOf(record: T): string;
  /** Extra filters (e.g. onlyCreatedByCurrentIntegration). */
  query?: Record<string, QueryValue>;
}

/** One page of changes after `cursor` (a stored cursor is checked first: storage is outside input too). */
export async function readChangesPage<T>(
  api: Api,
  spec: FeedSpec<T>,
  cursor: FeedCursor = START_OF_FEED,
  pageSize = DEFAULT_FEED_PAGE_SIZE,
): Promise<Result<FeedPage<T>>> {
  const checked = checkCursor(spec.entity, cursor);
  if (!checked.ok) return checked;
  const { after, at, ids } = checked.value;
  const seen = new Set(ids);
  const limit = Math.min(Math.max(1, Math.floor(pageSize)), MAX_PAGE_SIZE);
  let size = Math.min(limit + seen.size, MAX_PAGE_SIZE);
  let pageNumber = 1;
  for (;;) {
    const query = {
      ...spec.query,
      lastChangedDateTimeOffsetGreaterThan: after ?? undefined,
      OrderBy: "LastChangedDateTimeOffset",
      PageNumber: pageNumber,
      PageSize: size,
    };
    const res = await api.send({ method: "GET", path: spec.path, query, entity: spec.entity });
    if (!res.ok) return res;
    const operation = `GET ${spec.path}`;
    const list = readList(spec.schema, spec.entity, res.value, operation);
    if (!list.ok) return list;
    const rows = list.value.map((record) => ({ record, id: spec.idOf(record), ticks: ticksOf(spec, record) }));
    const full = rows.length >= size;
    const done = !full || pagingSaysLast(res.value.headers);
    if (full && !isSorted(rows)) {
      return fail({
        kind: "unexpected-response",
        operation,
        entity: spec.entity,
        path: "LastChangedDateTimeOffset",
        value: rows.map((r) => spec.changedOf(r.record)).slice(0, 5),
        message: `PowerOffice did not order the ${spec.entity} changes by LastChangedDateTimeOffset, so they cannot be paged safely (${operation}).`,
      });
    }
    rows.sort((a, b) => (a.ticks < b.ticks ? -1 : a.ticks > b.ticks ? 1 : 0));
    const atTicks = at === null ? null : timestampTicks(at);
    const isFresh = (r: Row<T>) => !(r.ticks === atTicks && seen.has(r.id));
    const taken = upToFresh(rows, limit, isFresh);
    const fresh = dedupe(taken.filter(isFresh));
    if (fresh.length === 0 && !done) {
      // Only records already applied, all at `at`: the tie group is larger than this page.
      if (size < MAX_PAGE_SIZE) size = Math.min(size * 2, MAX_PAGE_SIZE);
      else pageNumber++;
      continue;
    }
    return ok({
      records: fresh.map((r) => r.record),
      cursor: advance(checked.value, taken, spec.changedOf),
      done: done && taken.length === rows.length,
    });
  }
}

/** Every page from `cursor` on; stops after the last page or the first error. */
export async function* readChanges<T>(
  api: Api,
  spec: FeedSpec<T>,
  cursor: FeedCursor = START_OF_FEED,
  pageSize = DEFAULT_FEED_PAGE_SIZE,
): AsyncGenerator<Result<FeedPage<T>>> {
  let next = cursor;
  for (;;) {
    const page = await readChangesPage(api, spec, next, pageSize);
    yield page;
    if (!page.ok || page.value.done) return;
    next = page.value.cursor;
  }
}

function ticksOf<T>(spec: FeedSpec<T>, record: T): bigint {
  // The schema has already refused anything that is not a timestamp.
  return timestampTicks(spec.changedOf(record)) ?? 0n;
}

function isSorted<T>(rows: Row<T>[]): boolean {
  return rows.every((r, i) => i === 0 || (rows[i - 1] as Row<T>).ticks <= r.ticks);
}

/**
 * The sorted rows up to and including the `limit`-th fresh one: still "every change after the cursor up to here",
 * so advance() keeps its place exactly, inside a tie group too (the rows left out are read again next time).
 */
function upToFresh<T>(rows: Row<T>[], limit: number, isFresh: (r: Row<T>) => boolean): Row<T>[] {
  let count = 0;
  for (let i = 0; i < rows.length; i++) {
    if (isFresh(rows[i] as Row<T>) && ++count === limit) return rows.slice(0, i + 1);
  }
  return rows;
}

/** A record seen twice on one page (it moved while the page was read) is applied once, in its newest state. */
function dedupe<T>(rows: Row<T>[]): Row<T>[] {
  const last = new Map(rows.map((r, i) => [r.id, i]));
  return rows.filter((r, i) => last.get(r.id) === i);
}

/** X-Pagination's `nextPageLink` (its other fields are unconfirmed): explicitly empty means this was the last page. */
export function pagingSaysLast(headers: Headers): boolean {
  const header = headers.get("X-Pagination");
  if (!header) return false;
  try {
    const json: unknown = JSON.parse(header);
    if (!json || typeof json !== "object") return false;
    const entry = Object.entries(json).find(([k]) => k.toLowerCase() === "nextpagelink");
    return !!entry && (entry[1] === null || entry[1] === "");
  } catch {
    return false;
  }
}
