/**
 * Webhooks delivered twice and newest first: each change has one effect in PowerOffice. The consumer reads the
 * record (the newest state) unless the sync has seen that version (on the link, or handed off by an earlier event).
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";
import { mark, writes } from "./views";

describe("duplicate and reordered webhooks", () => {
  it("have one effect each: one PATCH for an edited product, one create for a new customer", async () => {
    const world = await createWorld();
    const product = world.poweroffice.seed.product({ Code: "DOBBEL-1", Name: "Dobbel" });
    for (let i = 0; i < 3; i++) await world.cycle();
    const shopProduct = world.shop.list("products").find((p) => p.sku === "DOBBEL-1")!;
    const before = mark(world);

    world.shop.webhookFaults.set({ duplicate: true, outOfOrder: true });
    world.shop.edit("products", shopProduct.id, { name: "Dobbel 2" });
    world.shop.edit("products", shopProduct.id, { name: "Dobbel 3", price: "12.00" });
    const created = world.shop.seed.customer({ kind: "person", email: "ny@example.no" });
    world.shop.edit("customers", created.id, { phone: "+47 900 00 000" });
    world.shop.edit("customers", created.id, { phone: "+47 900 00 001" });
    await world.settle();

    const events = world.shop.webhooks.sent.slice(-4);
    expect(events.every((e) => e.attempts === 2 && e.state === "delivered")).toBe(true);
    expect(world.poweroffice.get("products", product.Id)).toMatchObject({ Name: "Dobbel 3", UnitPrice: 12 });
    const made = writes(world, before).poweroffice;
    expect(made.filter((r) => r.method === "PATCH" && r.path.endsWith(`/Products/${product.Id}`))).toHaveLength(1);
    expect(made.filter((r) => r.method === "POST" && /\/Customers$/i.test(r.path))).toHaveLength(1);
    const poCustomers = world.poweroffice.list("customers").filter((c) => c.EmailAddress === "ny@example.no");
    expect(poCustomers).toEqual([expect.objectContaining({ PhoneNumber: "+47 900 00 001" })]);
  });

  it("skip the echo of the sync's own write without an API call or a row; a newer edit is synced from its data, a deletion is read", async () => {
    const world = await createWorld();
    world.poweroffice.seed.product({ Code: "EKKO-1", Name: "Ekko", UnitPrice: 10 });
    await world.cycle();
    const shopProduct = world.shop.list("products").find((p) => p.sku === "EKKO-1")!;
    // The create and its write-back made events the shop has sent; each was recognised at intake, unread, unrecorded.
    const rows = () =>
      world.env.DB.prepare("SELECT outcome FROM webhook_inbox WHERE resource = 'products' AND resource_id = ?")
        .bind(shopProduct.id)
        .all<{ outcome: string }>()
        .then((r) => r.results.map((row) => row.outcome));
    expect(world.shop.webhooks.sent.some((e) => JSON.parse(e.body).data.id === shopProduct.id)).toBe(true);
    expect(await rows()).toEqual([]);
    const reads = (from: number) =>
      world.shop.requests
        .slice(from)
        .filter((r) => r.method === "GET" && r.path.endsWith(`/products/${shopProduct.id}`));
    expect(reads(0)).toHaveLength(0);

    // A person's edit is a newer version: synced from the record its event carries (not read again).
    let from = world.shop.requests.length;
    world.shop.edit("products", shopProduct.id, { name: "Ekko 2" });
    await world.settle();
    expect(reads(from)).toHaveLength(0);
    // Settled: its link has seen its version, so its row is deleted (a redelivery meets intake's guard).
    expect(await rows()).toEqual([]);
    expect(world.poweroffice.list("products").find((p) => p.Code === "EKKO-1")?.Name).toBe("Ekko 2");

    // A deletion may name the version the sync has seen: it is read (404) and archives the partner.
    from = world.shop.requests.length;
    world.shop.remove("products", shopProduct.id);
    await world.settle();
    expect(reads(from).length).toBeGreaterThan(0);
    expect(world.poweroffice.list("products").find((p) => p.Code === "EKKO-1")?.IsArchived).toBe(true);
    // A deletion is never seen by the guard, so its row is kept: a redelivery finds the deletion handed off.
    expect(await rows()).toEqual(["deleted"]);
  });
});
