/**
 * The link rows one D1 store handed out or wrote, by id and rev, so a commit of a link read (or last written) through
 * the same store knows the row D1 holds and sends ONE update naming only the indexed columns whose values change
 * (link-sql.ts). This is sound
 * because every write of a link moves its rev on and the commit's guard fails unless the row still has the rev the
 * write was planned from: a row remembered at that rev is the row D1 holds. Bounded; a link it forgot is written by
 * the guarded updates instead, which cost more rows and give the same result.
 */
import type { LinkRow } from "./link-rows";

const MOST = 1_000;

export interface ReadRows {
  remember(row: LinkRow): void;
  /** The row remembered for link `id` at `rev`, if it is the one remembered. */
  at(id: number, rev: number): LinkRow | undefined;
}

export function readRows(): ReadRows {
  const rows = new Map<number, LinkRow>();
  return {
    remember(row) {
      if (row.id === null) return;
      rows.delete(row.id);
      rows.set(row.id, row);
      if (rows.size > MOST) rows.delete(rows.keys().next().value as number);
    },
    at(id, rev) {
      const row = rows.get(id);
      return row !== undefined && row.rev === rev ? row : undefined;
    },
  };
}
