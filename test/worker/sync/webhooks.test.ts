/**
 * Webhooks delivered twice and newest first: each change has one effect in PowerOffice. The consumer re-reads the
 * record (the newest state), the inbox skips versions already handed off, the engine's echo check does the rest.
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
});
