/** The SidePort adapters on their own, through the real connectors and the simulators. */
import { describe, expect, it } from "vitest";
import { shopIdFromReference } from "../../../worker/sides/poweroffice-side";
import { setup } from "./harness";

describe("PowerOffice side", () => {
  it("edits a confirmed order's lines by unlocking it (Draft), and locks it again (Confirmed)", async () => {
    const h = setup();
    const a = h.po.seed.product({ Code: "A", Name: "A", UnitPrice: 10 });
    const b = h.po.seed.product({ Code: "B", Name: "B", UnitPrice: 20 });
    const order = h.po.seed.salesOrder({ SalesOrderStatus: "Confirmed" }, [
      { ProductId: a.Id, Quantity: 1 },
      { ProductId: b.Id, Quantity: 2 },
    ]);
    const current = await h.sides.poweroffice.get("orders", order.Id);
    if (!current.ok || !current.value) throw new Error("no order");
    const [first] = order.SalesOrderLines!;
    const res = await h.sides.poweroffice.update("orders", current.value, {
      CustomerReference: "Kari",
      SalesOrderLines: [
        { Id: first!.Id, ProductId: a.Id, Quantity: 5 },
        { ExternalImportReference: "ws-l-lin_9", ProductId: b.Id, Quantity: 1, Description: "Ny" },
      ],
    });
    expect(res.ok).toBe(true);
    const after = h.po.get("salesOrders", order.Id)!;
    expect(after.SalesOrderStatus).toBe("Confirmed");
    expect(after.CustomerReference).toBe("Kari");
    expect(after.SalesOrderLines!.map((l) => [l.Quantity, l.ExternalImportReference])).toEqual([
      [5, null],
      [1, "ws-l-lin_9"],
    ]);
    // The same desired state again sends nothing.
    const fresh = await h.sides.poweroffice.get("orders", order.Id);
    const again = await h.sides.poweroffice.update("orders", fresh.ok ? fresh.value! : current.value, {
      CustomerReference: "Kari",
      SalesOrderLines: [
        { Id: first!.Id, ProductId: a.Id, Quantity: 5 },
        { ExternalImportReference: "ws-l-lin_9", ProductId: b.Id, Quantity: 1, Description: "Ny" },
      ],
    });
    expect(again).toEqual({ ok: true, value: null });
  });

  it("reads an invoiced order as gone, searches customers not at all, and says why an order cannot be archived", async () => {
    const h = setup();
    const order = h.po.seed.salesOrder({});
    h.po.invoiceOrder(order.Id);
    expect(await h.sides.poweroffice.get("orders", order.Id)).toEqual({ ok: true, value: null });
    expect(await h.sides.poweroffice.findByMatchKey("customers", "email:a@b.no")).toEqual({
      ok: true,
      value: { supported: false },
    });
    const d = h.po.seed.department({ Code: "900", Name: "Salg", IsActive: true });
    const dept = await h.sides.poweroffice.get("departments", String(d.Id));
    const archived = await h.sides.poweroffice.archive("departments", dept.ok ? dept.value! : (null as never));
    // PATCH /Departments answers without a body: the adapter reads the department again.
    expect(archived.ok && archived.value?.archived).toBe(true);
  });

  it("reads the shop id back from its own references, never from a hashed one", () => {
    expect(shopIdFromReference("customers", "ws-c-cus_000001")).toBe("cus_000001");
    expect(shopIdFromReference("orders", "ws-o-ord_7")).toBe("ord_7");
    expect(shopIdFromReference("orders", "ws-c-cus_1")).toBeNull();
    expect(shopIdFromReference("customers", `ws-c-h-${"a".repeat(40)}`)).toBeNull();
    expect(shopIdFromReference("customers", "IMPORT-7")).toBeNull();
  });

  it("maps connector errors to words and whether a retry can help", async () => {
    const h = setup();
    h.po.faults.add({ method: "GET", kind: "status", status: 500, times: 10 });
    const failed = await h.sides.poweroffice.get("customers", "1");
    expect(failed).toMatchObject({ ok: false, error: { side: "poweroffice", code: "server", retryable: true } });
    h.po.faults.clear();
    const refused = await h.sides.poweroffice.create("customers", { IsPerson: true }, "ws-c-x");
    expect(refused).toMatchObject({ ok: false, error: { code: "rejected", retryable: false } });
  });
});

describe("webshop side", () => {
  it("splits the customers feed by kind, with one cursor per dataflow", async () => {
    const h = setup();
    h.shop.seed.customer({ kind: "company", name: "A AS" });
    h.shop.seed.customer({ kind: "department", name: "Salg", department_code: "900" });
    h.shop.seed.customer({ kind: "person", first_name: "Kari", last_name: "Nord" });
    const customers = await h.sides.webshop.feedPage("customers", null, 10);
    const departments = await h.sides.webshop.feedPage("departments", null, 10);
    const kinds = (page: typeof customers) =>
      page.ok ? page.value.records.map((r) => (r.raw as { kind: string }).kind) : [];
    expect(kinds(customers)).toEqual(["company", "person"]);
    expect(kinds(departments)).toEqual(["department"]);
  });

  it("finds departments by code in the shop's casing, and names the partner from external_ids", async () => {
    const h = setup();
    const d = h.shop.seed.customer({
      kind: "department",
      name: "Salg",
      department_code: "SALG",
      external_ids: { poweroffice_department: "42" },
    });
    const found = await h.sides.webshop.findByMatchKey("departments", "department_code:salg");
    expect(found.ok && found.value.supported && found.value.records.map((r) => r.id)).toEqual([d.id]);
    expect(h.sides.webshop.originOf?.("departments", d)).toBe("42");
    expect(h.sides.webshop.originOf?.("customers", d)).toBeNull();
  });

  it("a create re-sent with a changed body after the key was used adopts the first record and updates it", async () => {
    const h = setup();
    const body = { sku: "X", name: "X", price: "1.00", external_ids: { poweroffice_product: "7" } };
    const first = await h.sides.webshop.create("products", body, "po-products-7");
    expect(first.ok).toBe(true);
    const second = await h.sides.webshop.create("products", { ...body, name: "X2" }, "po-products-7");
    expect(second.ok && second.value.id).toBe(first.ok && first.value.id);
    expect(h.shop.count("products")).toBe(1);
    expect(h.shop.list("products")[0]?.name).toBe("X2");
  });

  it("updates with If-Match: a record changed since it was read is a retryable version conflict, nothing written", async () => {
    const h = setup();
    const p = h.shop.seed.product({ sku: "X", name: "X", price: "1.00" });
    const read = await h.sides.webshop.get("products", p.id);
    h.shop.edit("products", p.id, { description: "by hand" });
    const res = await h.sides.webshop.update("products", read.ok ? read.value! : (null as never), { name: "Y" });
    expect(res).toMatchObject({ ok: false, error: { code: "version-conflict", retryable: true } });
    expect(h.shop.get("products", p.id)).toMatchObject({ name: "X", description: "by hand" });
  });
});

describe("department codes in mixed case", () => {
  it("a PowerOffice department matches the shop's department of the same code in its own spelling", async () => {
    const h = setup();
    h.po.seed.department({ Code: "Salg-Vest", Name: "Salg Vest", IsActive: true });
    h.shop.seed.customer({ kind: "department", name: "Salg Vest", department_code: "Salg-Vest" });
    await h.cycle();
    expect(h.shop.list("customers")).toHaveLength(1);
    expect(h.po.list("departments")).toHaveLength(1);
  });
});
