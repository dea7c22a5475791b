/**
 * The first-read gate: a record without a link is neither looked up nor created before the other side's feed of its
 * dataflow was read to its end once; then it is matched against the links that read wrote (one query per page, no
 * API lookup), and the records it held go on by reading their feed again, not by one queue message each.
 */
import { describe, expect, it } from "vitest";
import type { SidePort } from "../../../worker/core/ports";
import type { DataflowId, Side } from "../../../worker/core/types";
import { type Harness, linksOf, setup } from "./harness";

/** One feed to its end, as the cron's chain of poll messages reads it. */
async function readFeed(h: Harness, dataflow: DataflowId, side: Side) {
  for (let page = 0; page < 50; page++) {
    const result = await h.engine.pollPage(dataflow, side);
    if (result.done || result.error) return;
  }
}

/** Lookups by match key, the calls the gate makes unnecessary. */
const lookups = (h: Harness) => [
  ...h.po.requests.filter((r) => /(^|&)codes=/i.test(r.query)),
  ...h.shop.requests.filter((r) => /(^|&)(sku|email|organization_number|department_code)=/i.test(r.query)),
];

describe("first-read gate", () => {
  it("does not create a PowerOffice product in the shop before the shop's products feed was read once", async () => {
    const h = setup();
    const po = h.po.seed.product({ Code: "STOL-ERGO", Name: "Ergonomisk stol", UnitPrice: 2490 });
    await readFeed(h, "products", "poweroffice");
    expect(h.shop.list("products")).toEqual([]);
    expect(h.writes()).toEqual({ poweroffice: 0, webshop: 0 });
    const [held] = await linksOf(h.store, "products");
    expect(held).toMatchObject({ state: "pending", ids: { poweroffice: String(po.Id), webshop: null } });
    expect(held?.matchKeys.poweroffice).toBe("sku:stol-ergo");
    expect(held?.lastError?.message).toMatch(/waiting for the first read of the webshop/i);
    expect(held?.nextRetryAt).toBeNull();

    await readFeed(h, "products", "webshop");
    await readFeed(h, "products", "poweroffice");
    expect(h.shop.list("products")).toMatchObject([{ sku: "STOL-ERGO", name: "Ergonomisk stol" }]);
    expect((await linksOf(h.store, "products")).map((l) => l.state)).toEqual(["linked"]);
    expect(lookups(h)).toEqual([]);
  });

  it("links a shop product to the PowerOffice product of its SKU without any ?sku or ?codes call", async () => {
    const h = setup();
    h.po.seed.product({ Code: "LAMPE-LED", Name: "LED-lampe", UnitPrice: 349 });
    h.shop.seed.product({ sku: " lampe-led ", name: "LED-lampe", price: "349.00" });
    h.shop.seed.customer({ kind: "person", first_name: "Kari", last_name: "Nord", email: "Kari@Nord.no" });
    h.po.seed.customer({ IsPerson: true, FirstName: "Kari", LastName: "Nord", EmailAddress: "kari@nord.no" });
    await h.cycle();
    expect(h.logs).toEqual([]);
    expect((await linksOf(h.store, "products")).map((l) => l.state)).toEqual(["linked"]);
    expect((await linksOf(h.store, "customers")).map((l) => l.state)).toEqual(["linked"]);
    expect(h.po.list("products")).toHaveLength(1);
    expect(h.shop.list("products")).toHaveLength(1);
    expect(lookups(h)).toEqual([]);
  });

  it("creates records of one side only on the other without one lookup or one retry each", async () => {
    const h = setup();
    for (let i = 0; i < 5; i++) h.shop.seed.customer({ kind: "person", first_name: `S${i}`, email: `s${i}@shop.no` });
    for (let i = 0; i < 5; i++) h.po.seed.customer({ IsPerson: true, FirstName: `P${i}`, EmailAddress: `p${i}@po.no` });
    // The shop's feed first: its customers wait for PowerOffice's first read, and no retry time is set for them.
    await readFeed(h, "customers", "webshop");
    await readFeed(h, "customers", "poweroffice");
    expect((await linksOf(h.store, "customers")).every((l) => l.nextRetryAt === null)).toBe(true);
    expect(await h.store.links.due("9999-01-01T00:00:00.000Z", 100)).toEqual([]);
    // The feeds again, as the next cron runs read them (no retry pass): everything is created once, each way.
    await readFeed(h, "customers", "webshop");
    await readFeed(h, "customers", "poweroffice");
    await readFeed(h, "customers", "webshop");
    expect(h.po.list("customers")).toHaveLength(10);
    expect(h.shop.list("customers")).toHaveLength(10);
    expect((await linksOf(h.store, "customers")).map((l) => l.state)).toEqual(Array(10).fill("linked"));
    expect(lookups(h)).toEqual([]);
  });

  it("a shop page in flight while PowerOffice's first read completes does not move past the restart", async () => {
    let during: (() => Promise<void>) | null = null;
    const h = setup({
      wrapSide: (side: SidePort): SidePort =>
        side.side !== "webshop"
          ? side
          : {
              ...side,
              feedPage: async (dataflow, cursor, limit) => {
                const page = await side.feedPage(dataflow, cursor, limit);
                const run = during;
                during = null;
                if (run) await run();
                return page;
              },
            },
    });
    for (let i = 0; i < 3; i++) h.shop.seed.product({ sku: `S-${i}`, name: `Vare ${i}`, price: "10.00" });
    h.po.seed.product({ Code: "P-0", Name: "Stol", UnitPrice: 100 });
    // The shop's products are read to their end (held: PowerOffice was not read yet).
    await readFeed(h, "products", "webshop");
    h.shop.seed.product({ sku: "S-3", name: "Vare 3", price: "10.00" });
    h.clock.advance(1_000);
    // The next shop page is being worked on when PowerOffice's first read completes and restarts both feeds.
    during = async () => {
      h.clock.advance(1_000);
      await readFeed(h, "products", "poweroffice");
    };
    await h.engine.pollPage("products", "webshop");
    expect(await h.store.cursors.get("products", "webshop")).toBeNull();
    for (let i = 0; i < 2; i++) {
      await readFeed(h, "products", "webshop");
      await readFeed(h, "products", "poweroffice");
    }
    expect(
      h.po
        .list("products")
        .map((p) => p.Code)
        .sort(),
    ).toEqual(["P-0", "S-0", "S-1", "S-2", "S-3"]);
    expect(
      h.shop
        .list("products")
        .map((p) => p.sku)
        .sort(),
    ).toEqual(["P-0", "S-0", "S-1", "S-2", "S-3"]);
    expect((await linksOf(h.store, "products")).map((l) => l.state)).toEqual(Array(5).fill("linked"));
  });
});
