/**
 * The part of Cloudflare's D1 binding the adapter uses, typed by shape so the kit needs no Workers types: a
 * `D1Database` (or any object with the same methods, such as a SQLite wrapper) fits.
 */

export interface D1StatementLike {
  bind(...values: unknown[]): D1StatementLike;
  first<T = Record<string, unknown>>(): Promise<T | null>;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  run(): Promise<unknown>;
}

export interface D1DatabaseLike {
  prepare(query: string): D1StatementLike;
  /** One atomic transaction: every statement or none (D1 has no interactive transactions). */
  batch<T = Record<string, unknown>>(statements: D1StatementLike[]): Promise<{ results: T[] }[]>;
}
