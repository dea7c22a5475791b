/**
 * Migration 0003 rebuilds activity_log (SQLite cannot make a NOT NULL column nullable in place): the webhook
 * consumer's rows written under 0002 must survive with their ids, and new ids must go on after them. This file puts
 * its own D1 back to the 0002 schema first (worker test files each get their own storage).
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { createD1Store } from "../../../worker/store/d1-store";
import { anEntry } from "../../store-contract/fixtures";

const migration = (prefix: string) => {
  const found = env.TEST_MIGRATIONS.find((m) => m.name.startsWith(prefix));
  if (!found) throw new Error(`no migration ${prefix}`);
  return found;
};

it("keeps the consumer's activity rows and their ids, and gives the engine's rows the ids after them", async () => {
  // Later migrations' views over links go first: they would not parse against the links of 0003.
  await env.DB.batch(["link_search", "link_search_source"].map((v) => env.DB.prepare(`DROP VIEW IF EXISTS ${v}`)));
  await env.DB.batch(["links", "cursors", "leases", "activity_log"].map((t) => env.DB.prepare(`DROP TABLE ${t}`)));
  for (const query of migration("0002").queries.filter((q: string) => q.includes("activity_log"))) {
    await env.DB.prepare(query).run();
  }
  const insert = env.DB.prepare(
    `INSERT INTO activity_log (at, source, action, resource, resource_id, version, message)
     VALUES ('2026-04-01T00:00:00.000Z', 'webshop-webhook', 'webshop-record-changed', 'customers', ?, 3, ?)`,
  );
  await env.DB.batch([insert.bind("cus_1", "first"), insert.bind("cus_2", "second"), insert.bind("cus_3", "third")]);
  // A gap in the ids, so that ids renumbered by the rebuild would show.
  await env.DB.prepare("DELETE FROM activity_log WHERE message = 'first'").run();
  const before = (await env.DB.prepare("SELECT * FROM activity_log ORDER BY id").all()).results;

  for (const query of migration("0003").queries) await env.DB.prepare(query).run();

  const after = await env.DB.prepare(
    "SELECT id, at, source, action, resource, resource_id, version, message FROM activity_log ORDER BY id",
  ).all();
  expect(after.results).toEqual(before);
  // The store of today writes the columns later migrations add to the table.
  const later = env.TEST_MIGRATIONS.filter((m) => m.name > "0003");
  for (const query of later.flatMap((m) => m.queries).filter((q: string) => q.includes("activity_log"))) {
    await env.DB.prepare(query).run();
  }
  await createD1Store(env.DB).commit({ links: [], activity: [anEntry({ message: "engine" })] });
  const last = await env.DB.prepare("SELECT id, source, dataflow, resource FROM activity_log ORDER BY id DESC").first();
  expect(last).toEqual({
    id: (before.at(-1)?.id as number) + 1,
    source: "sync-engine",
    dataflow: "customers",
    resource: null,
  });
  const indexes = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity_log' AND sql IS NOT NULL ORDER BY name",
  ).all();
  expect(indexes.results.map((r) => r.name)).toEqual([
    "activity_log_dataflow",
    "activity_log_link",
    "activity_log_record",
  ]);
});
