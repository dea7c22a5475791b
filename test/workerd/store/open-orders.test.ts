/**
 * The cron's look for invoiced orders asks for the open orders' links every minute. On D1 that is a snapshot of one row
 * while the set has not moved (worker/store/open-orders.ts, migration 0016), and a read of the open ones only, never
 * of every order linked since the shop started, when it has.
 */
import { env } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import { createD1Store } from "../../../worker/store/d1-store";
import { aLink, T0 } from "../../store-contract/fixtures";
import { countingDb } from "./counting-db";

const tally = { written: 0, read: 0 };
const store = () => createD1Store(countingDb(env.DB, tally), { clock: { now: () => T0 } });
const LIMIT = 6000;

const generation = async () =>
  (
    await env.DB.prepare("SELECT generation FROM link_set_generations WHERE name = 'open-orders'").first<{
      generation: number;
    }>()
  )?.generation ?? null;

/** `count` order links PowerOffice ids from `from` on: the first `archived` archived, the rest linked. */
async function orderLinks(count: number, archived: number, from = 9000) {
  await env.DB.batch(
    Array.from({ length: count }, (_, n) =>
      env.DB.prepare(
        `INSERT INTO links (dataflow, poweroffice_id, webshop_id, state, created_at, updated_at)
         VALUES ('orders', ?1, ?2, ?3, ?4, ?4)`,
      ).bind(`${from + n}`, `ord_${from + n}`, n < archived ? "archived" : "linked", new Date(T0).toISOString()),
    ),
  );
}

const measured = async <T>(read: () => Promise<T>) => {
  tally.written = 0;
  tally.read = 0;
  const value = await read();
  return { value, written: tally.written, read: tally.read };
};

beforeEach(async () => {
  await env.DB.batch(
    ["links", "link_set_snapshots", "leases", "activity_log"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
});

it("reads the open orders' links only, then one snapshot row while none of them moved", async () => {
  await orderLinks(300, 250);
  const s = store();

  const first = await measured(() => s.links.openOrderIds(LIMIT));
  expect(first.value).toHaveLength(50);
  expect(first.value[0]).toMatchObject({ id: "9250" });
  expect(first.value.map((l) => l.linkId)).toEqual([...first.value.map((l) => l.linkId)].sort((a, b) => a - b));
  // The 50 entries of links_open_orders and the two small tables; not the 300 order links (archived ones included).
  expect(first.read).toBeLessThanOrEqual(60);
  expect(first.written).toBe(1); // the snapshot

  const again = await measured(() => s.links.openOrderIds(LIMIT));
  expect(again.value).toEqual(first.value);
  expect(again.read).toBeLessThanOrEqual(6);
  expect(again.written).toBe(0);
});

it("moves the set's count when a link enters or leaves it (one row), not between linked and conflict", async () => {
  const s = store();
  // The same moves on a customer's link and on an order's: the order's cost beyond the customer's is the set's.
  const moves = async (dataflow: "customers" | "orders") => {
    const link = await s.links.insertPending(aLink({ dataflow, ids: { poweroffice: `${dataflow}-1`, webshop: null } }));
    const costs: number[] = [];
    for (const state of ["linked", "conflict", "linked", "archived"] as const) {
      const now = await s.links.get(link.id);
      if (now === null) throw new Error(`link ${link.id} is gone`);
      costs.push((await measured(() => s.commit({ links: [{ ...now, state }], activity: [] }))).written);
    }
    return costs;
  };
  const before = await generation();
  const customer = await moves("customers");
  expect(await generation()).toBe(before);
  const order = await moves("orders");
  expect(await generation()).toBe((before ?? 0) + 2);
  // Entering: the count and the entry in links_open_orders. Linked and conflict: the entry rewritten (it holds the
  // state), the count left. Leaving: the count.
  expect(order.map((cost, n) => cost - (customer[n] ?? 0))).toEqual([2, 1, 1, 1]);
});

it("answers from a snapshot only at the set's present count, whoever moved it", async () => {
  await orderLinks(3, 0);
  const s = store();
  expect((await s.links.openOrderIds(LIMIT)).map((l) => l.id)).toEqual(["9000", "9001", "9002"]);
  // SQL by hand, not the store: the triggers move the count all the same.
  await env.DB.prepare("UPDATE links SET state = 'archived' WHERE poweroffice_id = '9001'").run();
  expect((await s.links.openOrderIds(LIMIT)).map((l) => l.id)).toEqual(["9000", "9002"]);
  await env.DB.prepare("UPDATE links SET poweroffice_id = '9100' WHERE poweroffice_id = '9002'").run();
  expect((await s.links.openOrderIds(LIMIT)).map((l) => l.id)).toEqual(["9000", "9100"]);
  await env.DB.prepare("DELETE FROM links WHERE poweroffice_id = '9000'").run();
  expect((await s.links.openOrderIds(LIMIT)).map((l) => l.id)).toEqual(["9100"]);
  // A snapshot of a smaller limit does not stand in for a larger one.
  await orderLinks(2, 0, 9200);
  expect(await s.links.openOrderIds(1)).toHaveLength(1);
  expect((await s.links.openOrderIds(LIMIT)).map((l) => l.id)).toEqual(["9100", "9200", "9201"]);
});

it("without the set's count (its row removed by hand) reads the links every time and keeps no snapshot", async () => {
  await orderLinks(4, 1);
  await env.DB.prepare("DELETE FROM link_set_generations WHERE name = 'open-orders'").run();
  try {
    const s = store();
    expect((await s.links.openOrderIds(LIMIT)).map((l) => l.id)).toEqual(["9001", "9002", "9003"]);
    await env.DB.prepare("UPDATE links SET state = 'archived' WHERE poweroffice_id = '9002'").run();
    expect((await s.links.openOrderIds(LIMIT)).map((l) => l.id)).toEqual(["9001", "9003"]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM link_set_snapshots").first("n")).toBe(0);
  } finally {
    await env.DB.prepare("INSERT INTO link_set_generations (name, generation) VALUES ('open-orders', 0)").run();
  }
});
