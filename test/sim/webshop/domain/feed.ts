/**
 * One page of a resource's change feed: every record (archived and cancelled ones too) in (updated_at, id) order,
 * after a position, narrowed by lookup filters. Because every change gets a timestamp later than all before it
 * (core/change-clock.ts), a reader that keeps `next_cursor` sees each later change exactly once.
 */
import { type FeedPosition, feedOrder, isAfter } from "../core/cursor";
import type { ShopRecord } from "../types";

export interface FeedPage<T> {
  data: T[];
  /** The last record returned, or the start position when the page is empty (so the cursor never goes back). */
  next: FeedPosition;
  has_more: boolean;
}

export function readFeed<T extends ShopRecord>(
  records: T[],
  start: FeedPosition,
  filters: ((record: T) => boolean)[],
  limit: number,
): FeedPage<T> {
  const after = records.filter((r) => isAfter(start, r.updated_at, r.id) && filters.every((f) => f(r))).sort(feedOrder);
  const data = after.slice(0, limit);
  const last = data.at(-1);
  return { data, next: last ? { updatedAt: last.updated_at, id: last.id } : start, has_more: after.length > limit };
}

/** The `unstableCursors` quirk: an offset into the sort as it is now, so changes between pages shift what it points at. */
export function readFeedByOffset<T extends ShopRecord>(
  records: T[],
  offset: number,
  filters: ((record: T) => boolean)[],
  limit: number,
) {
  const all = records.filter((r) => filters.every((f) => f(r))).sort(feedOrder);
  const data = all.slice(offset, offset + limit);
  return { data, nextOffset: offset + data.length, has_more: all.length > offset + limit };
}
