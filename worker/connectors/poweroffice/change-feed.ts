/**
 * Change feeds: records changed since a cursor, in pages, via lastChangedDateTimeOffsetGreaterThan (exclusive) and
 * OrderBy=LastChangedDateTimeOffset. The connector is stateless: the engine stores the cursor of a page once that
 * page's records are committed, and passes it back for the next one.
 *
 * Why not PageNumber 1, 2, 3 over one filter: a record edited between two page requests moves to the end, every
 * later record moves up one place, and the first record of the next page slides unseen into the page already read.
 * So each page is asked for afresh from the cursor ("keyset" paging), and the cursor is exact even when many
 * records share one timestamp across a page boundary, without relying on any tie-break order (none is documented):
 *
 *   cursor = { after, at, ids }
 *   after: exclusive lower bound sent to PowerOffice; every change up to it is applied.
 *   at, ids: the newest timestamp applied so far and the records applied at exactly that timestamp; the next page
 *            may show them again (their timestamp is > after) and they are skipped, by id.
 *
 *   page (sorted) ─▶ skip (at, ids) ─▶ M = newest on page ─▶ at = M, ids = those at M (plus old ids if M = at)
 *                                                        └─▶ after = newest applied timestamp below M
 *
 * A page whose records all sit at `at` and were all applied (a tie group bigger than the page) is asked for again
 * with a doubled PageSize; past the 20000 maximum the feed falls back to PageNumber over that one timestamp.
 */
import * as v from "valibot";
import type { Api, QueryValue } from "./api";
import type { EntityName, Result } from "./errors";
import { fail, invalidInput, ok } from "./errors";
import { timestampTicks } from "./timestamp";
import { readList } from "./validate";

export interface FeedCursor {
  after: string | null;
  at: string | null;
  ids: string[];
}

export interface FeedPage<T> {
  /** Changes not applied before, oldest first. */
  records: T[];
  /** Store this once `records` are committed; pass it to the next call. */
  cursor: FeedCursor;
  /** No more changes right now; poll again later with `cursor`. */
  done: boolean;
}

export const START_OF_FEED: FeedCursor = { after: null, at: null, ids: [] };
export const DEFAULT_FEED_PAGE_SIZE = 500;
/** PowerOffice's MaxPageSize. */
export const MAX_PAGE_SIZE = 20_000;

const CursorSchema = v.object({
  after: v.nullable(v.string()),
  at: v.nullable(v.string()),
  ids: v.array(v.string()),
});

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
  let size = Math.min(Math.max(1, Math.floor(pageSize)), MAX_PAGE_SIZE);
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
    const fresh = dedupe(rows.filter((r) => !(r.ticks === atTicks && seen.has(r.id))));
    if (fresh.length === 0 && !done) {
      // Only records already applied, all at `at`: the tie group is larger than this page.
      if (size < MAX_PAGE_SIZE) size = Math.min(size * 2, MAX_PAGE_SIZE);
      else pageNumber++;
      continue;
    }
    return ok({ records: fresh.map((r) => r.record), cursor: advance(spec, checked.value, rows), done });
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

interface Row<T> {
  record: T;
  id: string;
  ticks: bigint;
}

function advance<T>(spec: FeedSpec<T>, cursor: FeedCursor, rows: Row<T>[]): FeedCursor {
  const newest = rows[rows.length - 1];
  if (!newest) return cursor;
  const atTicks = cursor.at === null ? null : timestampTicks(cursor.at);
  const idsAtNewest = rows.filter((r) => r.ticks === newest.ticks).map((r) => r.id);
  const sameInstant = atTicks === newest.ticks;
  // Below the newest timestamp on a sorted page of "the first N after `after`", every change is on this page (or
  // applied before): the largest such timestamp is a safe exclusive bound. The old `at` qualifies the same way.
  let after = cursor.after;
  let afterTicks = after === null ? null : timestampTicks(after);
  const below = [...rows].reverse().find((r) => r.ticks < newest.ticks);
  const candidates: [string, bigint][] = [];
  if (below) candidates.push([spec.changedOf(below.record), below.ticks]);
  if (cursor.at !== null && atTicks !== null && atTicks < newest.ticks) candidates.push([cursor.at, atTicks]);
  for (const [text, ticks] of candidates) {
    if (afterTicks === null || ticks > afterTicks) {
      after = text;
      afterTicks = ticks;
    }
  }
  return {
    after,
    at: sameInstant ? cursor.at : spec.changedOf(newest.record),
    ids: sameInstant ? [...new Set([...cursor.ids, ...idsAtNewest])] : [...new Set(idsAtNewest)],
  };
}

function ticksOf<T>(spec: FeedSpec<T>, record: T): bigint {
  // The schema has already refused anything that is not a timestamp.
  return timestampTicks(spec.changedOf(record)) ?? 0n;
}

function isSorted<T>(rows: Row<T>[]): boolean {
  return rows.every((r, i) => i === 0 || (rows[i - 1] as Row<T>).ticks <= r.ticks);
}

/** A record seen twice on one page (it moved while the page was read) is applied once, in its newest state. */
function dedupe<T>(rows: Row<T>[]): Row<T>[] {
  const last = new Map(rows.map((r, i) => [r.id, i]));
  return rows.filter((r, i) => last.get(r.id) === i);
}

/** X-Pagination's `nextPageLink` (its other fields are unconfirmed): explicitly empty means this was the last page. */
function pagingSaysLast(headers: Headers): boolean {
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

function checkCursor(entity: EntityName, cursor: unknown): Result<FeedCursor> {
  const parsed = v.safeParse(CursorSchema, cursor);
  const bad = (value: unknown) =>
    fail<FeedCursor>(invalidInput(entity, "feed cursor", value, "is not a cursor this connector wrote"));
  if (!parsed.success) return bad(cursor);
  const { after, at } = parsed.output;
  if ((after !== null && timestampTicks(after) === null) || (at !== null && timestampTicks(at) === null)) {
    return bad(cursor);
  }
  return ok(parsed.output);
}
