/**
 * The in-memory twin's link table: rows as D1 would hold them (through the same row mapping), the UNIQUE
 * constraints per side and dataflow, AUTOINCREMENT ids, and the LinkStore reads with D1's ordering.
 */
import {
  claimName,
  DuplicateLinkError,
  type LinkFilter,
  type LinkStore,
  type LinkWrite,
  type PendingClaim,
  StaleLinkError,
} from "../core/ports";
import { LINK_STATES, type LinkState, SIDES } from "../core/types";
import { checkLease } from "./lease-rules";
import { checkLimit } from "./limits";
import { fromLinkRow, type LinkRow, normaliseTime, sideColumns, toLinkRow } from "./link-rows";
import { rowMatchesSearch, searchNeedle } from "./link-search";

export interface LinkTable {
  rows: Map<number, LinkRow>;
  /** Like sqlite_sequence: one more than the highest id ever written. */
  nextId: number;
}

/** The row holding `row`'s record on some side in its dataflow, other than `row` itself (a UNIQUE violation). */
function duplicateOf(table: LinkTable, row: LinkRow): { side: (typeof SIDES)[number]; other: LinkRow } | null {
  for (const side of SIDES) {
    const column = sideColumns(side).id;
    if (row[column] === null) continue;
    for (const other of table.rows.values()) {
      if (other.id !== row.id && other.dataflow === row.dataflow && other[column] === row[column])
        return { side, other };
    }
  }
  return null;
}

const store = (table: LinkTable, row: LinkRow, id: number) => {
  table.rows.set(id, { ...row, id });
  table.nextId = Math.max(table.nextId, id + 1);
};

/**
 * A commit's upsert by id (insert when new), moving `rev` on; throws like D1's UNIQUE constraint and commit guard
 * (a row whose rev is not `expected`), leaving `table` as it was.
 */
export function upsertRow(table: LinkTable, row: LinkRow, expected: number | null = null): number {
  const existing = row.id === null ? undefined : table.rows.get(row.id);
  if (expected !== null && existing?.rev !== expected)
    throw new StaleLinkError(`A link of this commit was written by another run since it was read (link ${row.id}).`);
  const id = row.id ?? table.nextId;
  const next = {
    ...row,
    id,
    created_at: existing ? existing.created_at : row.created_at,
    rev: existing ? existing.rev + 1 : 1,
  };
  const duplicate = duplicateOf(table, next);
  if (duplicate) {
    const column = sideColumns(duplicate.side).id;
    throw new DuplicateLinkError(
      duplicate.side,
      `Another link already holds this ${duplicate.side} record in its dataflow (UNIQUE constraint failed: links.dataflow, links.${column}).`,
    );
  }
  store(table, next, id);
  return id;
}

export const copyTable = (table: LinkTable): LinkTable => ({ rows: new Map(table.rows), nextId: table.nextId });

/** An insert that does nothing when the id, or either side's record in its dataflow, is taken (ON CONFLICT DO NOTHING). */
export function insertIfFree(table: LinkTable, row: LinkRow): void {
  const taken = (row.id !== null && table.rows.has(row.id)) || duplicateOf(table, { ...row, id: -1 }) !== null;
  if (!taken) store(table, row, row.id ?? table.nextId);
}

/** The leases a claim takes, shared with the store's `leases`. */
export interface ClaimLeases {
  take(name: string, holder: string, ttlMs: number, nowMs: number): boolean;
}

