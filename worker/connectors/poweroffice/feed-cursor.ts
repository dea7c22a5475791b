/**
 * The change-feed cursor: exact when many records share one timestamp across a page boundary, without relying on a
 * tie-break order (none is documented), and plain JSON so the engine can store it.
 *
 *   cursor = { after, at, ids }
 *   after: exclusive lower bound sent to PowerOffice; every change up to it is applied.
 *   at, ids: the newest timestamp applied so far and the records applied at exactly that instant; the next page
 *            may show them again (their timestamp is > after) and they are skipped, by id.
 *
 *   page (sorted) ─▶ skip (at, ids) ─▶ M = newest on page ─▶ at = M, ids = those at M (plus old ids if M = at)
 *                                                        └─▶ after = newest applied timestamp below M
 *
 * Timestamps are compared as ticks (timestamp.ts), never through Date.
 */
import * as v from "valibot";
import type { EntityName, Result } from "./errors";
import { fail, invalidInput, ok } from "./errors";
import { timestampTicks } from "./timestamp";

export interface FeedCursor {
  after: string | null;
  at: string | null;
  ids: string[];
}

export const START_OF_FEED: FeedCursor = { after: null, at: null, ids: [] };

const CursorSchema = v.object({
  after: v.nullable(v.string()),
  at: v.nullable(v.string()),
  ids: v.array(v.string()),
});

export interface Row<T> {
  record: T;
  id: string;
  ticks: bigint;
}

/** The cursor after `rows` (sorted oldest first, the whole page as PowerOffice sent it) are applied. */
export function advance<T>(cursor: FeedCursor, rows: Row<T>[], changedOf: (record: T) => string): FeedCursor {
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
  if (below) candidates.push([changedOf(below.record), below.ticks]);
  if (cursor.at !== null && atTicks !== null && atTicks < newest.ticks) candidates.push([cursor.at, atTicks]);
  for (const [text, ticks] of candidates) {
    if (afterTicks === null || ticks > afterTicks) {
      after = text;
      afterTicks = ticks;
    }
  }
  return {
    after,
    at: sameInstant ? cursor.at : changedOf(newest.record),
    ids: sameInstant ? [...new Set([...cursor.ids, ...idsAtNewest])] : [...new Set(idsAtNewest)],
  };
}

/** A stored cursor is outside input like any other: checked before use. */
export function checkCursor(entity: EntityName, cursor: unknown): Result<FeedCursor> {
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
