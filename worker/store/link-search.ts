/**
 * The admin's search over links, defined once for both stores: a case-insensitive substring of either side's id or
 * match key, or of a text (or whole-number) value anywhere in either snapshot. Property names are not searched.
 * SQLite's lower() folds ASCII only, so the in-memory twin folds ASCII only too: "ø" does not find "Ø" in either.
 *
 * D1 keeps each link's searchable text in the link's own `search_text` column, which the store writes with `searchText`
 * in the same statement as the rest of the row (migration 0007_rows_written.sql; link-sql.ts), so a search reads the
 * links in id order, compares one text per link, and stops at the page's limit, instead of parsing every link's
 * JSON; and a write that changes the text costs no row beyond the link's own. The in-memory twin builds the same
 * text with `searchText` when it searches.
 */
import type { LinkRow } from "./link-rows";

/** Between values in the search text; never in a needle, so a needle matches within one value only. */
const SEPARATOR = "\u001f";

/** The term as both stores compare it; null when there is nothing to search for. */
export function searchNeedle(search: string | undefined): string | null {
  const term = search?.replaceAll(SEPARATOR, "").trim() ?? "";
  return term === "" ? null : asciiLower(term);
}

export const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The SQL condition on `links`, with the needle bound as `?<n>`. */
export function searchSql(n: number): string {
  return `instr(links.search_text, ?${n}) > 0`;
}

/** The text `links.search_text` holds for `row` (migration 0006's view computed the same in SQL for older rows). */
export function searchText(row: LinkRow): string {
  const values = [row.poweroffice_id, row.webshop_id, row.match_key_po, row.match_key_shop].map((v) => v ?? "");
  const snapshot = (json: string | null) => (json === null ? "" : snapshotValues(JSON.parse(json)).join(SEPARATOR));
  return asciiLower([...values, snapshot(row.poweroffice_snapshot), snapshot(row.webshop_snapshot)].join(SEPARATOR));
}

export function rowMatchesSearch(row: LinkRow, needle: string): boolean {
  return searchText(row).includes(needle);
}

/** JSON's text values and whole numbers (json_tree's 'text' and 'integer' atoms), in any order. */
function snapshotValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (typeof value === "number") return Number.isSafeInteger(value) ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap(snapshotValues);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(snapshotValues);
  return [];
}
