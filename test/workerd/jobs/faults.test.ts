/**
 * Injected faults on both systems while records are created and edited on both sides: 500s, 429s, latency and
 * creates whose answer is lost after the record was made. No record is duplicated, no edit is lost, and once the
 * faults stop both sides converge (failed records wait for their retry time, so the clock moves past it).
 * At this level (workerd): failed records wait on their link in real D1 and later cron runs retry them; the
 * engine's fault rules are test/node/engine/faults.
 */
import { describe, expect, it } from "vitest";
import { createWorld } from "./harness";
import { byKey, duplicateKeys, poCustomers, poProducts, shopCustomers, shopProducts } from "./views";

/** Past the engine's longest backoff step but one (30 min), so every failed record is due again. */
const RETRY_WAIT_MS = 31 * 60_000;

describe("faults", () => {
  it("500, 429, latency and commit-then-drop on create: no duplicate, no lost update, converged after", async () => {
    const world = await createWorld();
    const { poweroffice: po, shop } = world;
    for (let n = 1; n <= 4; n++) po.seed.product({ Code: `PO-F${n}`, Name: `PowerOffice ${n}`, UnitPrice: 10 * n });
    po.seed.customer({ IsPerson: true, FirstName: "Feil", LastName: "Fri", EmailAddress: "feilfri@example.no" });
    for (let n = 1; n <= 3; n++) shop.seed.product({ sku: `SHOP-F${n}`, name: `Butikk ${n}`, price: `${n}.00` });
    shop.seed.customer({ kind: "company", name: "Tapt Svar AS", organization_number: "987654325" });
    await world.cycle(); // opens the customer gate; the rest happens under faults

    po.faults.add({ kind: "drop-after-commit", method: "POST", path: "/Products", times: 2 });
    po.faults.add({ kind: "drop-after-commit", method: "POST", path: "/Customers" });
    // More 500s than the connector's own attempts: the record fails, waits on its link, and is retried later.
    po.faults.add({ kind: "status", status: 500, method: "PATCH", times: 6 });
    po.faults.add({ kind: "status", status: 503, method: "POST", path: "/Products", times: 6 });
    po.faults.add({ kind: "status", status: 429, method: "GET", times: 4 });
    po.faults.add({ kind: "latency", ms: 20, times: 10 });
    shop.faults.add({ kind: "drop-after-commit", method: "POST", path: "/products", times: 2 });
    shop.faults.add({ kind: "status", status: 500, method: "PATCH", times: 6 });
    shop.faults.add({ kind: "status", status: 429, method: "GET", retryAfterSeconds: 2, times: 3 });
    shop.faults.add({ kind: "latency", ms: 20, times: 10 });

    await world.cycle();
    const poProduct = po.list("products").find((p) => p.Code === "PO-F1")!;
    po.edit("products", poProduct.Id, { Name: "Endret i PowerOffice" });
    const shopProduct = shop.list("products").find((p) => p.sku === "SHOP-F1")!;
    shop.edit("products", shopProduct.id, { name: "Endret i butikken" });
    await world.cycle();

    po.faults.clear();
    shop.faults.clear();
    for (let i = 0; i < 3; i++) await world.cycle(RETRY_WAIT_MS);

    expect(duplicateKeys(poProducts(world), (p) => p.sku)).toEqual([]);
    expect(duplicateKeys(shopProducts(world), (p) => p.sku)).toEqual([]);
    expect(duplicateKeys(poCustomers(world), (c) => c.key)).toEqual([]);
    expect(duplicateKeys(shopCustomers(world), (c) => c.key)).toEqual([]);
    expect(byKey(shopProducts(world), (p) => p.sku)).toEqual(byKey(poProducts(world), (p) => p.sku));
    expect(byKey(shopCustomers(world), (c) => c.key)).toEqual(byKey(poCustomers(world), (c) => c.key));
    expect(po.count("products")).toBe(7);
    expect(shopProducts(world).find((p) => p.sku === "po-f1")?.name).toBe("Endret i PowerOffice");
    expect(poProducts(world).find((p) => p.sku === "shop-f1")?.name).toBe("Endret i butikken");
  });
});
