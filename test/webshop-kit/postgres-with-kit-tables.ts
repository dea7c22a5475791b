/**
 * A real PostgreSQL server for one test file, with the kit's migration applied: started before the file's tests and
 * stopped after them. `pool()` is the file's connection pool (an error when the server did not start).
 */
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { type PostgresServer, startPostgres } from "./postgres-server";

const MIGRATION = new URL("../../webshop-kit/migrations/postgres/0001_webshop_kit.sql", import.meta.url);

export function postgresWithKitTables(maxConnections: number): { pool(): pg.Pool } {
  let server: PostgresServer | undefined;
  let pool: pg.Pool | undefined;
  beforeAll(async () => {
    server = await startPostgres();
    pool = new pg.Pool({ ...server.connection, max: maxConnections });
    await pool.query(readFileSync(MIGRATION, "utf8"));
  }, 120_000);
  afterAll(async () => {
    await pool?.end();
    await server?.stop();
  });
  return {
    pool() {
      if (!pool) throw new Error("PostgreSQL did not start");
      return pool;
    },
  };
}
