/**
 * A commit's activity entries written to D1 in as few statements as fit (rows-in-one-insert.ts): all of a page's
 * entries are one INSERT, so the log's id counter is written once per commit, not once per entry.
 */
import type { CommitActivity } from "../core/commit";
import { ENGINE_SOURCE, toActivityRow } from "./activity-rows";
import { linkAt } from "./commit-checks";
import type { LinkRow } from "./link-rows";
import { jsonRowChunks, jsonValue as v } from "./rows-in-one-insert";

/**
 * Each row: at, action, message, dataflow, link id, then (for an entry whose link is new in this batch, its id known
 * only inside the transaction) the link's dataflow and its PowerOffice id or else its shop id (each unique in its
 * dataflow), then side, changes, actor.
 */
const INSERT_ACTIVITY_ROWS = `INSERT INTO activity_log (at, source, action, message, dataflow, link_id, side, changes, actor)
  SELECT ${v(0)}, '${ENGINE_SOURCE}', ${v(1)}, ${v(2)}, ${v(3)},
    COALESCE(${v(4)},
      (SELECT id FROM links WHERE dataflow = ${v(5)} AND poweroffice_id = ${v(6)}),
      (SELECT id FROM links WHERE dataflow = ${v(5)} AND webshop_id = ${v(7)})),
    ${v(8)}, ${v(9)}, ${v(10)}
  FROM json_each(?) ORDER BY key`;

/** The INSERT statements of `entries`, in their order; `rows` are the commit's links as written before them. */
export function activityInserts(
  db: D1Database,
  entries: readonly CommitActivity[],
  rows: LinkRow[],
): D1PreparedStatement[] {
  const values = entries.map((entry) => {
    const row = toActivityRow(entry, entry.linkId);
    let byLink: unknown[] = [row.link_id, null, null, null];
    if (entry.linkIndex !== undefined) {
      const target = linkAt(rows, entry.linkIndex);
      if (target.id !== null) byLink = [target.id, null, null, null];
      else if (target.poweroffice_id !== null) byLink = [null, target.dataflow, target.poweroffice_id, null];
      else byLink = [null, target.dataflow, null, target.webshop_id];
    }
    return [row.at, row.action, row.message, row.dataflow, ...byLink, row.side, row.changes, row.actor];
  });
  return jsonRowChunks(values).map((json) => db.prepare(INSERT_ACTIVITY_ROWS).bind(json));
}
