/**
 * The `LinkStore` on D1: reads by id, by either side's record, by match key, due retries, the admin's list and
 * counts, and the pending link written on its own before a create.
 */
import { type Clock, claimName, type LinkFilter, type LinkStore } from "../core/ports";
import { type DataflowId, LINK_STATES, type LinkState, type Side } from "../core/types";
import { allInChunks, inPlaceholders, MAX_BOUND_PARAMETERS } from "./in-list";
import { checkLease } from "./lease-rules";
import { checkLimit } from "./limits";
import { CLAIM_PENDING_SQL, CLAIM_SQL, type ClaimColumns } from "./link-claim-sql";
import { type LinkRow, fromLinkRow as linkOf, normaliseTime, sideColumns, toLinkRow } from "./link-rows";
import { searchNeedle, searchSql } from "./link-search";
import { bindRow, INSERT_PENDING_CLAIMED_SQL, INSERT_PENDING_SQL, READ_BACK_PENDING_SQL } from "./link-sql";
import { openOrderIds } from "./open-orders";
import type { ReadRows } from "./read-rows";

export function d1LinkStore(db: D1Database, clock: Clock, read: ReadRows): LinkStore {
  // Every link handed out is remembered at its rev, so its commit can name only what changes (read-rows.ts).
  const fromLinkRow = (row: LinkRow) => {
    read.remember(row);
    return linkOf(row);
  };
  const all = async (sql: string, ...binds: unknown[]) =>
    (
      await db
        .prepare(sql)
        .bind(...binds)
        .all<LinkRow>()
    ).results.map(fromLinkRow);
  const one = async (sql: string, ...binds: unknown[]) => {
    const row = await db
      .prepare(sql)
      .bind(...binds)
      .first<LinkRow>();
    return row ? fromLinkRow(row) : null;
  };

  return {
    get: (id) => one("SELECT * FROM links WHERE id = ?", id),

    async claim(id, rev, holder, ttlMs, nowMs) {
      checkLease(claimName(id), holder, ttlMs, nowMs);
      const result = await db
        .prepare(CLAIM_SQL)
        .bind(id, rev, holder, nowMs + ttlMs, nowMs)
        .run();
      return result.meta.changes === 1;
    },

    findBySideId: (dataflow: DataflowId, side: Side, id: string) =>
      one(`SELECT * FROM links WHERE dataflow = ? AND ${sideColumns(side).id} = ?`, dataflow, id),

    findBySideIds: async (dataflow: DataflowId, side: Side, ids: string[]) =>
      (
        await allInChunks<LinkRow>(db, ids, 1, (chunk) =>
          db
            .prepare(
              `SELECT * FROM links WHERE dataflow = ? AND ${sideColumns(side).id} IN (${inPlaceholders(chunk.length)})`,
            )
            .bind(dataflow, ...chunk),
        )
      ).map(fromLinkRow),

    findByMatchKeys: async (dataflow: DataflowId, keys: string[]) => {
      const unique = [...new Set(keys)];
      if (unique.length === 0) return [];
      // One lookup per side's column, each through its match-key index: an OR of the two would read every link of
      // the dataflow (SQLite takes links_dataflow for it), which on a first sync is every page reading every link.
      // The keys are numbered parameters bound once after the dataflow (?1), shared by both halves: 99 a statement.
      const size = MAX_BOUND_PARAMETERS - 1;
      const statements: D1PreparedStatement[] = [];
      for (let i = 0; i < unique.length; i += size) {
        const chunk = unique.slice(i, i + size);
        const list = chunk.map((_, n) => `?${n + 2}`).join(", ");
        statements.push(
          db
            .prepare(
              `SELECT * FROM links WHERE dataflow = ?1 AND match_key_po IN (${list})
               UNION ALL SELECT * FROM links WHERE dataflow = ?1 AND match_key_shop IN (${list})`,
            )
            .bind(dataflow, ...chunk),
        );
      }
      const rows =
        statements.length === 1
          ? (await (statements[0] as D1PreparedStatement).all<LinkRow>()).results
          : (await db.batch<LinkRow>(statements)).flatMap((result) => result.results);
      const seen = new Set<number>();
      return rows.filter((row) => !seen.has(row.id as number) && seen.add(row.id as number)).map(fromLinkRow);
    },

    findByMatchKey: (dataflow, side, key) =>
      all(`SELECT * FROM links WHERE dataflow = ? AND ${sideColumns(side).matchKey} = ? ORDER BY id`, dataflow, key),

    async insertPending(link, claim) {
      const row = toLinkRow(link, new Date(clock.now()).toISOString());
      const match = [row.id, row.dataflow, row.poweroffice_id, row.webshop_id] as const;
      const statements: D1PreparedStatement[] = [];
      const expires = claim ? claim.nowMs + claim.ttlMs : null;
      if (claim) {
        // The link id is only known inside the batch: the claim is checked under a name of the same shape.
        checkLease(claimName(0), claim.holder, claim.ttlMs, claim.nowMs);
        // A new link is inserted with the claim; one that was there first is claimed after it, if free.
        statements.push(
          db.prepare(INSERT_PENDING_CLAIMED_SQL).bind(...bindRow(row), claim.holder, expires),
          db.prepare(CLAIM_PENDING_SQL).bind(...match, claim.holder, expires, claim.nowMs),
        );
      } else {
        statements.push(db.prepare(INSERT_PENDING_SQL).bind(...bindRow(row)));
      }
      statements.push(db.prepare(READ_BACK_PENDING_SQL).bind(...match));
      // One batch (one transaction): the insert, the claim when asked for, then whichever link holds the record now.
      const results = await db.batch<LinkRow & ClaimColumns>(statements);
      const stored = results.at(-1)?.results[0];
      if (!stored) throw new Error("insertPending: the link is neither inserted nor found");
      const found = fromLinkRow(stored);
      if (!claim) return found;
      return { ...found, claimed: stored.claim_holder === claim.holder && stored.claim_until === expires };
    },

    due: (now, limit) =>
      all(
        "SELECT * FROM links WHERE next_retry_at IS NOT NULL AND next_retry_at <= ? ORDER BY next_retry_at, id LIMIT ?",
        normaliseTime(now, "now"),
        checkLimit(limit),
      ),

    list(filter: LinkFilter) {
      const where: string[] = [];
      const binds: unknown[] = [];
      const add = (value: unknown, condition: (n: number) => string) => {
        binds.push(value);
        where.push(condition(binds.length));
      };
      if (filter.dataflow !== undefined) add(filter.dataflow, (n) => `dataflow = ?${n}`);
      // The literal `<> 'linked'` lets SQLite use the partial index links_state (migration 0007).
      if (filter.state !== undefined)
        add(filter.state, (n) => (filter.state === "linked" ? `state = ?${n}` : `state = ?${n} AND state <> 'linked'`));
      if (filter.afterId !== undefined) add(filter.afterId, (n) => `id > ?${n}`);
      const needle = searchNeedle(filter.search);
      if (needle !== null) add(needle, searchSql);
      binds.push(checkLimit(filter.limit));
      const condition = where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`;
      return all(`SELECT * FROM links ${condition} ORDER BY id LIMIT ?${binds.length}`, ...binds);
    },

    openOrderIds: (limit) => openOrderIds(db, limit),

    async countUpTo(dataflow, limit) {
      // Through links_dataflow, stopping at the limit: count(*) over the whole dataflow reads every entry.
      const sql = "SELECT count(*) AS n FROM (SELECT 1 FROM links WHERE dataflow = ? LIMIT ?)";
      return (await db.prepare(sql).bind(dataflow, checkLimit(limit)).first<{ n: number }>())?.n ?? 0;
    },

    async countByState(dataflow) {
      const counts = Object.fromEntries(LINK_STATES.map((state) => [state, 0])) as Record<LinkState, number>;
      const sql = `SELECT state, count(*) AS n FROM links ${dataflow ? "WHERE dataflow = ?" : ""} GROUP BY state`;
      const { results } = await db
        .prepare(sql)
        .bind(...(dataflow ? [dataflow] : []))
        .all<{ state: LinkState; n: number }>();
      for (const { state, n } of results) counts[state] = n;
      return counts;
    },
  };
}
