/** Reads a resource's change feed page by page, checking each page's envelope, until has_more is false. */
import type { Resource } from "../../shared/webshop";
import { check, describe, show } from "./checks";
import type { ShopClient } from "./client";
import type { ShopRecord } from "./fixtures";
import { Violation } from "./types";

export interface FeedPage {
  data: ShopRecord[];
  next_cursor: string;
  has_more: boolean;
}

export interface FeedRead {
  items: ShopRecord[];
  pages: number;
  /** The last page's next_cursor: where to resume later. */
  cursor: string;
}

/** A real shop's feed can be long; the kit starts near its own records, so this many pages means a looping cursor. */
const MAX_PAGES = 200;

export async function feedPage(shop: ShopClient, resource: Resource, query: [string, string][]): Promise<FeedPage> {
  const reply = await shop.get(`/${resource}`, query);
  check(reply.status === 200, `200 with a page of the ${resource} feed`, describe(reply));
  const page = reply.json as Partial<FeedPage> | undefined;
  check(
    typeof page === "object" &&
      page !== null &&
      Array.isArray(page.data) &&
      typeof page.next_cursor === "string" &&
      page.next_cursor.length > 0 &&
      typeof page.has_more === "boolean",
    `the list envelope {"data": [...], "next_cursor": "<non-empty string>", "has_more": bool} from ${reply.request}`,
    show(reply.json ?? reply.text),
  );
  for (const item of page.data as unknown[]) {
    const record = item as Partial<ShopRecord>;
    check(
      typeof record?.id === "string" && typeof record.updated_at === "string",
      `every item of ${reply.request} to be a record with an id and updated_at`,
      show(item),
    );
  }
  return page as FeedPage;
}

/** Follows next_cursor from `start` (updated_after or cursor) until has_more is false. */
export async function readToEnd(
  shop: ShopClient,
  resource: Resource,
  start: { updated_after?: string; cursor?: string },
  limit: number,
): Promise<FeedRead> {
  const items: ShopRecord[] = [];
  let query: [string, string][] = [["limit", String(limit)]];
  if (start.cursor) query.push(["cursor", start.cursor]);
  else if (start.updated_after) query.push(["updated_after", start.updated_after]);
  for (let pages = 1; pages <= MAX_PAGES; pages++) {
    const page = await feedPage(shop, resource, query);
    check(
      page.data.length <= limit,
      `at most limit=${limit} records per page of the ${resource} feed`,
      `${page.data.length} records`,
    );
    items.push(...page.data);
    if (!page.has_more) return { items, pages, cursor: page.next_cursor };
    query = [
      ["limit", String(limit)],
      ["cursor", page.next_cursor],
    ];
  }
  throw new Violation(`the ${resource} feed to end (has_more false) within ${MAX_PAGES} pages`, "it kept going");
}

/** One millisecond before a contract timestamp, in the same format: the updated_after that includes it. */
export function justBefore(timestamp: string): string {
  return new Date(Date.parse(timestamp) - 1).toISOString();
}

/** A lookup (`?external_id=` or a match field): the same envelope, one page; the kit's lookups match few records. */
export async function lookup(
  shop: ShopClient,
  resource: Resource,
  param: string,
  value: string,
): Promise<ShopRecord[]> {
  const page = await feedPage(shop, resource, [[param, value]]);
  return page.data;
}
