/**
 * The statements that write a link row in D1: the idempotent insert of a pending link and the commit's upsert, with
 * the guarded updates of its indexed columns. A link row binds 21 parameters, well under D1's 100 per statement, so
 * each link is one statement of a batch.
 *
 * D1 bills every index entry a statement rewrites, and SQLite rewrites an index whenever an UPDATE names one of its
 * columns, even with the value it had. So the upsert sets only columns no index holds, and each indexed column is
 * set by its own UPDATE that changes nothing (and writes no row) unless its value differs.
 */
import { type ClaimChange, claimColumns } from "./link-claim-sql";
import { LINK_COLUMNS, type LinkRow } from "./link-rows";
import { searchText } from "./link-search";
import { jsonValue } from "./rows-in-one-insert";

/** The columns some index of `links` holds (migrations 0003, 0007; worker/store/schema.md). */
export const INDEXED_LINK_COLUMNS = [
  "dataflow",
  "poweroffice_id",
  "webshop_id",
  "state",
  "match_key_po",
  "match_key_shop",
  "next_retry_at",
] as const satisfies readonly (typeof LINK_COLUMNS)[number][];

const WRITTEN = [...LINK_COLUMNS, "search_text"] as const;
const columns = WRITTEN.join(", ");
const placeholders = WRITTEN.map(() => "?").join(", ");
const indexed: readonly string[] = INDEXED_LINK_COLUMNS;
/** created_at stays what the first write set; the indexed columns are the guarded updates' to set. */
const updates = WRITTEN.filter((c) => c !== "id" && c !== "created_at" && !indexed.includes(c))
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");

/** The row's values in the order of the statements' columns, its search text (link-search.ts) last. */
export const bindRow = (row: LinkRow): unknown[] => [...LINK_COLUMNS.map((c) => row[c]), searchText(row)];

/** Does nothing when the id, or either side's record in this dataflow, is taken already. */
export const INSERT_PENDING_SQL = `INSERT INTO links (${columns}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`;

/** The same with a run's claim on the new link (link-claim-sql.ts), its holder and expiry bound after the row. */
export const INSERT_PENDING_CLAIMED_SQL = `INSERT INTO links (${columns}, claim_holder, claim_until)
  VALUES (${placeholders}, ?, ?) ON CONFLICT DO NOTHING`;

/**
 * The same for many links in one statement, bound as one JSON array of `bindRow` arrays (rows-in-one-insert.ts: the
 * id counter is written once, not once a link). `WHERE true` keeps SQLite from reading ON CONFLICT as a join's ON.
 */
export const INSERT_PENDING_ROWS_SQL = `INSERT INTO links (${columns})
  SELECT ${WRITTEN.map((_, i) => jsonValue(i)).join(", ")} FROM json_each(?) WHERE true ORDER BY key
  ON CONFLICT DO NOTHING`;

/**
 * The link that insert left behind: the new row, or the one that was there first (by id, then by either side's id).
 * When the insert happened, no other row can hold either side's id (the UNIQUE constraints), so it is the new one.
 */
export const READ_BACK_PENDING_SQL = `SELECT * FROM links
  WHERE id = ?1 OR (dataflow = ?2 AND (poweroffice_id = ?3 OR webshop_id = ?4))
  ORDER BY id = ?1 DESC, poweroffice_id IS ?3 DESC LIMIT 1`;

/**
 * A commit's link write: updates the row with that id, or inserts (a new id when none is given), moving `rev` on
 * either way. The other UNIQUE constraints still fail the statement, and with it the whole batch. An update sets the
 * columns no index holds; `guardedUpdates` follow it for the others.
 */
export const UPSERT_SQL = `INSERT INTO links (${columns}, rev) VALUES (${placeholders}, 1)
  ON CONFLICT(id) DO UPDATE SET ${updates}, rev = links.rev + 1 RETURNING id, rev`;

/**
 * After a commit's upsert of link `id`: one UPDATE per indexed column, each a no-op (no row written) unless the value
 * differs. A new id taken by another link fails its UNIQUE constraint, and with it the batch, as the upsert would.
 */
export const guardedUpdates = (row: LinkRow & { id: number }): Array<{ sql: string; binds: unknown[] }> =>
  INDEXED_LINK_COLUMNS.map((c) => ({
    sql: `UPDATE links SET ${c} = ?2 WHERE id = ?1 AND ${c} IS NOT ?2`,
    binds: [row.id, row[c]],
  }));

/**
 * A commit's write of a link whose stored row is known (`before`, read at the rev the commit's guard checks): one
 * UPDATE of every column no index holds and of the indexed columns whose values change, moving `rev` on.
 */
export function updateKnownRow(
  before: LinkRow,
  row: LinkRow & { id: number },
  claim?: ClaimChange,
): { sql: string; binds: unknown[] } {
  const set = WRITTEN.filter(
    (c) => c !== "id" && c !== "created_at" && c !== "search_text" && (!indexed.includes(c) || before[c] !== row[c]),
  ) as (keyof LinkRow)[];
  // The run's claim taken or given back in the same UPDATE: no row of its own (link-claim-sql.ts).
  const claimed = claim ? claimColumns(claim) : { set: [], binds: [] };
  const clauses = [...set.map((c) => `${c} = ?`), ...claimed.set, "search_text = ?", "rev = rev + 1"];
  return {
    sql: `UPDATE links SET ${clauses.join(", ")} WHERE id = ? RETURNING id, rev`,
    binds: [...set.map((c) => row[c]), ...claimed.binds, searchText(row), row.id],
  };
}

/**
 * Sent before a link's upsert in the same batch: inserts a NULL (failing the batch) unless the row still has the rev
 * the write was planned from. D1 has no conditional abort outside triggers; this is one (migration 0004).
 */
export const STALE_LINK_GUARD_SQL = `INSERT INTO commit_guard (stale_link, lost_lease)
  SELECT NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM links WHERE id = ? AND rev = ?)`;

/** The same for the commit's fence: fails the batch unless `holder` holds the lease at `now` (epoch ms). */
export const LOST_LEASE_GUARD_SQL = `INSERT INTO commit_guard (stale_link, lost_lease)
  SELECT 0, NULL WHERE NOT EXISTS (SELECT 1 FROM leases WHERE name = ? AND holder = ? AND expires_at > ?)`;
