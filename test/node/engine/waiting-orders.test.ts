/**
 * An order waiting for its customer is made due, and named to the trigger, by the run that links the customer.
 * The rule, on the engine; test/workerd/jobs/waiting-orders proves the trigger's queued retry through the
 * worker (pause and resume by /api, the customer's webhook, the queue).
 */
import { describe, expect, it } from "vitest";
import { createEngine } from "../../../worker/engine/engine";
import { linksOf, setup } from "./harness";

describe("orders waiting for what they refer to", () => {
  it("the run that links the waiting order's customer makes the order due at once and reports it", async () => {
    const h = setup();
    h.po.seed.customer({ IsPerson: true, FirstName: "Eksisterende", LastName: "Kunde" });
    await h.cycle();
    await h.engine.setPaused("customers", "webshop-to-poweroffice", true);
    const buyer = h.shop.seed.customer({ kind: "person", email: "venter@example.no" });
    const product = h.shop.seed.product({ sku: "VENTEVARE" });
    h.shop.seed.order({ customer_id: buyer.id, lines: [{ product_id: product.id, quantity: 1 }] });
    await h.cycle();
    const [waiting] = await linksOf(h.store, "orders");
    expect(waiting?.state).toBe("pending");
    expect(waiting?.lastError?.code).toBe("dependency");
    expect(Date.parse(waiting!.nextRetryAt!)).toBeGreaterThan(h.clock.now());

    await h.engine.setPaused("customers", "webshop-to-poweroffice", false);
    h.clock.advance(5_000);
    const woken: number[] = [];
    const engine = createEngine({
      store: h.store,
      sides: h.sides,
      clock: h.clock,
      policy: "newest-wins",
      onWoken: (ids) => woken.push(...ids),
    });
    const customer = await engine.syncWebshopRecord("customers", buyer.id);
    expect(customer.state).toBe("linked");
    expect(woken).toEqual([waiting!.id]);
    const due = await h.store.links.get(waiting!.id);
    expect(Date.parse(due!.nextRetryAt!)).toBeLessThanOrEqual(h.clock.now());

    // No time passes: the retry the trigger queues for it finds it due and sends it.
    await engine.retryDue(10);
    expect(h.po.count("salesOrders")).toBe(1);
    expect((await h.store.links.get(waiting!.id))?.state).toBe("linked");
  });
});
