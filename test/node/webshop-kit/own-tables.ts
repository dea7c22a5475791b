/**
 * The worked example of docs/webshop-kit.md (examples/own-tables): a shop's existing `customers` table behind the
 * kit, on a real PostgreSQL database. Loaded from the project the packed kit was installed into, as a shop runs it.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import type { WebshopAdapter } from "../../../webshop-kit/src/adapter";
import type { WebshopApi, WebshopApiOptions } from "../../../webshop-kit/src/api/options";

export interface OwnTablesShop {
  api: WebshopApi;
  pool: pg.Pool;
}

/**
 * Creates database `shop` with the shop's table as it was (and one customer from before the kit), applies the kit's
 * migration and then the rest of the example's schema.sql, and mounts the kit on the example's adapter.
 */
export async function ownTablesShop(
  project: string,
  server: { host: string; port: number; user: string },
  kitMigration: string,
  token: string,
): Promise<OwnTablesShop> {
  const admin = new pg.Pool({ ...server, database: "postgres", max: 1 });
  await admin.query("CREATE DATABASE shop").finally(() => admin.end());
  const pool = new pg.Pool({ ...server, database: "shop", max: 5 });
  const schema = await readFile(join(project, "own-tables/schema.sql"), "utf8");
  const [before, after] = schema.split("\n-- What the kit needs added");
  await pool.query(before!);
  await pool.query(
    "INSERT INTO customers (mail, first_name, last_name, org_no, updated) VALUES ('Ola@Example.no ', 'Ola', 'Nordmann', '915 550 002', '2026-01-02T03:04:05.678912Z')",
  );
  await pool.query(kitMigration);
  await pool.query(`-- What the kit needs added${after!}`);
  const { shopAdapter } = (await import(pathToFileURL(join(project, "own-tables/customers-adapter.js")).href)) as {
    shopAdapter(pool: pg.Pool): WebshopAdapter;
  };
  const kit = join(project, "node_modules/@poweroffice-sync/webshop-kit/dist/index.js");
  const { createWebshopApi } = (await import(pathToFileURL(kit).href)) as {
    createWebshopApi(options: WebshopApiOptions): WebshopApi;
  };
  return { api: createWebshopApi({ adapter: shopAdapter(pool), tokens: token, basePath: "/api" }), pool };
}
