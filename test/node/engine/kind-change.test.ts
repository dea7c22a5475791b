/**
 * A shop customer that changes kind: person ↔ company stays in the customers dataflow and keeps its link (PowerOffice
 * follows); a customer that becomes a department (or back) is never synced under the other dataflow: its link shows
 * a visible error that says what to do, and nothing is written until the admin acts. The rules, on the engine with
 * both simulators; test/workerd has no kind-change file (the webhook and queue path is test/workerd/jobs/edits).
 */
import { describe, expect, it } from "vitest";
import { linksOf, setup } from "./harness";

async function linkedShopCustomer(kind: "person" | "company") {
  const h = setup();
  h.po.seed.customer({ IsPerson: true, FirstName: "Annen", LastName: "Kunde", EmailAddress: "annen@example.no" });
  await h.cycle();
  const customer =
    kind === "person"
      ? h.shop.seed.customer({ kind, first_name: "Ola", last_name: "Bytter", email: "ola@bytter.no" })
      : h.shop.seed.customer({ kind, name: "Bytter AS", organization_number: "952601814", email: "post@bytter.no" });
  await h.cycle();
  const link = (await linksOf(h.store, "customers")).find((l) => l.ids.webshop === customer.id)!;
  expect(link.state).toBe("linked");
  return { h, customer, link };
}

describe("a shop customer that changes kind", () => {
  it("person → company keeps its link, and PowerOffice's customer becomes a company of that name", async () => {
    const { h, customer, link } = await linkedShopCustomer("person");
    h.shop.edit("customers", customer.id, {
      kind: "company",
      name: "Ola Bytter AS",
      first_name: null,
      last_name: null,
      organization_number: "952601814",
    });
    await h.cycle();
    const after = await h.store.links.get(link.id);
    expect(after).toMatchObject({ state: "linked", ids: link.ids, lastError: null });
    const po = h.po.list("customers").find((c) => String(c.Id) === link.ids.poweroffice)!;
    expect(po).toMatchObject({ IsPerson: false, Name: "Ola Bytter AS", OrganizationNumber: "952601814" });
    expect(h.po.count("customers")).toBe(2);
    expect(await linksOf(h.store, "customers")).toHaveLength(2);
  });

  it("company → person keeps its link, and PowerOffice's customer becomes that person", async () => {
    const { h, customer, link } = await linkedShopCustomer("company");
    h.shop.edit("customers", customer.id, { kind: "person", first_name: "Kari", last_name: "Bytter" });
    await h.cycle();
    const after = await h.store.links.get(link.id);
    expect(after).toMatchObject({ state: "linked", ids: link.ids, lastError: null });
    const po = h.po.list("customers").find((c) => String(c.Id) === link.ids.poweroffice)!;
    expect(po).toMatchObject({ IsPerson: true, FirstName: "Kari", LastName: "Bytter" });
    expect(h.po.count("customers")).toBe(2);
    expect(h.shop.list("customers").find((c) => c.id === customer.id)?.kind).toBe("person");
  });

  it("customer → department is refused visibly on its link, nothing is created, and it goes on once switched back", async () => {
    const { h, customer, link } = await linkedShopCustomer("company");
    const writesBefore = h.writes();
    h.shop.edit("customers", customer.id, { kind: "department", department_code: "77" });
    await h.cycle();
    await h.engine.syncWebshopRecord("customers", customer.id);
    // PowerOffice changes its side meanwhile: still nothing is written into the shop record of the other kind.
    h.po.edit("customers", Number(link.ids.poweroffice), { PhoneNumber: "+47 22 22 22 22" });
    await h.cycle();

    expect(h.po.count("departments")).toBe(0);
    expect(await linksOf(h.store, "departments")).toEqual([]);
    expect(h.writes()).toEqual(writesBefore);
    const refused = await h.store.links.get(link.id);
    expect(refused).toMatchObject({ state: "error", ids: link.ids, nextRetryAt: null });
    expect(refused?.lastError?.code).toBe("kind-changed");
    expect(refused?.lastError?.message).toMatch(/department/);
    expect(refused?.lastError?.message).toMatch(/set its kind back/);
    expect(refused?.lastError?.message).toMatch(/set its kind back to person or company/);
    expect(h.po.get("customers", Number(link.ids.poweroffice))).toMatchObject({ Name: "Bytter AS", IsArchived: false });

    h.shop.edit("customers", customer.id, { kind: "company", department_code: null });
    await h.cycle();
    expect(await h.store.links.get(link.id)).toMatchObject({ state: "linked", ids: link.ids, lastError: null });
    expect(h.po.count("customers")).toBe(2); // the other customer and this one: not created a second time
    expect(h.shop.list("customers").find((c) => c.id === customer.id)?.phone).toBe("+47 22 22 22 22");
  });

  it("customer → department, then unlinked by the admin: synced as a new department, the customer left as it is", async () => {
    const { h, customer, link } = await linkedShopCustomer("company");
    h.shop.edit("customers", customer.id, { kind: "department", department_code: "77" });
    await h.cycle();
    expect((await h.store.links.get(link.id))?.lastError?.code).toBe("kind-changed");

    await h.engine.unlink(link.id);
    await h.engine.syncWebshopRecord("customers", customer.id);
    expect(h.po.list("departments").map((d) => d.Code)).toEqual(["77"]);
    const [department] = await linksOf(h.store, "departments");
    expect(department).toMatchObject({ state: "linked", ids: { webshop: customer.id } });
    const po = h.po.list("customers").find((c) => String(c.Id) === link.ids.poweroffice);
    expect(po?.IsArchived).toBeFalsy();
  });

  it("a department that becomes a person is refused the same way, on the department's link", async () => {
    const h = setup();
    h.po.seed.customer({ IsPerson: true, FirstName: "Annen", LastName: "Kunde", EmailAddress: "annen@example.no" });
    await h.cycle();
    const dept = h.shop.seed.customer({ kind: "department", name: "Lager", department_code: "900" });
    await h.cycle();
    const [link] = await linksOf(h.store, "departments");
    expect(link?.state).toBe("linked");
    h.shop.edit("customers", dept.id, { kind: "person", first_name: "Lars", last_name: "Lager", email: "l@l.no" });
    await h.cycle();
    expect(h.po.count("customers")).toBe(1);
    expect((await linksOf(h.store, "customers")).some((l) => l.ids.webshop === dept.id)).toBe(false);
    const refused = await h.store.links.get(link!.id);
    expect(refused).toMatchObject({ state: "error", nextRetryAt: null });
    expect(refused?.lastError?.code).toBe("kind-changed");
  });
});
