import { describe, expect, it } from "vitest";
import { buildMergePatch } from "../../../../worker/connectors/webshop/merge-patch";
import { recorder, setup, value } from "./harness";

const patches = (seen: Request[]) => seen.filter((r) => r.method === "PATCH");

describe("merge-patch updates with If-Match", () => {
  it("sends only the changed fields, with If-Match, and returns the new version", async () => {
    const spy = recorder();
    const { client, shop } = setup({ wrap: spy.wrap });
    const seeded = shop.seed.customer({
      kind: "company",
      name: "Acme AS",
      phone: "1",
      external_ids: { poweroffice_customer: "555", other: "keep" },
      billing_address: { line1: "Storgata 1", line2: null, postal_code: "0155", city: "Oslo", country: "NO" },
    });
    const current = value(await client.get("customers", seeded.id));
    const patch = buildMergePatch(current, {
      name: "Acme Norge AS",
      phone: "1",
      billing_address: { line1: "Storgata 1", line2: null, postal_code: "5003", city: "Bergen", country: "NO" },
      external_ids: { poweroffice_customer: "555", poweroffice_department: "9" },
    });
    const updated = value(await client.update("customers", seeded.id, patch, { ifMatch: current.version }));

    const [request] = patches(spy.seen);
    expect(request!.headers.get("If-Match")).toBe(String(current.version));
    expect(request!.headers.get("Content-Type")).toMatch(/json/);
    expect(await request!.json()).toEqual({
      name: "Acme Norge AS",
      billing_address: { line1: "Storgata 1", line2: null, postal_code: "5003", city: "Bergen", country: "NO" },
      external_ids: { poweroffice_department: "9" },
    });
    expect(updated).toMatchObject({ sent: true, record: { version: current.version + 1, name: "Acme Norge AS" } });
    expect(shop.get("customers", seeded.id)?.external_ids).toEqual({
      poweroffice_customer: "555",
      other: "keep",
      poweroffice_department: "9",
    });
  });

  it("sends nothing for an empty patch", async () => {
    const { client, shop } = setup();
    const seeded = shop.seed.product({ sku: "SKU-1", name: "Widget" });
    const patch = buildMergePatch(seeded, { name: "Widget", sku: "SKU-1" });
    expect(value(await client.update("products", seeded.id, patch, { ifMatch: seeded.version }))).toEqual({
      sent: false,
    });
    expect(shop.requests).toEqual([]);
  });

  it("edits order lines: kept lines keep their ids, a left-out line goes, a line without id is added", async () => {
    const { client, shop } = setup();
    for (const sku of ["A", "B", "C"]) shop.seed.product({ sku });
    const order = shop.seed.order({
      lines: [
        { sku: "A", description: "A", quantity: 1, unit_price: "100.00" },
        { sku: "B", description: "B", quantity: 1, unit_price: "50.00" },
      ],
    });
    const [a, b] = order.lines;
    const patch = buildMergePatch(order, {
      lines: [
        { id: a!.id, quantity: 3, unit_price: "100.00" },
        { sku: "C", description: "C", quantity: 1, unit_price: "10.00" },
      ],
    });
    const updated = value(await client.update("orders", order.id, patch, { ifMatch: order.version }));
    if (!updated.sent) throw new Error("expected a PATCH");
    expect(updated.record.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ["A", 3],
      ["C", 1],
    ]);
    expect(updated.record.lines[0]!.id).toBe(a!.id);
    expect(updated.record.lines.some((l) => l.id === b!.id)).toBe(false);
    expect(updated.record.total_excl_vat).toBe("310.00");
  });

  it("refuses a read-only or unknown field before sending anything", async () => {
    const { client, shop } = setup();
    const seeded = shop.seed.product({ sku: "SKU-1" });
    const result = await client.update("products", seeded.id, { version: 9 } as object, { ifMatch: seeded.version });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "version" } });
    expect(shop.requests).toEqual([]);
  });

  it("archives customers and products with active false, orders with status cancelled; never DELETE", async () => {
    const spy = recorder();
    const { client, shop } = setup({ wrap: spy.wrap });
    const customer = shop.seed.customer({ kind: "company", name: "A" });
    const product = shop.seed.product({ sku: "SKU-1" });
    const order = shop.seed.order({});
    value(await client.archive("customers", customer.id));
    value(await client.archive("products", product.id, { ifMatch: product.version }));
    value(await client.archive("orders", order.id));
    expect(await Promise.all(patches(spy.seen).map((r) => r.json()))).toEqual([
      { active: false },
      { active: false },
      { status: "cancelled" },
    ]);
    expect(spy.seen.map((r) => r.method)).toEqual(["PATCH", "PATCH", "PATCH"]);
    expect(shop.get("customers", customer.id)?.active).toBe(false);
    expect(shop.get("orders", order.id)?.status).toBe("cancelled");
  });
});
