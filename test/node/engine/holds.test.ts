/** Pause per dataflow and direction (keep reading, stop writing), and the mass-change brake. */
import { describe, expect, it } from "vitest";
import type { Store } from "../../../worker/core/ports";
import { brakeKey } from "../../../worker/engine/settings";
import { setup } from "./harness";

describe("pause and resume", () => {
  it("a paused direction is read and planned but not written; the other direction goes on; resume sends it", async () => {
    const h = setup();
    const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    await h.cycle();
    const shop = h.shop.list("customers")[0]!;
    await h.engine.setPaused("customers", "poweroffice-to-webshop", true);
    h.clock.advance(60_000);
    h.po.edit("customers", po.Id, { PhoneNumber: "+47 po" });
    h.po.seed.customer({ Name: "Ny AS", OrganizationNumber: "333333333" });
    const shopWrites = h.writes().webshop;
    await h.cycle();
    expect(h.writes().webshop).toBe(shopWrites);
    const link = (await h.store.links.findBySideId("customers", "poweroffice", String(po.Id)))!;
    expect(link.state).toBe("pending");
    expect(link.lastError?.message).toMatch(/Paused/);
    // The other direction still writes.
    h.shop.edit("customers", shop.id, { website: "https://fjordbris.no" });
    await h.engine.syncWebshopRecord("customers", shop.id);
    expect(h.po.get("customers", po.Id)?.WebsiteUrl).toBe("https://fjordbris.no");
    expect(h.shop.get("customers", shop.id)?.phone).toBeNull();
    // Other dataflows are not paused.
    h.po.seed.product({ Code: "P", Name: "P", UnitPrice: 1 });
    await h.cycle();
    expect(h.shop.count("products")).toBe(1);

    await h.engine.setPaused("customers", "poweroffice-to-webshop", false);
    await h.cycle();
    expect(h.shop.get("customers", shop.id)?.phone).toBe("+47 po");
    expect(h.shop.count("customers")).toBe(2);
    expect((await h.store.links.get(link.id))?.state).toBe("linked");
  });
});

describe("the mass-change brake", () => {
  it("stops a dataflow that would archive more than the share of its links, visibly, until released", async () => {
    const h = setup();
    const products = Array.from({ length: 150 }, (_, i) =>
      h.po.seed.product({ Code: `P${i}`, Name: `Product ${i}`, UnitPrice: 10 }),
    );
    h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    await h.cycle();
    expect(h.shop.count("products")).toBe(150);
    h.clock.advance(60_000);
    for (const p of products.slice(0, 40)) h.po.edit("products", p.Id, { IsArchived: true });
    await h.cycle();
    const archived = () => h.shop.list("products").filter((p) => !p.active).length;
    // 20 % of 150 is 30: the 31st record rewritten stops the dataflow.
    expect(archived()).toBe(30);
    const brake = JSON.parse((await h.store.settings.get(brakeKey("products")))!);
    expect(brake).toMatchObject({ rewrites: 31, links: 150, share: 0.2 });
    const activity = await h.store.activity.recent(100, { dataflow: "products" });
    expect(activity.filter((a) => a.action === "braked")[0]?.message).toMatch(/31 of 150/);
    const held = await h.store.links.list({ dataflow: "products", state: "pending", limit: 50 });
    expect(held).toHaveLength(10);
    expect(held[0]?.lastError?.message).toMatch(/Mass-change brake/);
    // Still braked on the next cycle; other dataflows go on.
    h.po.seed.customer({ Name: "Ny AS", OrganizationNumber: "333333333" });
    await h.cycle();
    expect(archived()).toBe(30);
    expect(h.shop.count("customers")).toBe(2);

    await h.engine.releaseBrake("products");
    await h.cycle();
    expect(archived()).toBe(40);
    expect(await h.store.settings.get(brakeKey("products"))).toBeNull();
  });

  it("counts a record changed again and again once: a busy shop's edits are no mass change", async () => {
    const h = setup();
    const products = Array.from({ length: 30 }, (_, i) =>
      h.po.seed.product({ Code: `P${i}`, Name: `Product ${i}`, UnitPrice: 10 }),
    );
    await h.cycle();
    // 5 products, each repriced 10 times within the hour: 50 rewrites of 5 records.
    for (let round = 0; round < 10; round++) {
      h.clock.advance(60_000);
      for (const p of products.slice(0, 5)) h.po.edit("products", p.Id, { UnitPrice: 11 + round });
      await h.cycle();
    }
    expect(h.shop.list("products").filter((p) => p.price === "20.00")).toHaveLength(5);
    expect(await h.store.settings.get(brakeKey("products"))).toBeNull();
  });

  it("does not count a backfill: creates, and the ids they write back to their source", async () => {
    const h = setup();
    await h.engine.pollPage("customers", "poweroffice");
    for (let i = 0; i < 30; i++) h.shop.seed.product({ sku: `S${i}`, name: `Product ${i}`, price: "10.00" });
    await h.cycle();
    expect(h.po.count("products")).toBe(30);
    expect(h.shop.list("products").every((p) => p.external_ids.poweroffice_product)).toBe(true);
    expect(await h.store.settings.get(brakeKey("products"))).toBeNull();
  });

  it("does not count first links and creates, nor brake a dataflow of 25 links or fewer", async () => {
    const h = setup();
    const products = Array.from({ length: 25 }, (_, i) =>
      h.po.seed.product({ Code: `P${i}`, Name: `Product ${i}`, UnitPrice: 10 }),
    );
    await h.cycle();
    h.clock.advance(60_000);
    for (const p of products) h.po.edit("products", p.Id, { IsArchived: true });
    await h.cycle();
    expect(h.shop.list("products").filter((p) => !p.active)).toHaveLength(25);
    expect(await h.store.settings.get(brakeKey("products"))).toBeNull();
  });

  it("counts the dataflow's links only as far as its answer needs, and not again while that answer holds", async () => {
    // What the brake asks the store: each count's limit (the links it may read), and any count of every link.
    const limits: number[] = [];
    let wholeCounts = 0;
    const h = setup({
      wrapStore: (store: Store): Store => ({
        ...store,
        links: {
          ...store.links,
          countUpTo: (dataflow, limit) => {
            limits.push(limit);
            return store.links.countUpTo(dataflow, limit);
          },
          countByState: (dataflow) => {
            wholeCounts++;
            return store.links.countByState(dataflow);
          },
        },
      }),
    });
    const products = Array.from({ length: 300 }, (_, i) =>
      h.po.seed.product({ Code: `P${i}`, Name: `Product ${i}`, UnitPrice: 10 }),
    );
    await h.cycle();
    // Two hours of a busy shop: 55 records repriced in each, under 20 % of 300 (60), one a minute.
    for (const [hour, batch] of [products.slice(0, 55), products.slice(55, 110)].entries()) {
      for (const p of batch) {
        h.clock.advance(60_000);
        h.po.edit("products", p.Id, { UnitPrice: 20 + hour });
        await h.cycle();
      }
      h.clock.advance(10 * 60_000);
    }
    expect(h.shop.list("products").filter((p) => p.price === "21.00")).toHaveLength(55);
    expect(await h.store.settings.get(brakeKey("products"))).toBeNull();
    // 84 records rewritten past the minimum of 25: three counts in the first hour, up to 131, 262 and 524 links (the
    // last found the 300), and none in the second, whose 55 stay under 20 % of the 300 already counted.
    expect(wholeCounts).toBe(0);
    expect(limits).toEqual([131, 262, 524]);
  });
});
