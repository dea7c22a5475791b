/**
 * A quiet system makes zero writes: none to either system, none to the store, over three cron cycles.
 * The rule, on the engine with the memory store (store writes counted too); test/workerd/jobs/quiet proves it
 * through cron runs, webhooks and the queue.
 */
import { describe, expect, it } from "vitest";
import { countingStore, setup } from "./harness";

describe("a quiet system", () => {
  it("makes no writes anywhere after the backfill, over three cycles", async () => {
    const counter = { commits: 0, inserts: 0 };
    const h = setup({ wrapStore: countingStore(counter) });
    const c = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    h.po.seed.customer({ IsPerson: true, FirstName: "Ingrid", LastName: "Haugen", EmailAddress: "ingrid@haugen.no" });
    h.po.seed.department({ Code: "900", Name: "Salg", IsActive: true });
    const p = h.po.seed.product({ Code: "STOL-ERGO", Name: "Ergonomisk stol", UnitPrice: 2490 });
    h.po.seed.salesOrder({ CustomerId: c.Id }, [{ ProductId: p.Id, Quantity: 2 }]);
    const shopCustomer = h.shop.seed.customer({
      kind: "person",
      first_name: "Ola",
      last_name: "Nordmann",
      email: "ola@x.no",
    });
    const shopProduct = h.shop.seed.product({ sku: "LAMPE-LED", name: "LED-lampe", price: "349.00" });
    h.shop.seed.order({
      customer_id: shopCustomer.id,
      lines: [{ product_id: shopProduct.id, quantity: 1, unit_price: "349.00" }],
    });
    await h.cycle();
    await h.cycle();
    expect(h.logs).toEqual([]);
    expect(h.po.count("customers")).toBe(3);
    expect(h.shop.count("customers")).toBe(4);
    expect(h.po.count("salesOrders")).toBe(2);
    expect(h.shop.count("orders")).toBe(2);

    const before = { ...h.writes(), ...counter };
    for (let i = 0; i < 3; i++) {
      h.clock.advance(60_000);
      await h.cycle();
    }
    expect({ ...h.writes(), ...counter }).toEqual(before);
  });

  it("the echo of the sync's own writes costs no write, not even a link row", async () => {
    const linkWrites: number[] = [];
    const h = setup({
      wrapStore: (store) => ({
        ...store,
        commit: (commit) => {
          linkWrites.push(commit.links.length);
          return store.commit(commit);
        },
      }),
    });
    const c = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    const shop = h.shop.seed.product({ sku: "LAMPE-LED", name: "LED-lampe", price: "349.00" });
    await h.cycle();
    const writes = h.writes();
    linkWrites.length = 0;
    // The feeds now show the records the sync created; and a webhook, and an admin's push, for each.
    await h.cycle();
    await h.engine.syncWebshopRecord("customers", h.shop.list("customers")[0]!.id);
    await h.engine.syncOne("customers", "poweroffice", String(c.Id));
    await h.engine.syncOne("products", "webshop", shop.id);
    expect(h.writes()).toEqual(writes);
    expect(linkWrites.every((n) => n === 0)).toBe(true);
  });
});
