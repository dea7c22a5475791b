/**
 * Cloudflare's daily allowances used up (Workers Free): D1 refuses reads or writes, the Queue refuses sends, KV
 * refuses writes, each with the platform's own error (worker/budgets/daily-limits.ts), until 00:00 UTC. The sync
 * stops cleanly, loses and duplicates nothing, says which allowance ran out, and goes on by itself after the reset.
 * The refusals are injected into the worker's bindings; the fake clock passes midnight.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../shared/api/paths";
import { StatusResponseSchema } from "../../../shared/api/status";
import { dailyLimitBook, nextUtcMidnight } from "../../../worker/budgets/daily-limits";
import { createApiWorld } from "../http/api/api-world";
import { createWorld, type World } from "./harness";
import { byKey, duplicateKeys, poProducts, shopProducts } from "./views";

const D1_READ = "D1_ERROR: exceeded daily rows read limit [code: 7500]";
const D1_WRITTEN = "D1_ERROR: exceeded daily rows written limit [code: 7500]";
const QUEUE = "Queue sendBatch failed: Too Many Requests";
const KV = "KV put() limit exceeded for the day.";

/** A refusal that holds from when it is switched on until the next 00:00 UTC, as Cloudflare's does. */
function outage() {
  const state = { until: 0 };
  return {
    begin: (now: number) => {
      state.until = nextUtcMidnight(now);
    },
    active: (now: number) => now < state.until,
    get until() {
      return state.until;
    },
  };
}

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b/i;

/** D1 that refuses (every statement, or only writes) while `refusing(sql)` says so. */
function refusingD1(db: D1Database, refusal: (sql: string) => string | null): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>();
  const sqlOf = new WeakMap<object, string>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const check = <T>(run: () => Promise<T>) => {
      const refused = refusal(sql);
      return refused ? Promise.reject(new Error(refused)) : run();
    };
    const wrapper = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      first: (column?: string) => check(() => (column ? statement.first(column) : statement.first())),
      run: () => check(() => statement.run()),
      all: () => check(() => statement.all()),
      raw: (options?: { columnNames?: boolean }) => check(() => statement.raw(options as never)),
    };
    real.set(wrapper, statement);
    sqlOf.set(wrapper, sql);
    return wrapper as unknown as D1PreparedStatement;
  };
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => {
      const refused = statements.map((s) => refusal(sqlOf.get(s) ?? "")).find((r) => r !== null);
      if (refused) return Promise.reject(new Error(refused));
      return db.batch(statements.map((s) => real.get(s) ?? s));
    },
    exec: (sql: string) => {
      const refused = refusal(sql);
      return refused ? Promise.reject(new Error(refused)) : db.exec(sql);
    },
    dump: () => db.dump(),
    withSession: (...args: Parameters<D1Database["withSession"]>) => db.withSession(...args),
  } as unknown as D1Database;
}

async function deadLetters(): Promise<number> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM dead_letters").first<{ n: number }>();
  return row?.n ?? 0;
}

function seed(world: World) {
  for (let n = 1; n <= 3; n++)
    world.poweroffice.seed.product({ Code: `PO-D${n}`, Name: `Vare ${n}`, UnitPrice: 10 * n });
  for (let n = 1; n <= 2; n++) world.shop.seed.product({ sku: `SHOP-D${n}`, name: `Butikk ${n}`, price: `${n}.00` });
}

function converged(world: World) {
  expect(duplicateKeys(poProducts(world), (p) => p.sku)).toEqual([]);
  expect(duplicateKeys(shopProducts(world), (p) => p.sku)).toEqual([]);
  expect(byKey(shopProducts(world), (p) => p.sku)).toEqual(byKey(poProducts(world), (p) => p.sku));
  expect(world.poweroffice.count("products")).toBe(5);
}

/** Until the clock is past the reset, then a few cycles: everything that waited goes on by itself. */
async function afterReset(world: World, until: number) {
  world.clock.advance(until - world.clock.now() + 61_000);
  for (let i = 0; i < 4; i++) await world.cycle();
}

