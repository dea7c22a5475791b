/**
 * First runs: records on one side only are created on the other, once, and both sides then stay quiet.
 * The rule, on the engine with the memory store and both simulators; test/workerd/jobs/backfill proves the same
 * path end to end through cron runs and the queue on real D1.
 */
import { describe, expect, it } from "vitest";
import { linksOf, setup } from "./harness";

describe("backfill", () => {
  it("creates PowerOffice customers, departments and products in the shop", async () => {
    const h = setup();
    h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814", EmailAddress: "post@fjordbris.no" });
    h.po.seed.customer({ IsPerson: true, FirstName: "Ingrid", LastName: "Haugen", EmailAddress: "ingrid@haugen.no" });
    h.po.seed.department({ Code: "900", Name: "Salg", IsActive: true });
    h.po.seed.product({ Code: "STOL-ERGO", Name: "Ergonomisk stol", UnitPrice: 2490 });
    await h.cycle();
    expect(h.logs).toEqual([]);
    const customers = h.shop.list("customers");
    expect(customers.map((c) => c.kind).sort()).toEqual(["company", "department", "person"]);
    expect(customers.find((c) => c.kind === "company")).toMatchObject({
      name: "Fjordbris AS",
      organization_number: "952601814",
    });
    expect(h.shop.list("products")).toMatchObject([{ sku: "STOL-ERGO", name: "Ergonomisk stol", price: "2490.00" }]);
    const links = await linksOf(h.store, "customers");
    expect(links.map((l) => l.state)).toEqual(["linked", "linked"]);
  });

  it("creates shop customers and products in PowerOffice once the PowerOffice customers were read", async () => {
    const h = setup();
    h.shop.seed.customer({ kind: "company", name: "Granly AS", organization_number: "987 654 321" });
    h.shop.seed.product({ sku: "LAMPE-LED", name: "LED-lampe", price: "349.00" });
    await h.cycle();
    expect(h.logs).toEqual([]);
    expect(h.po.list("customers")).toMatchObject([{ Name: "Granly AS", OrganizationNumber: "987654321" }]);
    expect(h.po.list("products")).toMatchObject([{ Code: "LAMPE-LED", Name: "LED-lampe", UnitPrice: 349 }]);
  });

  it("tells a create and its write-back to the source in one activity entry", async () => {
    const h = setup();
    h.shop.seed.customer({ kind: "company", name: "Granly AS", organization_number: "987 654 321" });
    await h.cycle();
    const [po] = h.po.list("customers");
    const [shop] = h.shop.list("customers");
    // The write-back happened: the shop's customer holds its PowerOffice number.
    expect(shop?.customer_number).toMatch(/^\d+$/);
    expect(po).toBeDefined();
    const entries = await h.store.activity.recent(100);
    expect(entries).toEqual([
      expect.objectContaining({
        action: "created",
        side: "poweroffice",
        message: expect.stringMatching(
          /^Created in PowerOffice from the webshop customer \S+ \(reference [^)]+\)\. Updated the webshop customer \S+ in the webshop: customer_number, external_ids\.poweroffice_customer\.$/,
        ),
        // The create's values, and the ones written back.
        changes: expect.objectContaining({
          name: [null, "Granly AS"],
          customer_number: [null, shop!.customer_number],
        }),
      }),
    ]);
  });
});
