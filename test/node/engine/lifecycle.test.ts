/** Never hard-delete: an archive or delete on one side archives on the other; orders have their own endings. */
import { describe, expect, it } from "vitest";
import { setup } from "./harness";

describe("lifecycle", () => {
  it("archiving in PowerOffice archives in the shop; archiving in the shop archives in PowerOffice", async () => {
    const h = setup();
    const a = h.po.seed.customer({ Name: "A AS", OrganizationNumber: "111111111" });
    const b = h.po.seed.product({ Code: "B", Name: "B" });
    await h.cycle();
    const shopA = h.shop.list("customers")[0]!;
    const shopB = h.shop.list("products")[0]!;
    h.clock.advance(60_000);
    h.po.edit("customers", a.Id, { IsArchived: true });
    h.shop.edit("products", shopB.id, { active: false });
    await h.cycle();
    expect(h.shop.get("customers", shopA.id)?.active).toBe(false);
    expect(h.po.get("products", b.Id)?.IsArchived).toBe(true);
    expect((await h.store.links.findBySideId("customers", "poweroffice", String(a.Id)))?.state).toBe("archived");
  });

  it("a department made inactive in PowerOffice is inactive in the shop", async () => {
    const h = setup();
    const d = h.po.seed.department({ Code: "900", Name: "Salg", IsActive: true });
    await h.cycle();
    h.clock.advance(60_000);
    h.po.edit("departments", d.Id, { IsActive: false });
    await h.cycle();
    expect(h.shop.list("customers")[0]).toMatchObject({ kind: "department", active: false });
  });

  it("a record deleted in the shop is archived in PowerOffice (webhook path), never deleted", async () => {
    const h = setup();
    const a = h.po.seed.customer({ Name: "A AS", OrganizationNumber: "111111111" });
    await h.cycle();
    const shopA = h.shop.list("customers")[0]!;
    h.shop.remove("customers", shopA.id);
    const out = await h.engine.syncWebshopRecord("customers", shopA.id);
    expect(out.state).toBe("archived");
    expect(h.po.get("customers", a.Id)?.IsArchived).toBe(true);
    expect(h.po.count("customers")).toBe(1);
  });

  it("a record deleted in PowerOffice without a trace is archived in the shop by reconcile", async () => {
    const h = setup();
    const p = h.po.seed.product({ Code: "P", Name: "P" });
    await h.cycle();
    h.po.deleteRecord("products", p.Id);
    await h.cycle();
    expect(h.shop.list("products")[0]?.active).toBe(true);
    const pass = await h.engine.reconcile("products", null, 50);
    expect(pass).toEqual({ next: null, checked: 1 });
    expect(h.shop.list("products")[0]?.active).toBe(false);
  });

  it("a PowerOffice order that was invoiced becomes invoiced in the shop", async () => {
    const h = setup();
    const c = h.po.seed.customer({ Name: "A AS", OrganizationNumber: "111111111" });
    const p = h.po.seed.product({ Code: "P", Name: "P", UnitPrice: 10 });
    const o = h.po.seed.salesOrder({ CustomerId: c.Id }, [{ ProductId: p.Id, Quantity: 1 }]);
    await h.cycle();
    h.po.invoiceOrder(o.Id);
    await h.engine.reconcile("orders", null, 50);
    expect(h.shop.list("orders")[0]?.status).toBe("invoiced");
    const link = await h.store.links.findBySideId("orders", "poweroffice", o.Id);
    expect(link?.state).toBe("archived");
  });

  it("a shop order cancelled is not deleted in PowerOffice: the link is flagged for attention", async () => {
    const h = setup();
    const customer = h.shop.seed.customer({ kind: "company", name: "A AS", organization_number: "111111111" });
    const product = h.shop.seed.product({ sku: "P", name: "P", price: "10.00" });
    const order = h.shop.seed.order({
      customer_id: customer.id,
      lines: [{ product_id: product.id, quantity: 1, unit_price: "10.00" }],
    });
    await h.cycle();
    expect(h.po.count("salesOrders")).toBe(1);
    h.clock.advance(60_000);
    h.shop.edit("orders", order.id, { status: "cancelled" });
    const out = await h.engine.syncWebshopRecord("orders", order.id);
    expect(h.po.count("salesOrders")).toBe(1);
    expect(out.message).toMatch(/cancel/i);
  });

  it("a record archived at first sight is skipped, not created", async () => {
    const h = setup();
    h.po.seed.customer({ Name: "Old AS", OrganizationNumber: "222222222", IsArchived: true });
    h.shop.seed.product({ sku: "OLD", name: "Old", price: "1.00", active: false });
    await h.cycle();
    expect(h.shop.count("customers")).toBe(0);
    expect(h.po.count("products")).toBe(0);
    const links = await h.store.links.list({ state: "skipped", limit: 10 });
    expect(links).toHaveLength(2);
  });
});

describe("reconcile", () => {
  it("walks a dataflow's links in slices and says where to go on", async () => {
    const h = setup();
    for (const code of ["A", "B", "C"]) h.po.seed.product({ Code: code, Name: code, UnitPrice: 1, IsStockItem: true });
    await h.cycle();
    const ids = (await h.store.links.list({ dataflow: "products", limit: 10 })).map((l) => l.id);
    const first = await h.engine.reconcile("products", null, 2);
    expect(first).toEqual({ next: ids[1], checked: 2 });
    const second = await h.engine.reconcile("products", first.next, 2);
    expect(second).toEqual({ next: null, checked: 1 });
    // Stock is a PowerOffice blind spot (its timestamp does not move): only reconcile sees it.
    const [po] = h.po.list("products");
    h.po.edit("products", po!.Id, { StockOnHand: 7 });
    await h.cycle();
    await h.engine.reconcile("products", null, 10);
    expect(h.shop.list("products").find((p) => p.sku === po!.Code)?.stock_quantity).toBe(7);
  });
});
