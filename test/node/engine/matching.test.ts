/**
 * Records on both sides are matched by their key (normalised) instead of duplicated; doubtful matches wait for a
 * human; an empty key never matches. The rules, on the engine with both simulators; test/workerd has no matching
 * file, as nothing here depends on workerd.
 */
import { describe, expect, it } from "vitest";
import { linksOf, setup } from "./harness";

describe("matching", () => {
  it("links case and whitespace variants instead of creating duplicates, both ways", async () => {
    const h = setup();
    h.po.seed.customer({
      IsPerson: true,
      FirstName: "Ingrid",
      LastName: "Haugen",
      EmailAddress: "Ingrid.Haugen@Example.no",
    });
    h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814" });
    h.po.seed.product({ Code: "STOL-ERGO", Name: "Stol" });
    h.po.seed.department({ Code: "900", Name: "Salg", IsActive: true });
    h.shop.seed.customer({
      kind: "person",
      first_name: "Ingrid",
      last_name: "Haugen",
      email: "  ingrid.haugen@example.NO ",
    });
    h.shop.seed.customer({ kind: "company", name: "Fjordbris", organization_number: "952 601 814" });
    h.shop.seed.product({ sku: "stol-ergo", name: "Stol", price: "100.00" });
    h.shop.seed.customer({ kind: "department", name: "Salg", department_code: "900" });
    // The shop's feed first: its customers wait for the PowerOffice read, then match.
    await h.engine.pollPage("customers", "webshop");
    await h.cycle();
    await h.cycle();
    expect(h.logs).toEqual([]);
    expect(h.po.count("customers")).toBe(2);
    expect(h.shop.count("customers")).toBe(3);
    expect(h.po.count("products")).toBe(1);
    expect(h.shop.count("products")).toBe(1);
    expect(h.po.count("departments")).toBe(1);
    for (const dataflow of ["customers", "products", "departments"] as const) {
      const links = await linksOf(h.store, dataflow);
      expect(links.every((l) => l.state === "linked" && l.ids.poweroffice && l.ids.webshop)).toBe(true);
    }
    const matched = (await h.store.activity.recent(100)).filter((a) => a.action !== "created");
    expect(matched.length).toBeGreaterThan(0);
  });

  it("shows two candidates as ambiguous, in words, and writes nothing; the admin links one by hand", async () => {
    const h = setup();
    const po = h.po.seed.customer({ IsPerson: true, FirstName: "Ola", LastName: "Nordmann", EmailAddress: "ola@x.no" });
    const a = h.shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Nordmann", email: "ola@x.no" });
    h.shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "N", email: "OLA@x.no" });
    const before = h.writes();
    await h.cycle();
    const after = h.writes();
    expect(after.webshop).toBe(before.webshop);
    expect(after.poweroffice).toBe(before.poweroffice);
    const link = await h.store.links.findBySideId("customers", "poweroffice", String(po.Id));
    expect(link?.state).toBe("ambiguous");
    expect(link?.lastError?.message).toMatch(/2 webshop customers match by e-mail ola@x.no: cus_\d+, cus_\d+/);
    const result = await h.engine.link("customers", String(po.Id), a.id);
    expect(result.state).toBe("linked");
    expect((await h.store.links.findBySideId("customers", "webshop", a.id))?.ids.poweroffice).toBe(String(po.Id));
  });

  it("does not take a candidate that is already linked to another record", async () => {
    const h = setup();
    h.po.seed.product({ Code: "A-1", Name: "Alpha" });
    await h.cycle();
    const second = h.po.seed.product({ Code: "B-1", Name: "Beta" });
    // The shop's A-1 is renamed to B-1: PowerOffice's B-1 now matches a product already linked to A-1.
    const shopA = h.shop.list("products")[0]!;
    h.shop.edit("products", shopA.id, { sku: "B-1" });
    const out = await h.engine.syncOne("products", "poweroffice", String(second.Id));
    expect(out.state).toBe("ambiguous");
    expect(out.message).toMatch(/already linked/);
    expect(h.shop.count("products")).toBe(1);
  });

  it("never matches on an empty key", async () => {
    const h = setup();
    h.po.seed.customer({ Name: "Uten Nummer AS" });
    h.shop.seed.customer({ kind: "company", name: "Uten Nummer AS" });
    await h.cycle();
    // No org number and no e-mail: no match, so each side's record is created on the other.
    expect(h.po.count("customers")).toBe(2);
    expect(h.shop.count("customers")).toBe(2);
  });

  it("links e-mail, org number, department code and SKU written in other case and with spaces", async () => {
    const h = setup();
    h.po.seed.customer({
      IsPerson: true,
      FirstName: "Ingrid",
      LastName: "Haugen",
      EmailAddress: "Ingrid.Haugen@Example.no",
    });
    h.po.seed.customer({ IsPerson: false, Name: "Fjordbris AS", OrganizationNumber: "952601814", EmailAddress: null });
    h.po.seed.department({ Code: "900", Name: "Lager", IsActive: true });
    h.po.seed.product({ Code: "STOL-ERGO", Name: "Kontorstol", UnitPrice: 2490 });
    h.shop.seed.customer({
      kind: "person",
      first_name: "Ingrid",
      last_name: "Haugen",
      email: "  ingrid.haugen@EXAMPLE.no ",
    });
    h.shop.seed.customer({ kind: "company", name: "Fjordbris AS", organization_number: "952 601 814" });
    h.shop.seed.customer({ kind: "department", name: "Lager", department_code: "900" });
    h.shop.seed.product({ sku: " stol-ergo", name: "Kontorstol", price: "2490.00" });

    for (let i = 0; i < 3; i++) await h.cycle();

    expect(h.po.count("customers")).toBe(2);
    expect(h.po.count("departments")).toBe(1);
    expect(h.po.count("products")).toBe(1);
    expect(h.shop.count("customers")).toBe(3);
    expect(h.shop.count("products")).toBe(1);
    expect(h.po.requests.filter((r) => r.method === "POST" && !/OAuth/i.test(r.path))).toEqual([]);
    expect(h.shop.requests.filter((r) => r.method === "POST")).toEqual([]);
    const links = await h.store.links.list({ limit: 100 });
    expect(links.map((l) => [l.dataflow, l.state])).toEqual(
      expect.arrayContaining([
        ["customers", "linked"],
        ["customers", "linked"],
        ["departments", "linked"],
        ["products", "linked"],
      ]),
    );
    expect(links.every((l) => l.ids.poweroffice && l.ids.webshop)).toBe(true);
  });

  it("shows two candidates as ambiguous and writes nothing for them; an empty e-mail never matches", async () => {
    const h = setup();
    h.po.seed.customer({ IsPerson: true, FirstName: "Ola", LastName: "Dobbel", EmailAddress: "ola@example.no" });
    h.po.seed.customer({ IsPerson: true, FirstName: "Uten", LastName: "Post", EmailAddress: null });
    h.shop.seed.customer({ kind: "person", first_name: "Uten", last_name: "Post", email: null });
    // Guest checkouts may share an e-mail in a shop: two candidates for one PowerOffice customer.
    h.shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Dobbel", email: "ola@example.no" });
    h.shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Dobbel", email: "OLA@example.no" });

    for (let i = 0; i < 3; i++) await h.cycle();

    const links = await linksOf(h.store, "customers");
    const ambiguous = links.find((l) => l.ids.poweroffice !== null && l.ids.webshop === null);
    expect(ambiguous).toMatchObject({ state: "ambiguous" });
    expect(ambiguous?.lastError?.message).toMatch(/2 webshop customers match by e-mail ola@example\.no/);
    expect(h.po.list("customers").filter((c) => c.EmailAddress === "ola@example.no")).toHaveLength(1);
    expect(h.shop.list("customers").filter((c) => c.email?.toLowerCase() === "ola@example.no")).toHaveLength(2);
    // No e-mail is no key: the two "Uten Post" were not linked to each other, each was created on the other side.
    const withoutEmail = links.filter((l) => l.state === "linked");
    expect(withoutEmail).toHaveLength(2);
    expect(new Set(withoutEmail.map((l) => l.reference?.slice(0, 3)))).toEqual(new Set(["po-", "ws-"]));
  });
});
