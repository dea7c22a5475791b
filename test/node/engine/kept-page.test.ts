/**
 * A feed page that does not fit one invocation is read once: the records still to do are kept beside the cursor and
 * the next invocation goes on from them (docs/sync-engine.md, "Cursors").
 */
import { describe, expect, it } from "vitest";
import type { SidePort } from "../../../worker/core/ports";
import { KEPT_PAGE_MAX_AGE_MS } from "../../../worker/engine/limits";
import { olderMarker } from "../../../worker/engine/poll-page";
import { linksOf, setup } from "./harness";

/** Room for `n` records per engine call: what a trigger's budget allows, made countable. */
function roomFor(n: number) {
  let left = 0;
  return {
    limits: { room: () => --left > 0 },
    /** A new invocation: `n` records fit again. */
    next: () => {
      left = n;
    },
  };
}

function countingFeeds(reads: string[]) {
  return (side: SidePort): SidePort => ({
    ...side,
    feedPage: (dataflow, cursor, limit) => {
      reads.push(`${side.side} ${dataflow}`);
      return side.feedPage(dataflow, cursor, limit);
    },
  });
}

describe("a page that does not fit one invocation", () => {
  it("is read once, synced three records per call, and the cursor moves past it only with its last record", async () => {
    const reads: string[] = [];
    const room = roomFor(3);
    const h = setup({ limits: room.limits, wrapSide: countingFeeds(reads) });
    await h.firstRead("products"); // both (empty) feeds read once: the first-read gate is open
    for (let i = 0; i < 8; i++) h.po.seed.product({ Code: `K${i}`, Name: `Vare ${i}`, UnitPrice: 10 + i });
    reads.length = 0;

    const calls = [];
    for (let call = 0; call < 5; call++) {
      room.next();
      const result = await h.engine.pollPage("products", "poweroffice");
      calls.push({ processed: result.processed, kept: result.kept ?? 0, done: result.done });
      if (result.done) break;
    }
    expect(calls).toEqual([
      { processed: 3, kept: 5, done: false },
      { processed: 3, kept: 2, done: false },
      { processed: 2, kept: 0, done: true },
    ]);
    // One read of the PowerOffice feed for the whole page, not one per call.
    expect(reads).toEqual(["poweroffice products"]);
    expect(h.shop.count("products")).toBe(8);
    const links = await linksOf(h.store, "products");
    expect(links.filter((l) => l.state === "linked")).toHaveLength(8);
    expect((await h.store.cursors.read("products", "poweroffice")).page).toBeNull();
  });

  it("keeps the cursor where the page was read until the page is done, so a crash mid-page loses nothing", async () => {
    const room = roomFor(2);
    const h = setup({ limits: room.limits });
    await h.firstRead("products");
    const before = (await h.store.cursors.read("products", "poweroffice")).value;
    for (let i = 0; i < 5; i++) h.po.seed.product({ Code: `C${i}`, Name: `Vare ${i}`, UnitPrice: 10 });
    room.next();
    await h.engine.pollPage("products", "poweroffice");
    const stored = await h.store.cursors.read("products", "poweroffice");
    expect(stored.value).toEqual(before);
    expect(stored.page?.records.map((r) => r.id)).toHaveLength(3);
    // However the next invocations go, every record ends up in the shop once.
    for (let i = 0; i < 5; i++) {
      room.next();
      if ((await h.engine.pollPage("products", "poweroffice")).done) break;
    }
    expect(h.shop.count("products")).toBe(5);
  });

  it("a kept page older than KEPT_PAGE_MAX_AGE_MS is read again from its cursor", async () => {
    const reads: string[] = [];
    const room = roomFor(1);
    const h = setup({ limits: room.limits, wrapSide: countingFeeds(reads) });
    await h.firstRead("products");
    for (let i = 0; i < 3; i++) h.po.seed.product({ Code: `A${i}`, Name: `Vare ${i}`, UnitPrice: 10 });
    reads.length = 0;
    room.next();
    await h.engine.pollPage("products", "poweroffice");
    h.clock.advance(KEPT_PAGE_MAX_AGE_MS);
    room.next();
    await h.engine.pollPage("products", "poweroffice");
    expect(reads).toEqual(["poweroffice products", "poweroffice products"]);
  });

  it("a kept record the sync has meanwhile seen newer is passed over, not written back", async () => {
    const room = roomFor(1);
    const h = setup({ limits: room.limits });
    await h.firstRead("products");
    const first = h.shop.seed.product({ sku: "S1", name: "Før", price: "10.00" });
    const second = h.shop.seed.product({ sku: "S2", name: "Før", price: "10.00" });
    room.next();
    const page = await h.engine.pollPage("products", "webshop");
    expect(page.kept).toBe(1);
    // The second product is edited and synced (as its webhook would) before the kept page goes on.
    h.shop.edit("products", second.id, { name: "Etter" });
    await h.engine.syncOne("products", "webshop", second.id);
    const named = () => h.po.list("products").find((p) => p.Code === "S2")?.Name;
    expect(named()).toBe("Etter");
    room.next();
    await h.engine.pollPage("products", "webshop");
    expect(named()).toBe("Etter");
    expect(first.id).toBeDefined();
  });
});

describe("an order that brings a record along", () => {
  it("past a page's first record, a dependency that does not fit stops the page before that order and keeps it", async () => {
    let dependencies = false;
    const h = setup({ limits: { room: (_dataflow, what) => what === "record" || dependencies } });
    await h.engine.pollPage("customers", "poweroffice");
    await h.engine.pollPage("products", "poweroffice");
    const customer = h.shop.seed.customer({ kind: "company", name: "Granly AS", organization_number: "987654321" });
    const chair = h.shop.seed.product({ sku: "STOL", name: "Stol", price: "2490.00" });
    await h.cycle();
    const lamp = h.shop.seed.product({ sku: "LAMPE", name: "Lampe", price: "349.00" });
    const line = (product_id: string) => [{ product_id, quantity: 1, unit_price: "10.00" }];
    h.shop.seed.order({ customer_id: customer.id, order_number: "1", lines: line(chair.id) });
    h.shop.seed.order({ customer_id: customer.id, order_number: "2", lines: line(lamp.id) });

    const first = await h.engine.pollPage("orders", "webshop");
    expect(first).toMatchObject({ processed: 1, kept: 1, done: false });
    expect(h.po.list("salesOrders").map((o) => o.ImportedOrderNo)).toEqual([1]);
    expect(h.po.list("products").map((p) => p.Code)).toEqual(["STOL"]);

    dependencies = true;
    const second = await h.engine.pollPage("orders", "webshop");
    expect(second).toMatchObject({ processed: 1, done: true });
    expect(h.po.list("salesOrders").map((o) => o.ImportedOrderNo)).toEqual([1, 2]);
    expect(h.po.list("products").map((p) => p.Code)).toEqual(["STOL", "LAMPE"]);
  });
});

describe("olderMarker", () => {
  it("compares shop versions as numbers and PowerOffice timestamps as instants", () => {
    expect(olderMarker("9", "10")).toBe(true);
    expect(olderMarker("10", "9")).toBe(false);
    expect(olderMarker("10", "10")).toBe(false);
    expect(olderMarker("2026-11-26T12:00:00.1234567+01:00", "2026-11-26T11:30:00Z")).toBe(true);
    expect(olderMarker("2026-11-26T12:00:00Z", "2026-11-26T12:00:00.000Z")).toBe(false);
    expect(olderMarker("abc", "10")).toBe(false);
  });
});
