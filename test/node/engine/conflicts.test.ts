/**
 * The same property changed differently on both sides: each policy decides, and every conflict is recorded.
 * The rules, on the engine with the memory store and both simulators; test/workerd has no conflicts file (no
 * policy depends on workerd).
 */
import { describe, expect, it } from "vitest";
import type { ConflictPolicy } from "../../../worker/core/types";
import { setup } from "./harness";

/** A linked company; then PowerOffice changes the phone, and a minute later the shop changes it too (or empties it). */
async function conflict(policy: ConflictPolicy, shopPhone: string | null = "+47 shop", poFirst = true) {
  const h = setup({ policy });
  const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814", PhoneNumber: "+47 base" });
  await h.cycle();
  const shop = h.shop.list("customers")[0]!;
  const editPo = () => h.po.edit("customers", po.Id, { PhoneNumber: "+47 po" });
  const editShop = () => h.shop.edit("customers", shop.id, { phone: shopPhone });
  h.clock.advance(60_000);
  if (poFirst) editPo();
  else editShop();
  h.clock.advance(60_000);
  if (poFirst) editShop();
  else editPo();
  await h.cycle();
  const activity = await h.store.activity.recent(50, { dataflow: "customers" });
  const link = await h.store.links.findBySideId("customers", "poweroffice", String(po.Id));
  return {
    h,
    link,
    poPhone: h.po.get("customers", po.Id)?.PhoneNumber,
    shopPhone: h.shop.get("customers", shop.id)?.phone,
    conflicts: activity.filter((a) => a.action === "conflict"),
  };
}

describe("conflicts", () => {
  it("newest-wins: the later change wins and the conflict is recorded with both values", async () => {
    const r = await conflict("newest-wins");
    expect([r.poPhone, r.shopPhone]).toEqual(["+47 shop", "+47 shop"]);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]?.message).toMatch(/\+47 po/);
    expect(r.conflicts[0]?.message).toMatch(/\+47 shop/);
    const other = await conflict("newest-wins", "+47 shop", false);
    expect([other.poPhone, other.shopPhone]).toEqual(["+47 po", "+47 po"]);
  });

  it("newest-wins: an empty value never beats a filled one", async () => {
    const r = await conflict("newest-wins", null);
    expect([r.poPhone, r.shopPhone]).toEqual(["+47 po", "+47 po"]);
    expect(r.conflicts).toHaveLength(1);
  });

  it("poweroffice-wins and webshop-wins", async () => {
    const po = await conflict("poweroffice-wins");
    expect([po.poPhone, po.shopPhone]).toEqual(["+47 po", "+47 po"]);
    expect(po.conflicts).toHaveLength(1);
    const shop = await conflict("webshop-wins", "+47 shop", false);
    expect([shop.poPhone, shop.shopPhone]).toEqual(["+47 shop", "+47 shop"]);
    expect(shop.conflicts).toHaveLength(1);
  });

  it("manual: neither value is written, the link waits in state conflict, and the admin's choice is applied", async () => {
    const r = await conflict("manual");
    expect([r.poPhone, r.shopPhone]).toEqual(["+47 po", "+47 shop"]);
    expect(r.link?.state).toBe("conflict");
    expect(r.link?.openConflicts).toMatchObject([
      { property: "phone", poweroffice: "+47 po", webshop: "+47 shop", winner: null },
    ]);
    expect(r.conflicts).toHaveLength(1);
    // Quiet while it waits: another cycle writes nothing.
    const before = r.h.writes();
    await r.h.cycle();
    expect(r.h.writes()).toEqual(before);
    const out = await r.h.engine.resolveConflict(r.link!.id, { phone: "webshop" });
    expect(out.state).toBe("linked");
    const po = r.h.po.list("customers")[0]!;
    expect(po.PhoneNumber).toBe("+47 shop");
    const link = await r.h.store.links.get(r.link!.id);
    expect(link?.openConflicts).toEqual([]);
  });

  it("manual: a conflict waiting for the admin survives a write of another property to the same record", async () => {
    const h = setup({ policy: "manual" });
    const po = h.po.seed.product({ Code: "P", Name: "Base", UnitPrice: 10 });
    await h.cycle();
    const shop = h.shop.list("products")[0]!;
    h.clock.advance(60_000);
    h.po.edit("products", po.Id, { Name: "From PowerOffice", UnitPrice: 55 });
    h.shop.edit("products", shop.id, { name: "From the shop" });
    for (let i = 0; i < 3; i++) {
      await h.cycle();
      await h.engine.reconcile("products", null, 10);
    }
    expect(h.shop.get("products", shop.id)).toMatchObject({ name: "From the shop", price: "55.00" });
    expect(h.po.get("products", po.Id)?.Name).toBe("From PowerOffice");
    const link = await h.store.links.findBySideId("products", "poweroffice", String(po.Id));
    expect(link?.state).toBe("conflict");
    expect(link?.openConflicts.map((c) => c.property)).toEqual(["name"]);
  });
});
