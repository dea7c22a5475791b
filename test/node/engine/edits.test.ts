/**
 * Edits on either side reach the other; the echo of the sync's own write is recognised and not written back.
 * The rules, on the engine with the memory store and both simulators; test/workerd/jobs/edits proves both paths
 * end to end (PowerOffice by cron, the shop by webhook and queue alone).
 */
import { describe, expect, it } from "vitest";
import { setup } from "./harness";

async function linkedCustomer() {
  const h = setup();
  const po = h.po.seed.customer({ Name: "Fjordbris AS", OrganizationNumber: "952601814", PhoneNumber: "+47 1" });
  await h.cycle();
  const shop = h.shop.list("customers")[0]!;
  return { h, po, shop };
}

describe("edits", () => {
  it("a PowerOffice edit reaches the shop on the next poll, and its echo writes nothing", async () => {
    const { h, po, shop } = await linkedCustomer();
    h.clock.advance(60_000);
    h.po.edit("customers", po.Id, { PhoneNumber: "+47 55 30 12 00", Name: "Fjordbris Interiør AS" });
    const before = h.writes();
    await h.cycle();
    expect(h.shop.get("customers", shop.id)).toMatchObject({ phone: "+47 55 30 12 00", name: "Fjordbris Interiør AS" });
    expect(h.writes().webshop).toBe(before.webshop + 1);
    // The shop's webhook for that write: an echo, nothing written.
    const echo = h.writes();
    const out = await h.engine.syncWebshopRecord("customers", shop.id);
    expect(out.state).toBe("linked");
    await h.cycle();
    expect(h.writes()).toEqual(echo);
  });

  it("a shop edit reaches PowerOffice through the webhook path alone (no cron), and its echo writes nothing", async () => {
    const { h, po, shop } = await linkedCustomer();
    h.clock.advance(60_000);
    h.shop.edit("customers", shop.id, {
      phone: "+47 99 99 99 99",
      billing_address: { line1: "Bryggen 1", line2: null, postal_code: "5003", city: "Bergen", country: "NO" },
    });
    const out = await h.engine.syncWebshopRecord("customers", shop.id);
    expect(out).toMatchObject({ state: "linked", message: null });
    expect(h.po.get("customers", po.Id)).toMatchObject({
      PhoneNumber: "+47 99 99 99 99",
      MailAddress: { AddressLine1: "Bryggen 1", ZipCode: "5003", City: "Bergen" },
    });
    const echo = h.writes();
    await h.cycle();
    await h.engine.syncWebshopRecord("customers", shop.id);
    expect(h.writes()).toEqual(echo);
  });

  it("changes to different properties on both sides merge", async () => {
    const { h, po, shop } = await linkedCustomer();
    h.clock.advance(60_000);
    h.po.edit("customers", po.Id, { PhoneNumber: "+47 2" });
    h.shop.edit("customers", shop.id, { website: "https://fjordbris.no" });
    await h.cycle();
    expect(h.po.get("customers", po.Id)).toMatchObject({ PhoneNumber: "+47 2", WebsiteUrl: "https://fjordbris.no" });
    expect(h.shop.get("customers", shop.id)).toMatchObject({ phone: "+47 2", website: "https://fjordbris.no" });
  });

  it("a product edit in the shop goes to PowerOffice; a price change from PowerOffice goes to the shop", async () => {
    const h = setup();
    const p = h.po.seed.product({ Code: "STOL", Name: "Stol", UnitPrice: 100 });
    await h.cycle();
    const sp = h.shop.list("products")[0]!;
    h.clock.advance(60_000);
    h.shop.edit("products", sp.id, { description: "Ergonomisk" });
    await h.engine.syncWebshopRecord("products", sp.id);
    h.clock.advance(60_000);
    h.po.edit("products", p.Id, { UnitPrice: 129.5 });
    await h.cycle();
    expect(h.po.get("products", p.Id)).toMatchObject({ Description: "Ergonomisk", UnitPrice: 129.5 });
    expect(h.shop.get("products", sp.id)).toMatchObject({ description: "Ergonomisk", price: "129.50" });
  });
});
