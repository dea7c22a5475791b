/** The webshop kit's D1 adapter keeps the adapter contract on a real local D1 inside workerd. */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll } from "vitest";
import { d1Adapter } from "../../../webshop-kit/src/adapters/d1";
import { describeAdapterContract } from "../../webshop-kit/adapter-contract";

const KIT_TABLES = ["webshop_kit_records", "webshop_kit_external_ids", "webshop_kit_outbox", "webshop_kit_idempotency"];

beforeAll(async () => {
  await applyD1Migrations(env.KIT_DB, env.KIT_MIGRATIONS);
});

describeAdapterContract("D1", async () => {
  await env.KIT_DB.batch([
    ...KIT_TABLES.map((table) => env.KIT_DB.prepare(`DELETE FROM ${table}`)),
    env.KIT_DB.prepare("UPDATE webshop_kit_clock SET last_ms = 0"),
  ]);
  return d1Adapter(env.KIT_DB);
});
