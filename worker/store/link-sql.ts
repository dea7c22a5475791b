/**
 * The two statements that write a link row in D1: the idempotent insert of a pending link and the upsert of a commit.
 * A link row binds 20 parameters, well under D1's 100 per statement, so each link is one statement of a batch.
 */
import { LINK_COLUMNS, type LinkRow } from "./link-rows";

const columns = LINK_COLUMNS.join(", ");
const placeholders = LINK_COLUMNS.map(() => "?").join(", ");
/** created_at stays what the first write set. */
const updates = LINK_COLUMNS.filter((c) => c !== "id" && c !== "created_at")
  .map((c) => `${c} = excluded.${c}`)
  .join(", ");

export const bindRow = (row: LinkRow): unknown[] => LINK_COLUMNS.map((c) => row[c]);

/** Does nothing when the id, or either side's record in this dataflow, is taken already. */
export const INSERT_PENDING_SQL = `INSERT INTO links (${columns}) VALUES (${placeholders}) ON CONFLICT DO NOTHING`;

/**
 * The link that insert left behind: the new row, or the one that was there first (by id, then by either side's id).
 * When the insert happened, no other row can hold either side's id (the UNIQUE constraints), so it is the new one.
 */
export const READ_BACK_PENDING_SQL = `SELECT * FROM links
  WHERE id = ?1 OR (dataflow = ?2 AND (poweroffice_id = ?3 OR webshop_id = ?4))
  ORDER BY id = ?1 DESC, poweroffice_id IS ?3 DESC LIMIT 1`;

/**
 * A commit's link write: updates the row with that id, or inserts (a new id when none is given), moving `rev` on
 * either way. The other UNIQUE constraints still fail the statement, and with it the whole batch.
 */
export const UPSERT_SQL = `INSERT INTO links (${columns}, rev) VALUES (${placeholders}, 1)
  ON CONFLICT(id) DO UPDATE SET ${updates}, rev = links.rev + 1 RETURNING id`;

/**
 * Sent before a link's upsert in the same batch: inserts a NULL (failing the batch) unless the row still has the rev
 * the write was planned from. D1 has no conditional abort outside triggers; this is one (migration 0004).
 */
export const STALE_LINK_GUARD_SQL = `INSERT INTO commit_guard (stale_link, lost_lease)
  SELECT NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM links WHERE id = ? AND rev = ?)`;

/** The same for the commit's fence: fails the batch unless `holder` holds the lease at `now` (epoch ms). */
export const LOST_LEASE_GUARD_SQL = `INSERT INTO commit_guard (stale_link, lost_lease)
  SELECT 0, NULL WHERE NOT EXISTS (SELECT 1 FROM leases WHERE name = ? AND holder = ? AND expires_at > ?)`;

/** The id of a link written earlier in the same batch, found by its record on `column`'s side (unique). */
export const linkIdBySideSql = (column: "poweroffice_id" | "webshop_id") =>
  `(SELECT id FROM links WHERE dataflow = ? AND ${column} = ?)`;

/** LinkStore.claim: the lease `link:<id>` taken (as `acquire` takes one) only while the link still has the rev read. */
/**
 * CLAIM_SQL for the link READ_BACK_PENDING_SQL finds, in the same batch as its insert (?1..?4 as there): the claim's
 * name is `link:<id>` (claimName), ?5 the holder, ?6 the expiry, ?7 now.
 */
export const CLAIM_PENDING_SQL = `INSERT INTO leases (name, holder, expires_at)
  SELECT 'link:' || id, ?5, ?6 FROM links
  WHERE id = ?1 OR (dataflow = ?2 AND (poweroffice_id = ?3 OR webshop_id = ?4))
  ORDER BY id = ?1 DESC, poweroffice_id IS ?3 DESC LIMIT 1
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.expires_at <= ?7 OR leases.holder = excluded.holder`;

export const CLAIM_SQL = `INSERT INTO leases (name, holder, expires_at)
  SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM links WHERE id = ?5 AND rev = ?6)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.expires_at <= ?4 OR leases.holder = excluded.holder`;
