/**
 * Migration 0009: a database that synced under the older rules (a lookup per record) goes on as before: every feed
 * with a cursor counts as read and matched, so no record waits and no feed is read again; PowerOffice's customers
 * feed only where the older customers gate was open.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";

const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0009"));

async function upgrade(cursors: Array<[string, string]>, legacyGate: boolean) {
  await env.DB.batch([env.DB.prepare("DELETE FROM settings"), env.DB.prepare("DELETE FROM cursors")]);
  for (const [dataflow, side] of cursors) {
    await env.DB.prepare("INSERT INTO cursors (dataflow, side, value, updated_at) VALUES (?, ?, '\"c\"', 'x')")
      .bind(dataflow, side)
      .run();
  }
  if (legacyGate) {
    await env.DB.prepare("INSERT INTO settings (key, value) VALUES ('backfill:customers:poweroffice', 'x')").run();
  }
  for (const query of migration!.queries) await env.DB.prepare(query).run();
  const rows = await env.DB.prepare("SELECT key, value FROM settings ORDER BY key").all<{
    key: string;
    value: string;
  }>();
  for (const row of rows.results) {
    if (row.key.startsWith("first-read:") || row.key.startsWith("matched:")) {
      expect(new Date(row.value).toISOString()).toBe(row.value);
    }
  }
  return rows.results.map((r) => r.key);
}

it("marks every feed with a cursor read and matched, orders aside", async () => {
  const keys = await upgrade(
    [
      ["customers", "poweroffice"],
      ["customers", "webshop"],
      ["products", "webshop"],
      ["orders", "webshop"],
    ],
    true,
  );
  expect(keys).toEqual([
    "backfill:customers:poweroffice",
    "first-read:customers:webshop",
    "first-read:products:webshop",
    "matched:customers:poweroffice",
    "matched:customers:webshop",
    "matched:products:webshop",
  ]);
});

it("leaves PowerOffice's customers unmatched while the older customers gate was still closed", async () => {
  const keys = await upgrade(
    [
      ["customers", "poweroffice"],
      ["customers", "webshop"],
    ],
    false,
  );
  expect(keys).toEqual(["first-read:customers:webshop", "matched:customers:webshop"]);
});

it("writes nothing on a database that never synced", async () => {
  expect(await upgrade([], false)).toEqual([]);
});
