/**
 * The open orders' links (an order's link in state linked or conflict), for the cron's look for orders invoiced in
 * PowerOffice, which runs every minute. Reading those links each time cost a row read per open order per minute, 1,440
 * times a day; so the look reads a snapshot of their ids instead, one row, which is exact while the set has not moved
 * (migration 0016: triggers on `links` move the set's count in `link_set_generations` whenever a link enters or
 * leaves it, whoever writes). One D1 batch, a transaction:
 *
 *   snapshot taken at the set's current count (and limit)? ─yes─▶ nothing written
 *      └─ no ─▶ the links read through links_open_orders, the snapshot written at that count (1 row)
 *   ─▶ the snapshot, when its count is the set's (always, unless the count's row was removed by hand:
 *      then the links are read directly, and nothing is kept)
 */
import type { SideIdOfLink } from "../core/ports";
import { checkLimit } from "./limits";

const SET = "open-orders";

/** The open orders' links, as migration 0016's partial index `links_open_orders` holds them (its WHERE, literally). */
const OPEN_ORDER_LINKS = `SELECT id, poweroffice_id FROM links
  WHERE dataflow = 'orders' AND state IN ('linked', 'conflict') AND poweroffice_id IS NOT NULL`;

/** Takes the snapshot again when it was taken at another count or limit; a snapshot still exact is left alone. */
const REFRESH_SQL = `INSERT INTO link_set_snapshots (name, generation, row_limit, ids)
  SELECT g.name, g.generation, ?2,
    (SELECT json_group_array(json_array(id, poweroffice_id)) FROM (${OPEN_ORDER_LINKS} LIMIT ?2))
  FROM link_set_generations AS g
  WHERE g.name = ?1 AND NOT EXISTS (
    SELECT 1 FROM link_set_snapshots AS s WHERE s.name = g.name AND s.generation = g.generation AND s.row_limit = ?2)
  ON CONFLICT (name) DO UPDATE
    SET generation = excluded.generation, row_limit = excluded.row_limit, ids = excluded.ids`;

const CURRENT_SQL = `SELECT s.ids FROM link_set_snapshots AS s
  JOIN link_set_generations AS g ON g.name = s.name AND g.generation = s.generation
  WHERE s.name = ?1 AND s.row_limit = ?2`;

/** At most `limit` open orders' links with their PowerOffice ids, in link order. */
export async function openOrderIds(db: D1Database, limit: number): Promise<SideIdOfLink[]> {
  checkLimit(limit);
  const done = await db.batch<{ ids: string }>([
    db.prepare(REFRESH_SQL).bind(SET, limit),
    db.prepare(CURRENT_SQL).bind(SET, limit),
  ]);
  const snapshot = done[1]?.results[0];
  const pairs = snapshot === undefined ? null : parsePairs(snapshot.ids);
  if (pairs !== null) return pairs;
  const { results } = await db
    .prepare(`${OPEN_ORDER_LINKS} LIMIT ?`)
    .bind(limit)
    .all<{ id: number; poweroffice_id: string }>();
  return inLinkOrder(results.map((row) => ({ linkId: row.id, id: row.poweroffice_id })));
}

/** The snapshot's `[[link id, PowerOffice id], …]`; null when it is not that shape (then the links are read). */
function parsePairs(text: string): SideIdOfLink[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value)) return null;
  const out: SideIdOfLink[] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || typeof pair[0] !== "number" || typeof pair[1] !== "string") return null;
    out.push({ linkId: pair[0], id: pair[1] });
  }
  return inLinkOrder(out);
}

const inLinkOrder = (links: SideIdOfLink[]) => links.sort((a, b) => a.linkId - b.linkId);
