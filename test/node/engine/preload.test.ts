/** A feed page reads its records' links in one query: a page of records the sync has seen costs no query per record. */
import { describe, expect, it } from "vitest";
import type { Store } from "../../../worker/core/ports";
import { setup } from "./harness";

function countingLinks(calls: string[]) {
  return (store: Store): Store => ({
    ...store,
    links: {
      ...store.links,
      findBySideId: (dataflow, side, id) => {
        calls.push(`findBySideId ${dataflow} ${side}`);
        return store.links.findBySideId(dataflow, side, id);
      },
      findBySideIds: (dataflow, side, ids) => {
        calls.push(`findBySideIds ${dataflow} ${side} ${ids.length}`);
        return store.links.findBySideIds(dataflow, side, ids);
      },
    },
  });
}

describe("links read ahead for a feed page", () => {
  it("the shop feed's echoes of 10 products the sync created cost one link query, not ten", async () => {
    const calls: string[] = [];
    const h = setup({ wrapStore: countingLinks(calls) });
    for (let i = 0; i < 10; i++) h.po.seed.product({ Code: `P${i}`, Name: `Vare ${i}`, UnitPrice: 10 + i });
    // Both products feeds are read once first: before that, nothing is created in the shop.
    await h.firstRead("products");
    await h.engine.pollPage("products", "poweroffice");
    expect(h.shop.count("products")).toBe(10);
    calls.length = 0;
    const shopWrites = h.writes();
    const page = await h.engine.pollPage("products", "webshop");
    expect(page.processed).toBe(10);
    expect(h.writes()).toEqual(shopWrites);
    expect(calls).toEqual(["findBySideIds products webshop 10"]);
  });

  it("two shop records with one SKU on one page still make one PowerOffice product (matching is not read ahead)", async () => {
    const h = setup();
    // Two shop records with the same SKU on one page: the first creates the PowerOffice product and its link; the
    // second must see that link (the read-ahead ran before it existed), so it is reported, not created twice.
    h.shop.seed.product({ sku: "DUP-1", name: "En", price: "10.00" });
    h.shop.seed.product({ sku: "dup-1", name: "To", price: "11.00" });
    await h.cycle();
    expect(h.po.list("products").filter((p) => p.Code?.toLowerCase() === "dup-1")).toHaveLength(1);
  });

  it("a page of shop customers new to the sync looks for them among departments in one query, not one each", async () => {
    const calls: string[] = [];
    const h = setup({ wrapStore: countingLinks(calls) });
    for (let i = 0; i < 10; i++)
      h.shop.seed.customer({ kind: "person", first_name: "Ny", last_name: `${i}`, email: `n${i}@shop.no` });
    const page = await h.engine.pollPage("customers", "webshop");
    expect(page.processed).toBe(10);
    // The page's own links, then the departments that might hold these records (a customer that changed kind).
    expect(calls.filter((c) => c.includes("webshop"))).toEqual([
      "findBySideIds customers webshop 10",
      "findBySideIds departments webshop 10",
    ]);
  });
});
