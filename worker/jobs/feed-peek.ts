/**
 * Does a change feed have anything for the engine? One read after the stored cursor tells, so a quiet feed costs two
 * subrequests (the cursor and the read) and takes no lease, and the budget goes to feeds with work.
 */
import type { SidePort, Store } from "../core/ports";
import type { DataflowId, Side } from "../core/types";

export type Peek = { work: boolean } | { work: false; error: string };

/** The page size of a peek: the engine's own, so the connector asks PowerOffice the same question it will. */
export const PEEK_PAGE_SIZE = 25;

export async function peekFeed(
  store: Store,
  sides: Record<Side, SidePort>,
  dataflow: DataflowId,
  side: Side,
  /** The cursor when the caller read it already (the cron reads all of them in one batch). */
  known?: { cursor: unknown | null },
): Promise<Peek> {
  const cursor = known ? known.cursor : await store.cursors.get(dataflow, side);
  // Never read: the engine's first page stores a cursor (and may open the customers gate) even when it is empty.
  if (cursor === null) return { work: true };
  const page = await sides[side].feedPage(dataflow, cursor, PEEK_PAGE_SIZE);
  if (!page.ok) return { work: false, error: page.error.message };
  const moved = JSON.stringify(page.value.cursor) !== JSON.stringify(cursor);
  return { work: page.value.records.length > 0 || moved };
}
