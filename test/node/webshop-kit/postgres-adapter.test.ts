/** The webshop kit's PostgreSQL adapter keeps the adapter contract on a real PostgreSQL server this file starts. */
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { postgresAdapter } from "../../../webshop-kit/src/adapters/postgres";
import { describeAdapterContract } from "../../webshop-kit/adapter-contract";
import { type PostgresServer, startPostgres } from "../../webshop-kit/postgres-server";

const MIGRATION = new URL("../../../webshop-kit/migrations/postgres/0001_webshop_kit.sql", import.meta.url);

let server: PostgresServer | undefined;
let pool: pg.Pool | undefined;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ ...server.connection, max: 10 });
  await pool.query(readFileSync(MIGRATION, "utf8"));
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

describeAdapterContract("PostgreSQL", async () => {
  if (!pool) throw new Error("PostgreSQL did not start");
  await pool.query(
    `TRUNCATE webshop_kit_records, webshop_kit_outbox, webshop_kit_idempotency RESTART IDENTITY;
     UPDATE webshop_kit_clock SET last_ms = 0`,
  );
  return postgresAdapter(pool);
});
