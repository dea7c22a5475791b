/**
 * One page of a resource's change feed: every record (archived and cancelled ones too) in (updated_at, id) order,
 * after a position, narrowed by lookups. The adapter narrows by the first lookup; further ones (ANDed) are checked
 * here, reading on until the page is full. Because the adapter's change clock is strictly increasing in commit order,
 * a reader that keeps `next_cursor` sees each later change exactly once.
 */
import type { FeedPosition, Lookup, Resource, StoredRecord, WebshopAdapter } from "../adapter.js";
import { matchesLookup } from "../domain/keys.js";

export interface FeedPage {
  data: StoredRecord[];
  /** The last record returned, or the start when the page is empty (so the cursor never goes back). */
  next: FeedPosition | null;
  has_more: boolean;
}

export async function readPage(
  adapter: WebshopAdapter,
  resource: Resource,
  start: FeedPosition | null,
  lookups: Lookup[],
  limit: number,
): Promise<FeedPage> {
  const [first, ...rest] = lookups;
  const found: StoredRecord[] = [];
  let position = start;
  // One more than asked says whether there is more.
  const batch = Math.max(limit + 1, rest.length > 0 ? 200 : 0);
  for (;;) {
    const records = await adapter.feed(resource, position, batch, first);
    found.push(...records.filter((record) => rest.every((lookup) => matchesLookup(resource, record, lookup))));
    const last = records.at(-1);
    if (found.length > limit || records.length < batch || !last) break;
    position = { updatedAt: last.updated_at, id: last.id };
  }
  const data = found.slice(0, limit);
  const last = data.at(-1);
  return { data, next: last ? { updatedAt: last.updated_at, id: last.id } : start, has_more: found.length > limit };
}
