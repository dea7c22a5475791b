/**
 * An order waiting for its customer or products goes on as soon as they are linked, in the same round of work that
 * links them, not at a later cron run.
 * At this level (workerd): the trigger's retry goes through the queue, with the pause set by /api; the
 * engine-level rule is test/node/engine/waiting-orders.
 */
import { describe, expect, it } from "vitest";
import { PauseResultSchema } from "../../../shared/api/actions";
import { API_PATHS } from "../../../shared/api/paths";
import { createApiWorld } from "../http/api/api-world";
import { linkRows } from "./tables";

describe("orders waiting for what they refer to", () => {
  it("a shop order waiting for its customer reaches PowerOffice as soon as the customer is linked", {
    timeout: 60_000,
  }, async () => {
    const world = await createApiWorld();
    world.poweroffice.seed.customer({ IsPerson: true, FirstName: "Eksisterende", LastName: "Kunde" });
    await world.cycle();
    // Customers may not be written into PowerOffice for now: the order's new customer, and so the order, wait.
    await world.ok(PauseResultSchema, "POST", API_PATHS.pause("customers", "webshop-to-poweroffice"));
    const buyer = world.shop.seed.customer({ kind: "person", email: "venter@example.no" });
    const product = world.shop.seed.product({ sku: "VENTEVARE" });
    world.shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: product.id, quantity: 1 }] });
    await world.cycle();
    const [waiting] = await linkRows("orders");
    expect(waiting).toMatchObject({ state: "pending", error_code: "dependency" });
    expect(world.poweroffice.count("salesOrders")).toBe(0);

    // Resumed, and the customer is edited in the shop a few seconds later: its webhook links it, and the order
    // follows in that same round of work, not when its own recheck comes round a minute later.
    await world.ok(PauseResultSchema, "POST", API_PATHS.resume("customers", "webshop-to-poweroffice"));
    world.clock.advance(5_000);
    world.shop.edit("customers", buyer.id, { phone: "+47 900 00 000" });
    await world.settle();
    expect((await linkRows("customers")).find((l) => l.webshop_id === buyer.id)?.state).toBe("linked");
    expect(world.poweroffice.count("salesOrders")).toBe(1);
    expect((await linkRows("orders"))[0]).toMatchObject({ state: "linked", error_code: null });
  });
});
