/**
 * Records that exist on both sides before the first sync are linked by the dataflow's key, however it is written,
 * never created a second time; an empty key never matches and two candidates are "ambiguous", not a guess.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";
import { linkRows } from "./tables";
import { writes } from "./views";

describe("matching instead of duplicating", () => {
  it("links e-mail, org number, department code and SKU written in other case and with spaces", async () => {
    const world = await createWorld();
    const { poweroffice: po, shop } = world;
    po.seed.customer({
      IsPerson: true,
      FirstName: "Ingrid",
      LastName: "Haugen",
      EmailAddress: "Ingrid.Haugen@Example.no",
    });
    po.seed.customer({ IsPerson: false, Name: "Fjordbris AS", OrganizationNumber: "952601814", EmailAddress: null });
    po.seed.department({ Code: "900", Name: "Lager", IsActive: true });
    po.seed.product({ Code: "STOL-ERGO", Name: "Kontorstol", UnitPrice: 2490 });
    shop.seed.customer({
      kind: "person",
      first_name: "Ingrid",
      last_name: "Haugen",
      email: "  ingrid.haugen@EXAMPLE.no ",
    });
    shop.seed.customer({ kind: "company", name: "Fjordbris AS", organization_number: "952 601 814" });
    shop.seed.customer({ kind: "department", name: "Lager", department_code: "900" });
    shop.seed.product({ sku: " stol-ergo", name: "Kontorstol", price: "2490.00" });

    for (let i = 0; i < 3; i++) await world.cycle();

    expect(po.count("customers")).toBe(2);
    expect(po.count("departments")).toBe(1);
    expect(po.count("products")).toBe(1);
    expect(shop.count("customers")).toBe(3);
    expect(shop.count("products")).toBe(1);
    expect(writes(world).poweroffice.filter((r) => r.method === "POST")).toEqual([]);
    expect(writes(world).webshop.filter((r) => r.method === "POST")).toEqual([]);
    const links = await linkRows();
    expect(links.map((l) => [l.dataflow, l.state])).toEqual(
      expect.arrayContaining([
        ["customers", "linked"],
        ["customers", "linked"],
        ["departments", "linked"],
        ["products", "linked"],
      ]),
    );
    expect(links.every((l) => l.poweroffice_id && l.webshop_id)).toBe(true);
  });

  it("shows two candidates as ambiguous and writes nothing for them; an empty e-mail never matches", async () => {
    const world = await createWorld();
    const { poweroffice: po, shop } = world;
    po.seed.customer({ IsPerson: true, FirstName: "Ola", LastName: "Dobbel", EmailAddress: "ola@example.no" });
    po.seed.customer({ IsPerson: true, FirstName: "Uten", LastName: "Post", EmailAddress: null });
    shop.seed.customer({ kind: "person", first_name: "Uten", last_name: "Post", email: null });
    // Guest checkouts may share an e-mail in a shop: two candidates for one PowerOffice customer.
    shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Dobbel", email: "ola@example.no" });
    shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Dobbel", email: "OLA@example.no" });

    for (let i = 0; i < 3; i++) await world.cycle();

    const links = await linkRows("customers");
    const ambiguous = links.find((l) => l.poweroffice_id !== null && l.webshop_id === null);
    expect(ambiguous).toMatchObject({
      state: "ambiguous",
      last_error: expect.stringMatching(/2 webshop customers match by e-mail ola@example\.no/),
    });
    expect(po.list("customers").filter((c) => c.EmailAddress === "ola@example.no")).toHaveLength(1);
    expect(shop.list("customers").filter((c) => c.email?.toLowerCase() === "ola@example.no")).toHaveLength(2);
    // No e-mail is no key: the two "Uten Post" were not linked to each other, each was created on the other side.
    const withoutEmail = links.filter((l) => l.state === "linked");
    expect(withoutEmail).toHaveLength(2);
    expect(new Set(withoutEmail.map((l) => l.reference?.slice(0, 3)))).toEqual(new Set(["po-", "ws-"]));
  });
});
