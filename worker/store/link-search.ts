/**
 * The admin's search over links, defined once for both stores: a case-insensitive substring of either side's id or
 * match key, or of a text (or whole-number) value anywhere in either snapshot. Property names are not searched.
 * SQLite's lower() folds ASCII only, so the in-memory twin folds ASCII only too: "ø" does not find "Ø" in either.
 */
import type { LinkRow } from "./link-rows";

/** The term as both stores compare it; null when there is nothing to search for. */
export function searchNeedle(search: string | undefined): string | null {
  const term = search?.trim() ?? "";
  return term === "" ? null : asciiLower(term);
}

export const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * The SQL condition, with the needle bound as `?<n>`. json_tree's `atom` is the unescaped value of a scalar,
 * and JSON whole numbers are its type 'integer'.
 */
export function searchSql(n: number): string {
  const inText = (column: string) => `instr(lower(${column}), ?${n}) > 0`;
  const inSnapshot = (column: string) =>
    `EXISTS (SELECT 1 FROM json_tree(links.${column}) WHERE type IN ('text', 'integer') AND ${inText("CAST(atom AS TEXT)")})`;
  return `(${[
    inText("poweroffice_id"),
    inText("webshop_id"),
    inText("match_key_po"),
    inText("match_key_shop"),
    inSnapshot("poweroffice_snapshot"),
    inSnapshot("webshop_snapshot"),
  ].join(" OR ")})`;
}

export function rowMatchesSearch(row: LinkRow, needle: string): boolean {
  const hit = (text: string | null) => text !== null && asciiLower(text).includes(needle);
  return (
    hit(row.poweroffice_id) ||
    hit(row.webshop_id) ||
    hit(row.match_key_po) ||
    hit(row.match_key_shop) ||
    snapshotHit(row.poweroffice_snapshot, hit) ||
    snapshotHit(row.webshop_snapshot, hit)
  );
}

function snapshotHit(json: string | null, hit: (text: string) => boolean): boolean {
  if (json === null) return false;
  const walk = (value: unknown): boolean => {
    if (typeof value === "string") return hit(value);
    if (typeof value === "number") return Number.isSafeInteger(value) && hit(String(value));
    if (Array.isArray(value)) return value.some(walk);
    if (value !== null && typeof value === "object") return Object.values(value).some(walk);
    return false;
  };
  return walk(JSON.parse(json));
}
