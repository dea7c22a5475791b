/** The conformance kit against the webshop kit on a real PostgreSQL server this file starts: every rule passes. */
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { postgresAdapter } from "../../../webshop-kit/src/adapters/postgres";
import { createWebshopApi } from "../../../webshop-kit/src/index";
import { failedIds } from "../../conformance/report";
import { runConformance } from "../../conformance/runner";
import { type PostgresServer, startPostgres } from "../../webshop-kit/postgres-server";

const MIGRATION = new URL("../../../webshop-kit/migrations/postgres/0001_webshop_kit.sql", import.meta.url);

let server: PostgresServer | undefined;
let pool: pg.Pool | undefined;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ ...server.connection, max: 5 });
  await pool.query(readFileSync(MIGRATION, "utf8"));
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

it("createWebshopApi with postgresAdapter passes every conformance rule", async () => {
  if (!pool) throw new Error("PostgreSQL did not start");
  const api = createWebshopApi({ adapter: postgresAdapter(pool), tokens: "pg-token", basePath: "/shop/v1" });
  const report = await runConformance({
    baseUrl: "https://shop.example/shop/v1",
    token: "pg-token",
    fetch: (request) => api.fetch(request),
  });
  expect(report.results.filter((r) => r.outcome !== "pass")).toEqual([]);
  expect(failedIds(report)).toEqual([]);
  expect(report.results.length).toBeGreaterThan(30);
}, 120_000);
