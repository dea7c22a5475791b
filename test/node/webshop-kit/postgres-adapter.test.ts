/** The webshop kit's PostgreSQL adapter keeps the adapter contract on a real PostgreSQL server this file starts. */
import { postgresAdapter } from "../../../webshop-kit/src/adapters/postgres";
import { describeAdapterContract } from "../../webshop-kit/adapter-contract";
import { postgresWithKitTables } from "../../webshop-kit/postgres-with-kit-tables";

const db = postgresWithKitTables(10);

describeAdapterContract("PostgreSQL", async () => {
  const pool = db.pool();
  await pool.query(
    `TRUNCATE webshop_kit_records, webshop_kit_outbox, webshop_kit_idempotency RESTART IDENTITY;
     UPDATE webshop_kit_clock SET last_ms = 0`,
  );
  return postgresAdapter(pool);
});