describe.each([
  ["D1 rows read", "d1-rows-read", D1_READ, (_sql: string): boolean => true],
  ["D1 rows written", "d1-rows-written", D1_WRITTEN, (sql: string): boolean => WRITE.test(sql)],
] as const)("%s used up", (_name, allowance, message, refuses) => {
  it("holds the queue's messages until the reset, the cron stops without an error, and it all converges after", async () => {
    const out = outage();
    const world = await createWorld({
      bindings: (e, now) => ({ DB: refusingD1(e.DB, (sql) => (out.active(now()) && refuses(sql) ? message : null)) }),
      overrides: { dailyLimits: dailyLimitBook() },
    });
    seed(world);
    world.clock.advance(61_000);
    await world.runCron(); // the first sync begins: messages wait on the queue
    const waiting = world.queue.pending.map((m) => JSON.stringify(m.body)).sort();
    expect(waiting.length).toBeGreaterThan(0);

    out.begin(world.clock.now());
    const { acked, retried } = await world.consumeOnce(100);
    // What needs D1 is sent again with a delay until the reset (its attempts untouched); what could finish without
    // it (a read-only pass while only writes are refused) is done. Nothing is retried or dead-lettered.
    expect(retried).toEqual([]);
    expect(acked).toHaveLength(waiting.length);
    const held = world.queue.pending.map((m) => JSON.stringify(m.body));
    expect(held.length).toBeGreaterThan(0);
    for (const body of held) expect(waiting).toContain(body);
    if (allowance === "d1-rows-read") expect(held.sort()).toEqual(waiting);
    expect(await deadLetters()).toBe(0);

    world.clock.advance(61_000);
    const report = await world.runCron();
    expect(report.errors).toEqual([]);
    expect(report.dailyLimits).toEqual([{ allowance, resetsAt: out.until }]);
    // The consumer found D1 out already: the run costs nothing more until the reset.
    expect(report.subrequests).toBe(0);
    const line = JSON.parse(world.logs.filter((l) => l.includes('"kind":"cron"')).at(-1)!);
    expect(line.outcome).toBe("daily-limit");

    const edited = world.poweroffice.list("products").find((p) => p.Code === "PO-D1")!;
    world.poweroffice.edit("products", edited.Id, { Name: "Endret mens D1 sa nei" });
    // A shop edit's webhook cannot be recorded: 503, and the shop retries (this one gives up before the reset).
    const shopEdited = world.shop.list("products").find((p) => p.sku === "SHOP-D2")!;
    world.shop.edit("products", shopEdited.id, { name: "Butikken endret mens D1 sa nei" });
    await world.deliverWebhooks();
    expect(world.webhookAnswers.at(-1)).toBe(503);

    await afterReset(world, out.until);
    converged(world);
    expect(shopProducts(world).find((p) => p.sku === "po-d1")?.name).toBe("Endret mens D1 sa nei");
    // After the reset the shop's edit reaches PowerOffice all the same (the shop feed or the reconcile pass).
    expect(poProducts(world).find((p) => p.sku === "shop-d2")?.name).toBe("Butikken endret mens D1 sa nei");
    expect(await deadLetters()).toBe(0);
  });
});

describe("Queue operations used up", () => {
  it("webhooks are synced where they arrive, a retry the Queue refuses waits for the reset, the status says so", async () => {
    const out = outage();
    const refused = () => Promise.reject(new Error(QUEUE));
    const world = await createApiWorld({
      bindings: (e, now) => {
        const queue = e.SYNC_QUEUE as unknown as Queue<unknown>;
        return {
          SYNC_QUEUE: {
            send: (body: unknown, options?: QueueSendOptions) =>
              out.active(now()) ? refused() : queue.send(body, options),
            sendBatch: (messages: Iterable<MessageSendRequest<unknown>>, options?: QueueSendBatchOptions) =>
              out.active(now()) ? refused() : queue.sendBatch(messages, options),
          } as unknown as typeof e.SYNC_QUEUE,
        };
      },
      overrides: { dailyLimits: dailyLimitBook() },
    });
    seed(world);
    for (let i = 0; i < 3; i++) await world.cycle();
    converged(world);

    out.begin(world.clock.now());
    const shopProduct = world.shop.list("products").find((p) => p.sku === "SHOP-D1")!;
    const poPartner = world.poweroffice.list("products").find((p) => p.Code === "SHOP-D1")!;
    // PowerOffice refuses the write for a while: the event is synced where its webhook arrives (no Queue needed), the
    // record fails on its link, and the link's retry is what the cron has to queue.
    const refusal = { kind: "status", status: 503, method: "PATCH", path: `/Products/${poPartner.Id}` } as const;
    world.poweroffice.faults.add({ ...refusal, times: 50 });
    world.shop.edit("products", shopProduct.id, { name: "Endret i butikken" });
    await world.deliverWebhooks();
    expect(world.webhookAnswers.at(-1)).toBe(202);
    world.poweroffice.faults.clear();
    const poProduct = world.poweroffice.list("products").find((p) => p.Code === "PO-D2")!;
    world.poweroffice.edit("products", poProduct.Id, { Name: "Endret i PowerOffice" });

    world.clock.advance(10 * 60_000);
    const report = await world.runCron();
    expect(report.errors).toEqual([]);
    expect(report.dailyLimits).toEqual([{ allowance: "queue-operations", resetsAt: out.until }]);
    // The feeds are still read inline: the PowerOffice edit is in the shop already.
    expect(shopProducts(world).find((p) => p.sku === "po-d2")?.name).toBe("Endret i PowerOffice");
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect(status.dailyLimits).toEqual([
      { allowance: "queue-operations", resetsAt: new Date(out.until).toISOString() },
    ]);

    await afterReset(world, out.until);
    converged(world);
    expect(poProducts(world).find((p) => p.sku === "shop-d1")?.name).toBe("Endret i butikken");
    expect(await deadLetters()).toBe(0);
    const after = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect(after.dailyLimits).toEqual([]);
  });
});

describe("KV writes used up", () => {
  it("the sync goes on without the token cache, and the status says so until the reset", async () => {
    const out = outage();
    const world = await createApiWorld({
      bindings: (e, now) => {
        const kv = e.CACHE;
        return {
          CACHE: {
            get: (key: string) => kv.get(key),
            put: (key: string, value: string, options?: KVNamespacePutOptions) =>
              out.active(now()) ? Promise.reject(new Error(KV)) : kv.put(key, value, options),
          } as unknown as KVNamespace,
        };
      },
      overrides: { dailyLimits: dailyLimitBook() },
    });
    out.begin(world.clock.now());
    seed(world);
    for (let i = 0; i < 3; i++) await world.cycle();
    converged(world);
    expect(world.cronReports.at(-1)!.errors).toEqual([]);
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect(status.dailyLimits).toEqual([{ allowance: "kv-writes", resetsAt: new Date(out.until).toISOString() }]);

    await afterReset(world, out.until);
    const after = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect(after.dailyLimits).toEqual([]);
  });
});
