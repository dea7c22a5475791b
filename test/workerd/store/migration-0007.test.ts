/**
 * Migration 0007 moves the admin's search text from the link_search table into a column of links (link_search becomes
 * a view of it), makes the activity log's
 * record index partial and rebuilds leases without a rowid. This file puts its own D1 back to the schema of 0006
 * (worker test files each get their own storage), writes rows as the code of 0006 did, applies 0007 and checks that
 * every row is still there, with the same ids, and the search finds what it found.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { createD1Store } from "../../../worker/store/d1-store";
import type { LinkRow } from "../../../worker/store/link-rows";
import { searchText } from "../../../worker/store/link-search";
import { aFullLink, aLink, anEntry } from "../../store-contract/fixtures";

const all = async (sql: string) => (await env.DB.prepare(sql).all<Record<string, unknown>>()).results;

async function backTo0006() {
  const objects = await all(
    "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' AND type IN ('table', 'view')",
  );
  for (const { type, name } of objects)
    await env.DB.prepare(`DROP ${type === "view" ? "VIEW" : "TABLE"} ${name}`).run();
  for (const m of env.TEST_MIGRATIONS.filter((m) => m.name < "0007"))
    for (const query of m.queries) await env.DB.prepare(query).run();
}

it("keeps every link, lease and activity row, and moves each link's search text into the link", async () => {
  await backTo0006();
  // Links as the code of 0006 wrote them (its store's columns, the triggers filling link_search).
  const columns =
    "dataflow, poweroffice_id, webshop_id, state, poweroffice_snapshot, webshop_snapshot, match_key_po, match_key_shop, next_retry_at, created_at, updated_at, rev";
  const insert = env.DB.prepare(`INSERT INTO links (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const full = aFullLink();
  const now = "2026-05-01T08:00:00.000Z";
  await env.DB.batch([
    insert.bind(
      "customers",
      full.ids.poweroffice,
      full.ids.webshop,
      "conflict",
      JSON.stringify(full.snapshots.poweroffice),
      JSON.stringify(full.snapshots.webshop),
      "987654321",
      "987654321",
      "2026-05-01T08:30:00.000Z",
      now,
      now,
      4,
    ),
    insert.bind(
      "products",
      null,
      "prd_1",
      "pending",
      null,
      JSON.stringify({ sku: "SKU-Æ1", name: "Vaffeljern" }),
      null,
      "sku-æ1",
      null,
      now,
      now,
      1,
    ),
    insert.bind(
      "orders",
      "77",
      "ord_77",
      "linked",
      JSON.stringify({ lines: [{ qty: 2 }] }),
      null,
      null,
      null,
      null,
      now,
      now,
      2,
    ),
  ]);
  // A gap in the ids, so renumbered ids would show, and the counter's high mark above every id left.
  await env.DB.prepare("DELETE FROM links WHERE dataflow = 'products'").run();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO leases (name, holder, expires_at) VALUES ('link:1', 'run-1', 99), ('cron', 'run-2', 100)",
    ),
    env.DB.prepare(`INSERT INTO activity_log (at, source, action, resource, resource_id, version, message)
      VALUES (?, 'webshop-webhook', 'webshop-record-changed', 'customers', 'cus_1', 3, 'consumer')`).bind(now),
    env.DB.prepare(`INSERT INTO activity_log (at, source, action, message, dataflow, link_id, side)
      VALUES (?, 'sync-engine', 'updated', 'engine', 'customers', 1, 'webshop')`).bind(now),
  ]);
  const links = await all("SELECT * FROM links ORDER BY id");
  const texts = await all("SELECT link_id, text FROM link_search ORDER BY link_id");
  const leases = await all("SELECT * FROM leases ORDER BY name");
  const activity = await all("SELECT * FROM activity_log ORDER BY id");
  expect(links).toHaveLength(2);

  for (const query of env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0007"))!.queries)
    await env.DB.prepare(query).run();

  const after = await all("SELECT * FROM links ORDER BY id");
  expect(after.map(({ search_text: _, ...row }) => row)).toEqual(links);
  expect(after.map((row) => ({ link_id: row.id, text: row.search_text }))).toEqual(texts);
  // The text the store writes from now on is the text the trigger wrote.
  for (const row of after) expect(row.search_text).toBe(searchText(row as unknown as LinkRow));
  expect(await all("SELECT * FROM leases ORDER BY name")).toEqual(leases);
  expect(await all("SELECT * FROM activity_log ORDER BY id")).toEqual(activity);
  // link_search is now a view of the column: code older than 0007 (a rollback) searches what it searched.
  expect(await all("SELECT link_id, text FROM link_search ORDER BY link_id")).toEqual(texts);

  // Code older than 0007 writes links without the column: the triggers give its rows their text all the same.
  await env.DB.prepare(
    `INSERT INTO links (${columns}) VALUES ('products', NULL, 'prd_2', 'pending', NULL, ?, NULL, NULL, NULL, ?, ?, 0)`,
  )
    .bind(JSON.stringify({ name: "Kaffetrakter" }), now, now)
    .run();
  await env.DB.prepare("UPDATE links SET webshop_snapshot = ? WHERE webshop_id = 'prd_2'")
    .bind(JSON.stringify({ name: "Tekoker" }))
    .run();
  const old = await env.DB.prepare("SELECT * FROM links WHERE webshop_id = 'prd_2'").first<
    LinkRow & { search_text: string }
  >();
  expect(old?.search_text).toBe(searchText(old!));
  expect(old?.search_text).toContain("tekoker");
  await env.DB.prepare("DELETE FROM links WHERE webshop_id = 'prd_2'").run();

  // The store of today finds the old links by their text, and new ids go on after the highest ever given.
  const store = createD1Store(env.DB);
  expect((await store.links.list({ search: "SYLTETøY as", limit: 5 })).map((l) => l.id)).toEqual([links[0]!.id]);
  const added = await store.links.insertPending(aLink({ dataflow: "products" }));
  expect(added.id).toBe(5);
  await store.commit({ links: [], activity: [anEntry({ linkId: added.id })] });
});
