import { env } from "cloudflare:workers";
import { createD1Store } from "../../../worker/store/d1-store";
import { describeStoreContract } from "../../store-contract/store-contract";

const SYNC_TABLES = ["links", "cursors", "leases", "settings", "activity_log"];

describeStoreContract("D1", async (clock, options) => {
  await env.DB.batch(SYNC_TABLES.map((table) => env.DB.prepare(`DELETE FROM ${table}`)));
  return createD1Store(env.DB, { ...options, clock });
});
