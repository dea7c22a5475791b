/**
 * The admin's record search on D1 reads the search text kept on every link write, never each row's JSON: the query the
 * store sends is recorded (the real local D1 answers it) and SQLite's own plan for it is checked.
 */
import { env } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import { createD1Store } from "../../../worker/store/d1-store";
import { aFullLink } from "../../store-contract/fixtures";

/** The real D1, remembering each statement the store prepares. */
function recordingDb(db: D1Database, seen: string[]): D1Database {
  return new Proxy(db, {
    get(target, name) {
      if (name === "prepare") {
        return (sql: string) => {
          seen.push(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, name);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM links").run();
});

it("searches the links' search text in id order, without walking any snapshot's JSON, and stops at the limit", async () => {
  const seen: string[] = [];
  const store = createD1Store(recordingDb(env.DB, seen));
  const link = await store.links.insertPending(aFullLink());
  const found = await store.links.list({ search: "SYLTETøY as", dataflow: "customers", afterId: 0, limit: 5 });
  expect(found.map((l) => l.id)).toEqual([link.id]);

  const sql = seen.find((s) => s.includes("ORDER BY id LIMIT"));
  expect(sql).toBeDefined();
  const binds = ["customers", 0, "syltetøy as", 5];
  const plan = (
    await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .bind(...binds)
      .all<{ detail: string }>()
  ).results.map((row) => row.detail);
  expect(plan.join("\n")).not.toMatch(/json_tree|json_each/i);
  // In id order by an index (no sort of every match before the limit applies), comparing the stored text.
  expect(plan.join("\n")).toMatch(/SEARCH links USING (INDEX links_dataflow|INTEGER PRIMARY KEY)/);
  expect(plan.join("\n")).not.toMatch(/TEMP B-TREE/);
  expect(sql).not.toMatch(/json_tree|json_each/i);
  expect(sql).toMatch(/instr\(links\.search_text, \?\d+\)/);
});

it("keeps the index in step with every write: a committed change is found by its new text, not its old", async () => {
  const store = createD1Store(env.DB);
  const link = await store.links.insertPending(aFullLink());
  await store.commit({
    links: [{ ...link, snapshots: { poweroffice: { name: "Fjordbygg AS" }, webshop: null } }],
    activity: [],
  });
  const ids = async (term: string) => (await store.links.list({ search: term, limit: 10 })).map((l) => l.id);
  expect(await ids("fjordbygg")).toEqual([link.id]);
  expect(await ids("blåbærsyltetøy")).toEqual([]);
  const row = await env.DB.prepare("SELECT search_text FROM links WHERE id = ?").bind(link.id).first<{
    search_text: string;
  }>();
  expect(row?.search_text).toContain("fjordbygg as");
  expect(row?.search_text).not.toContain("syltetøy");
});
