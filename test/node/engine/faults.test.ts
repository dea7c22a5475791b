/**
 * Injected faults on both systems (500, 429, latency, an answer lost after the commit): no duplicate, no lost update,
 * and everything converged once the faults stop.
 * The rules, on the engine with the memory store and both simulators; test/workerd/jobs/faults runs faults
 * through the whole worker, its failed records retried by later cron runs from real D1.
 */
import { describe, expect, it } from "vitest";
import { type Harness, setup } from "./harness";

function seedBoth(h: Harness) {
  const c = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
  const p = h.po.seed.product({ Code: "STOL", Name: "Stol", UnitPrice: 100 });
  h.po.seed.salesOrder({ CustomerId: c.Id }, [{ ProductId: p.Id, Quantity: 1 }]);
  const sc = h.shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Nordmann", email: "ola@x.no" });
  const sp = h.shop.seed.product({ sku: "LAMPE", name: "Lampe", price: "10.00" });
  h.shop.seed.order({ customer_id: sc.id, lines: [{ product_id: sp.id, quantity: 2, unit_price: "10.00" }] });
}

async function converged(h: Harness) {
  expect([h.po.count("customers"), h.shop.count("customers")]).toEqual([2, 2]);
  expect([h.po.count("products"), h.shop.count("products")]).toEqual([2, 2]);
  expect([h.po.count("salesOrders"), h.shop.count("orders")]).toEqual([2, 2]);
  const links = await h.store.links.list({ limit: 100 });
  expect(links.filter((l) => l.state !== "linked")).toEqual([]);
  expect(links).toHaveLength(6);
  const before = h.writes();
  await h.cycle();
  expect(h.writes()).toEqual(before);
}

describe("faults", () => {
  it("500s and 429s on creates and reads: retried, no duplicate, converged", async () => {
    const h = setup();
    seedBoth(h);
    h.po.faults.add({ method: "POST", path: "/Customers", kind: "status", status: 500, times: 6 });
    h.po.faults.add({ method: "GET", path: "/Products", kind: "status", status: 429, times: 3 });
    h.shop.faults.add({ method: "POST", path: "/orders", kind: "status", status: 503, times: 6 });
    h.shop.faults.add({ method: "POST", path: "/customers", kind: "status", status: 429, times: 2 });
    h.po.faults.add({ method: "POST", path: "/SalesOrders/Complete", kind: "status", status: 502, times: 5 });
    for (let i = 0; i < 3; i++) {
      await h.cycle();
      h.clock.advance(10 * 60_000);
    }
    h.po.faults.clear();
    h.shop.faults.clear();
    for (let i = 0; i < 3; i++) {
      await h.cycle();
      h.clock.advance(10 * 60_000);
    }
    await converged(h);
  });

  it("answers lost after the commit and slow answers: the creates happened once", async () => {
    const h = setup();
    seedBoth(h);
    for (const path of ["/customers", "/products", "/orders"]) {
      h.shop.faults.add({ method: "POST", path, kind: "drop-after-commit", times: 1 });
    }
    for (const path of ["/Customers", "/Products", "/SalesOrders/Complete"]) {
      h.po.faults.add({ method: "POST", path, kind: "drop-after-commit", times: 1 });
    }
    h.shop.faults.add({ method: "GET", kind: "latency", ms: 2, times: 5 });
    h.po.faults.add({ method: "GET", kind: "latency", ms: 2, times: 5 });
    for (let i = 0; i < 3; i++) {
      await h.cycle();
      h.clock.advance(10 * 60_000);
    }
    await converged(h);
  });

  it("an update whose answer was lost, and a shop edit racing the sync's write (412): no lost update", async () => {
    const h = setup();
    const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    await h.cycle();
    const shop = h.shop.list("customers")[0]!;
    h.clock.advance(60_000);
    h.po.edit("customers", po.Id, { PhoneNumber: "+47 1" });
    h.shop.faults.add({ method: "PATCH", kind: "drop-after-commit" });
    await h.cycle();
    h.clock.advance(60_000);
    await h.cycle();
    expect(h.shop.get("customers", shop.id)?.phone).toBe("+47 1");
    // The shop changes the record after the version the sync planned from (the link's, no read) and before its
    // write: 412, the sync reads both sides again and plans again, so both changes stay.
    h.clock.advance(60_000);
    h.po.edit("customers", po.Id, { PhoneNumber: "+47 2" });
    let raced = false;
    const mark = h.shop.requests.length;
    const update = h.sides.webshop.update.bind(h.sides.webshop);
    h.sides.webshop.update = async (dataflow, current, desired) => {
      if (!raced) {
        raced = true;
        h.shop.edit("customers", shop.id, { website: "https://fjordbris.no" });
      }
      return update(dataflow, current, desired);
    };
    await h.cycle();
    expect(h.shop.get("customers", shop.id)).toMatchObject({ phone: "+47 2", website: "https://fjordbris.no" });
    expect(h.po.get("customers", po.Id)).toMatchObject({ PhoneNumber: "+47 2", WebsiteUrl: "https://fjordbris.no" });
    expect(h.shop.requests.slice(mark).filter((r) => r.method === "PATCH" && r.status === 412)).toHaveLength(1);
  });

  it("a feed page meeting a webhook's sync of the same shop edit: the loser finds the version synced, reads nothing more", async () => {
    const h = setup();
    const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    await h.cycle();
    await h.cycle();
    const shop = h.shop.list("customers")[0]!;
    h.clock.advance(60_000);
    h.shop.edit("customers", shop.id, { phone: "+47 3" });
    const mark = { po: h.po.requests.length, shop: h.shop.requests.length };
    // The feed page's run reads the partner; meanwhile the webhook's sync of the same edit runs whole and commits.
    let raced = false;
    const read = h.sides.poweroffice.get.bind(h.sides.poweroffice);
    h.sides.poweroffice.get = async (dataflow, id) => {
      const result = await read(dataflow, id);
      if (!raced) {
        raced = true;
        await h.engine.syncOne("customers", "webshop", shop.id);
      }
      return result;
    };
    await h.engine.pollPage("customers", "webshop");
    expect(h.po.get("customers", po.Id)?.PhoneNumber).toBe("+47 3");
    const calls = (list: Array<{ method: string; path: string }>, from: number) =>
      list.slice(from).filter((r) => !/OAuth|token/i.test(r.path) && !/^\/(v2|api)\/[A-Za-z]+$/.test(r.path));
    // The page's partner read, the webhook sync's two reads and its write; the page's run then finds its claim stale
    // and the link at the very version it read: no second read of either record, no second write.
    expect(calls(h.po.requests, mark.po).map((r) => r.method)).toEqual(["GET", "GET", "PATCH"]);
    expect(calls(h.shop.requests, mark.shop).map((r) => r.method)).toEqual(["GET"]);
  });
});
