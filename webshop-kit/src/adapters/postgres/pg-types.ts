/**
 * The part of node-postgres (`pg`) the adapter uses, typed by shape: the kit never imports `pg`, so a shop passes its
 * own `Pool` (or anything with `query` and `connect` that answers `{ rows }`).
 */

export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface PgClientLike extends PgQueryable {
  release(error?: Error | boolean): void;
}

export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgClientLike>;
}
