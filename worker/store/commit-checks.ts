/** What a commit carries besides links, checked the same way by both stores before anything is written. */
import type { Commit, CursorSkip } from "../core/ports";
import { DATAFLOWS, type DataflowId, SIDES, type Side } from "../core/types";
import { InvalidStoreInputError, jsonText, type LinkRow } from "./link-rows";

export interface CursorRow {
  dataflow: string;
  side: string;
  value: string;
  /** The kept page as JSON, or null (a cursor written without a page drops the one kept). */
  page: string | null;
}

export function toCursorRow(cursor: NonNullable<Commit["cursor"]>): CursorRow {
  if (!DATAFLOWS.includes(cursor.dataflow)) throw new InvalidStoreInputError(`unknown dataflow ${cursor.dataflow}`);
  if (!SIDES.includes(cursor.side)) throw new InvalidStoreInputError(`unknown side ${cursor.side}`);
  const page = cursor.page ? jsonText(cursor.page, "kept page") : null;
  return { dataflow: cursor.dataflow, side: cursor.side, value: jsonText(cursor.value, "cursor value"), page };
}

/** A cursor's move past a page of echoes (`Store.cursors.skip`), checked: its two values as stored text. */
export function skipValues(dataflow: DataflowId, side: Side, move: CursorSkip): [string, string] {
  const stored = (value: unknown) => toCursorRow({ dataflow, side, value }).value;
  if (typeof move.lease !== "string" || move.lease === "")
    throw new InvalidStoreInputError("the poll lease's name is empty");
  if (!Number.isSafeInteger(move.nowMs))
    throw new InvalidStoreInputError(`now must be whole epoch ms, not ${move.nowMs}`);
  return [stored(move.from), stored(move.to)];
}

export function settingEntries(settings: Commit["settings"]): Array<[string, string | null]> {
  return Object.entries(settings ?? {}).map(([key, value]) => {
    if (value !== null && typeof value !== "string")
      throw new InvalidStoreInputError(`setting ${key} must be text or null`);
    return [key, value];
  });
}

/** The link of the same commit an activity entry points at with `linkIndex`. */
export function linkAt(rows: LinkRow[], linkIndex: number): LinkRow {
  const row = Number.isSafeInteger(linkIndex) ? rows[linkIndex] : undefined;
  if (!row) throw new InvalidStoreInputError(`activity linkIndex ${linkIndex} names no link of this commit`);
  return row;
}

/** A time compared as text with a setting's value: only the one form both are written in (toISOString, UTC). */
export function checkTime(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== value)
    throw new InvalidStoreInputError(`time ${JSON.stringify(value)} must be RFC 3339 in UTC with milliseconds`);
  return value;
}

/** A link to drop: its id and the rev it was read at, both whole numbers. */
export function checkDrop(drop: { id: number; rev: number }): { id: number; rev: number } {
  if (!Number.isSafeInteger(drop.id) || !Number.isSafeInteger(drop.rev))
    throw new InvalidStoreInputError(`a link to drop needs a whole id and rev, not ${JSON.stringify(drop)}`);
  return drop;
}