export function memoryLinkStore(table: () => LinkTable, now: () => string, leases: ClaimLeases): LinkStore {
  /** The rows that pass, in id order (the order D1's queries answer in). */
  const rows = (predicate: (row: LinkRow) => boolean = () => true) =>
    [...table().rows.values()].filter(predicate).sort((a, b) => (a.id as number) - (b.id as number));
  const find = (predicate: (row: LinkRow) => boolean) => rows(predicate).map(fromLinkRow);

  return {
    async get(id) {
      const row = table().rows.get(id);
      return row ? fromLinkRow(row) : null;
    },
    async claim(id, rev, holder, ttlMs, nowMs) {
      checkLease(claimName(id), holder, ttlMs, nowMs);
      if (table().rows.get(id)?.rev !== rev) return false;
      return leases.take(claimName(id), holder, ttlMs, nowMs);
    },
    async findBySideId(dataflow, side, id) {
      return find((row) => row.dataflow === dataflow && row[sideColumns(side).id] === id)[0] ?? null;
    },
    async findBySideIds(dataflow, side, ids) {
      const wanted = new Set(ids);
      return find((row) => row.dataflow === dataflow && wanted.has(row[sideColumns(side).id] as string));
    },
    async findByMatchKeys(dataflow, keys) {
      const wanted = new Set(keys);
      return find(
        (row) =>
          row.dataflow === dataflow &&
          (wanted.has(row.match_key_po as string) || wanted.has(row.match_key_shop as string)),
      );
    },
    async findByMatchKey(dataflow, side, key) {
      return find((row) => row.dataflow === dataflow && row[sideColumns(side).matchKey] === key);
    },
    async insertPending(link: LinkWrite, claim?: PendingClaim) {
      const row = toLinkRow(link, now());
      insertIfFree(table(), row);
      // The same preference as D1's read-back: by id, then the PowerOffice record, then the webshop record.
      const candidates = rows(
        (r) =>
          r.id === row.id ||
          (r.dataflow === row.dataflow &&
            ((row.poweroffice_id !== null && r.poweroffice_id === row.poweroffice_id) ||
              (row.webshop_id !== null && r.webshop_id === row.webshop_id))),
      );
      const best =
        candidates.find((r) => r.id === row.id) ??
        candidates.find((r) => r.poweroffice_id === row.poweroffice_id) ??
        candidates[0];
      if (!best) throw new Error("insertPending: the link is neither inserted nor found");
      const found = fromLinkRow(best);
      if (!claim) return found;
      checkLease(claimName(found.id), claim.holder, claim.ttlMs, claim.nowMs);
      return { ...found, claimed: leases.take(claimName(found.id), claim.holder, claim.ttlMs, claim.nowMs) };
    },
    async due(now, limit) {
      const cutoff = normaliseTime(now, "now");
      return rows((row) => row.next_retry_at !== null && row.next_retry_at <= cutoff)
        .sort((a, b) => (a.next_retry_at! < b.next_retry_at! ? -1 : a.next_retry_at! > b.next_retry_at! ? 1 : 0))
        .slice(0, checkLimit(limit))
        .map(fromLinkRow);
    },
    async list(filter: LinkFilter) {
      const limit = checkLimit(filter.limit);
      const needle = searchNeedle(filter.search);
      return rows(
        (row) =>
          (filter.dataflow === undefined || row.dataflow === filter.dataflow) &&
          (filter.state === undefined || row.state === filter.state) &&
          (filter.afterId === undefined || (row.id as number) > filter.afterId) &&
          (needle === null || rowMatchesSearch(row, needle)),
      )
        .slice(0, limit)
        .map(fromLinkRow);
    },
    async openOrderIds(limit) {
      const open = (row: LinkRow) =>
        row.dataflow === "orders" &&
        row.poweroffice_id !== null &&
        (row.state === "linked" || row.state === "conflict");
      return rows(open)
        .slice(0, checkLimit(limit))
        .map((row) => ({ linkId: row.id as number, id: row.poweroffice_id as string }));
    },
    async countUpTo(dataflow, limit) {
      return Math.min(rows((row) => row.dataflow === dataflow).length, checkLimit(limit));
    },
    async countByState(dataflow) {
      const counts = Object.fromEntries(LINK_STATES.map((state) => [state, 0])) as Record<LinkState, number>;
      for (const row of table().rows.values())
        if (dataflow === undefined || row.dataflow === dataflow) counts[row.state]++;
      return counts;
    },
  };
}
