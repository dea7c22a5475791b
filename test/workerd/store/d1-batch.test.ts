/**
 * What only the D1 store can show: a commit is one batch and nothing else, a statement failing late in that batch
 * rolls back the ones before it, the webhook consumer's rows in activity_log still work, and separate store
 * instances (separate invocations) racing for a lease on the same database have one winner.
 */
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import type { Commit } from "../../../worker/core/ports";
import { createD1Store } from "../../../worker/store/d1-store";
import { aLink, anEntry, T0, testClock } from "../../store-contract/fixtures";

/** A D1 that counts what reaches the database and can rewrite the values bound to chosen statements. */
function observedD1(db: D1Database, rebind: (sql: string, values: unknown[]) => unknown[] = (_, v) => v) {
  const log = { prepared: 0, batches: [] as number[], direct: 0 };
  const inner = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const direct =
      <T>(run: () => Promise<T>) =>
      () => {
        log.direct += 1;
        return run();
      };
    const wrapper = {
      bind: (...values: unknown[]) => wrap(statement.bind(...rebind(sql, values)), sql),
      first: (column?: string) => direct(() => (column ? statement.first(column) : statement.first()))(),
      run: direct(() => statement.run()),
      all: direct(() => statement.all()),
      raw: direct(() => statement.raw()),
    };
    inner.set(wrapper, statement);
    return wrapper as unknown as D1PreparedStatement;
  };
  const observed = {
    prepare: (sql: string) => {
      log.prepared += 1;
      return wrap(db.prepare(sql), sql);
    },
    batch: (statements: D1PreparedStatement[]) => {
      log.batches.push(statements.length);
      return db.batch(statements.map((s) => inner.get(s) ?? s));
    },
  };
  return { db: observed as unknown as D1Database, log };
}

const aCommit = (): Commit => ({
  links: [aLink({ ids: { poweroffice: "1", webshop: "cus_1" } }), aLink({ ids: { poweroffice: "2", webshop: null } })],
  activity: [{ ...anEntry({ action: "created" }), linkIndex: 0 }, anEntry()],
  cursor: { dataflow: "customers", side: "poweroffice", value: { after: "tick-2" } },
  settings: { "backfill:customers": "done", "pause:orders": null },
});

beforeEach(async () => {
  await env.DB.batch(
    ["links", "cursors", "leases", "settings", "activity_log"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
});

describe("D1 store: commit", () => {
  it("sends every statement of a commit in one batch and nothing else", async () => {
    const { db, log } = observedD1(env.DB);
    await createD1Store(db).commit(aCommit());
    // Two links (an upsert each, and the second's guarded updates: it is new, so none), the two activity entries as
    // ONE insert, the cursor, two settings.
    expect(log).toEqual({ prepared: 6, batches: [6], direct: 0 });
  });

  it("rolls back the links and activity when the batch's last statements fail inside D1", async () => {
    // The cursor's value is swapped for text that is not JSON: D1 itself refuses it (CHECK json_valid) at execution.
    const { db } = observedD1(env.DB, (sql, values) =>
      sql.includes("INTO cursors") ? [values[0], values[1], "{not json", ...values.slice(3)] : values,
    );
    await expect(createD1Store(db).commit(aCommit())).rejects.toThrow(/CHECK constraint failed/);
    const store = createD1Store(env.DB);
    expect(await store.links.list({ limit: 10 })).toEqual([]);
    expect(await store.activity.recent(10)).toEqual([]);
    expect(await store.cursors.get("customers", "poweroffice")).toBeNull();
    expect(await store.settings.get("backfill:customers")).toBeNull();
  });

  it("writes the whole commit when nothing fails", async () => {
    const store = createD1Store(env.DB);
    const { linkIds } = await store.commit(aCommit());
    expect(await store.links.list({ limit: 10 })).toHaveLength(2);
    expect((await store.activity.recent(10)).map((e) => e.linkId)).toEqual([null, linkIds[0]]);
    expect(await store.cursors.get("customers", "poweroffice")).toEqual({ after: "tick-2" });
    expect(await store.settings.get("backfill:customers")).toBe("done");
  });

  it("writes a pending link as its own statement pair, before anything else", async () => {
    const { db, log } = observedD1(env.DB);
    await createD1Store(db).links.insertPending(aLink());
    expect(log).toEqual({ prepared: 2, batches: [2], direct: 0 });
  });
});

describe("D1 store: activity_log shared with the webhook consumer's rows", () => {
  it("keeps rows written with the consumer's columns working and never hands them out as the engine's entries", async () => {
    const store = createD1Store(env.DB);
    // The columns the webhook consumer has written since 0002 (its hand-off log before the engine existed).
    const consumerRow = (resource: string, id: string) =>
      env.DB.prepare(
        `INSERT INTO activity_log (at, source, action, resource, resource_id, version, message)
         VALUES (?, 'webshop-webhook', 'webshop-record-deleted', ?, ?, NULL, 'gone')`,
      )
        .bind(new Date(T0).toISOString(), resource, id)
        .run();
    await consumerRow("customers", "cus_gone");
    await store.commit({ links: [], activity: [anEntry({ message: "engine" })] });
    await consumerRow("products", "prd_gone");
    expect((await store.activity.recent(10)).map((e) => e.message)).toEqual(["engine"]);
    const rows = await env.DB.prepare(
      "SELECT source, resource, resource_id, dataflow FROM activity_log ORDER BY id",
    ).all();
    expect(rows.results).toEqual([
      { source: "webshop-webhook", resource: "customers", resource_id: "cus_gone", dataflow: null },
      { source: "sync-engine", resource: null, resource_id: null, dataflow: "customers" },
      { source: "webshop-webhook", resource: "products", resource_id: "prd_gone", dataflow: null },
    ]);
  });
});

describe("D1 store: leases across invocations", () => {
  it("gives a free lease to exactly one of ten store instances racing for it", async () => {
    const stores = Array.from({ length: 10 }, () => createD1Store(env.DB, { clock: testClock() }));
    const won = await Promise.all(stores.map((store, i) => store.leases.acquire("cron", `run-${i}`, 60_000, T0)));
    expect(won.filter(Boolean)).toHaveLength(1);
    const holder = await env.DB.prepare("SELECT holder, expires_at FROM leases WHERE name = 'cron'").first();
    expect(holder).toEqual({ holder: `run-${won.indexOf(true)}`, expires_at: T0 + 60_000 });
  });
});
