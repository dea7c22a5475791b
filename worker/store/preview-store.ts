/**
 * The preview's tables (migration 0013; docs/sync-engine.md, "Preview"): the records read of both systems before the
 * first sync, and the plan's items. Statements are handed back where the caller sends them in one batch with its
 * other writes (a page's records with its progress); no statement binds more than D1's 100 parameters.
 */
import type { SideRecord } from "../core/ports";
import type { PreviewKeys } from "../core/preview-partition";
import type { DataflowId, Side } from "../core/types";

export interface StoredPreviewRecord {
  record: SideRecord;
  matchKey: string | null;
  origin: string | null;
  label: string;
}

/** One statement per record (a record as read may be a few kilobytes; D1 caps a statement's length, not a batch's). */
export function insertPreviewRecords(
  db: D1Database,
  dataflow: DataflowId,
  side: Side,
  records: StoredPreviewRecord[],
): D1PreparedStatement[] {
  return records.map(({ record, matchKey, origin, label }) =>
    db
      .prepare(
        "INSERT OR REPLACE INTO preview_records (dataflow, side, id, match_key, origin, archived, label, record) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(dataflow, side, record.id, matchKey, origin, record.archived ? 1 : 0, label, JSON.stringify(record)),
  );
}

/** Each side's records of the dataflow in the order they were read: the key columns and labels, no record JSON. */
export async function readPreviewKeys(db: D1Database, dataflow: DataflowId): Promise<Record<Side, PreviewKeys[]>> {
  const { results } = await db
    .prepare(
      "SELECT side, id, match_key AS matchKey, origin, label FROM preview_records WHERE dataflow = ? ORDER BY rowid",
    )
    .bind(dataflow)
    .all<PreviewKeys & { side: Side; label: string | null }>();
  const out: Record<Side, PreviewKeys[]> = { poweroffice: [], webshop: [] };
  for (const { side, id, matchKey, origin, label } of results) {
    out[side].push({ id, matchKey, origin, label: label ?? id });
  }
  return out;
}

/** Ids per statement: with the dataflow and the side, within D1's 100 bound parameters. */
const IDS_PER_STATEMENT = 98;

/** The records of one side with these ids, as read (with the partner each names and its label). */
export async function readPreviewRecordsByIds(
  db: D1Database,
  dataflow: DataflowId,
  side: Side,
  ids: string[],
): Promise<Array<SideRecord & { origin: string | null; label: string }>> {
  const out: Array<SideRecord & { origin: string | null; label: string }> = [];
  for (let at = 0; at < ids.length; at += IDS_PER_STATEMENT) {
    const chunk = ids.slice(at, at + IDS_PER_STATEMENT);
    const { results } = await db
      .prepare(
        `SELECT id, origin, label, record FROM preview_records WHERE dataflow = ? AND side = ? AND id IN (${chunk.map(() => "?").join(", ")})`,
      )
      .bind(dataflow, side, ...chunk)
      .all<{ id: string; origin: string | null; label: string | null; record: string }>();
    for (const row of results) {
      out.push({ ...(JSON.parse(row.record) as SideRecord), origin: row.origin, label: row.label ?? row.id });
    }
  }
  return out;
}

export const clearPreviewRecords = (db: D1Database) => db.prepare("DELETE FROM preview_records");
export const clearPreviewItems = (db: D1Database) => db.prepare("DELETE FROM preview_items");

export interface ItemRow {
  dataflow: DataflowId;
  action: string;
  differing: boolean;
  searchText: string;
  item: unknown;
}

const ITEM_COLUMNS = 5;
/** Rows per INSERT: 5 parameters each, within D1's 100 per statement. */
const ITEMS_PER_STATEMENT = Math.floor(100 / ITEM_COLUMNS);

/**
 * Fails the batch it is in (commit_guard, migration 0004) unless the setting `key` still holds `expected`: a chunk of
 * the plan is stored only from the position it was planned from.
 */
export const planPositionGuard = (db: D1Database, key: string, expected: string | null) =>
  db
    .prepare(
      "INSERT INTO commit_guard (stale_link, lost_lease) SELECT NULL, 0 WHERE (SELECT value FROM settings WHERE key = ?) IS NOT ?",
    )
    .bind(key, expected);

export const deletePreviewItems = (db: D1Database, dataflow: DataflowId) =>
  db.prepare("DELETE FROM preview_items WHERE dataflow = ?").bind(dataflow);

/** `items` added after the dataflow's items so far, in their order. */
export function appendPreviewItems(db: D1Database, items: ItemRow[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let at = 0; at < items.length; at += ITEMS_PER_STATEMENT) {
    const chunk = items.slice(at, at + ITEMS_PER_STATEMENT);
    const values = chunk.map(() => "(?, ?, ?, ?, ?)").join(", ");
    statements.push(
      db
        .prepare(`INSERT INTO preview_items (dataflow, action, differing, search_text, item) VALUES ${values}`)
        .bind(
          ...chunk.flatMap((row) => [
            row.dataflow,
            row.action,
            row.differing ? 1 : 0,
            row.searchText,
            JSON.stringify(row.item),
          ]),
        ),
    );
  }
  return statements;
}

/** The items' counts per dataflow and action; `differing` counts the links whose values differ. */
export function countPreviewItems(db: D1Database): D1PreparedStatement {
  return db.prepare(
    "SELECT dataflow, action, COUNT(*) AS n, SUM(differing) AS differing FROM preview_items GROUP BY dataflow, action",
  );
}

export interface CountRow {
  dataflow: DataflowId;
  action: string;
  n: number;
  differing: number | null;
}

export interface ItemFilter {
  dataflow?: DataflowId;
  action?: string;
  /** Lower-cased text the item's search text must hold. */
  q?: string;
}

function where(filter: ItemFilter, afterSeq: number): { sql: string; params: unknown[] } {
  const clauses = ["seq > ?"];
  const params: unknown[] = [afterSeq];
  if (filter.dataflow) {
    clauses.push("dataflow = ?");
    params.push(filter.dataflow);
  }
  if (filter.action === "differing") {
    clauses.push("action = 'link' AND differing = 1");
  } else if (filter.action) {
    clauses.push("action = ?");
    params.push(filter.action);
  }
  if (filter.q) {
    // instr, not LIKE: D1 caps a LIKE pattern at 50 bytes, and the admin's text is taken literally.
    clauses.push("instr(search_text, ?) > 0");
    params.push(filter.q.toLowerCase());
  }
  return { sql: clauses.join(" AND "), params };
}

/** One page of items after `afterSeq`, at most `limit`, with the seq of the last for the next page. */
export async function pagePreviewItems(
  db: D1Database,
  filter: ItemFilter,
  afterSeq: number,
  limit: number,
): Promise<Array<{ seq: number; item: unknown }>> {
  const { sql, params } = where(filter, afterSeq);
  const { results } = await db
    .prepare(`SELECT seq, item FROM preview_items WHERE ${sql} ORDER BY seq LIMIT ?`)
    .bind(...params, limit)
    .all<{ seq: number; item: string }>();
  return results.map((row) => ({ seq: row.seq, item: JSON.parse(row.item) }));
}

/** The pairs linked so far: before the first sync has started, those an admin linked by hand from the preview. */
export async function linkedPairs(db: D1Database, dataflow: DataflowId): Promise<Array<Record<Side, string>>> {
  const { results } = await db
    .prepare(
      "SELECT poweroffice_id AS poweroffice, webshop_id AS webshop FROM links WHERE dataflow = ? AND poweroffice_id IS NOT NULL AND webshop_id IS NOT NULL ORDER BY id",
    )
    .bind(dataflow)
    .all<Record<Side, string>>();
  return results;
}

/** Any link or cursor: the pair has synced before (a first sync under way counts). */
export async function hasSynced(db: D1Database): Promise<boolean> {
  const row = await db
    .prepare("SELECT EXISTS (SELECT 1 FROM links) OR EXISTS (SELECT 1 FROM cursors) AS synced")
    .first<{ synced: number }>();
  return row?.synced === 1;
}
