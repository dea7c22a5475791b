import { describe, expect, it } from "vitest";
import { formatCents, lineAmountCents, withVatCents } from "../../../webshop-kit/src/core/money";
import { testShop } from "./test-client";

function shopWithCatalog() {
  const t = testShop();
  const customer = t.shop.seed.customer({ kind: "company", name: "Fjordbris Interiør AS" });
  const chair = t.shop.seed.product({ sku: "STOL-ERGO", name: "Ergonomisk kontorstol", price: "3490.00" });
  const lamp = t.shop.seed.product({ sku: "LAMPE-LED", name: "LED-lampe", price: "690.00" });
  return { ...t, customer, chair, lamp };
}

describe("orders", () => {
  it("creates with defaults: numeric order number, pending, NOK, today's date, line ids, computed totals", async () => {
    const { api, customer, chair } = shopWithCatalog();
    const reply = await api.post("/orders", {
      customer_id: customer.id,
      lines: [
        { product_id: chair.id, quantity: 2, unit_price: "3490.00", discount_percent: 10 },
        { description: "Frakt", quantity: 1, unit_price: "490.00" },
      ],
    });
    expect(reply.status).toBe(201);
    expect(reply.json).toMatchObject({
      order_number: "10001",
      status: "pending",
      currency: "NOK",
      order_date: "2026-11-26",
      delivery_date: null,
      total_excl_vat: "6772.00",
      total_incl_vat: "8465.00",
    });
    expect(reply.json.lines).toEqual([
      {
        id: expect.stringMatching(/^lin_/),
        product_id: chair.id,
        sku: "STOL-ERGO",
        description: null,
        quantity: 2,
        unit_price: "3490.00",
        discount_percent: 10,
        external_ids: {},
      },
      expect.objectContaining({ product_id: null, sku: null, description: "Frakt", discount_percent: 0 }),
    ]);
    expect(reply.json.lines[0].id).not.toBe(reply.json.lines[1].id);
  });

  it("order numbers: assigned from a sequence skipping taken ones, unique (409), kept when given", async () => {
    const { shop, api, customer } = shopWithCatalog();
    shop.seed.order({ customer_id: customer.id, order_number: "10002" });
    const first = await api.post("/orders", { customer_id: customer.id });
    const second = await api.post("/orders", { customer_id: customer.id });
    expect([first.json.order_number, second.json.order_number]).toEqual(["10001", "10003"]);
    expect((await api.post("/orders", { customer_id: customer.id, order_number: "WEB-1" })).json.order_number).toBe(
      "WEB-1",
    );
    const taken = await api.post("/orders", { customer_id: customer.id, order_number: "10003" });
    expect(taken.status).toBe(409);
    expect(taken.json.error.details).toEqual({ field: "order_number", value: "10003", existing_id: second.json.id });
    expect((await api.patch(`/orders/${first.json.id}`, { order_number: "WEB-1" })).status).toBe(409);
  });

  it("customer_id must name an existing customer (422), on create and on patch", async () => {
    const { shop, api, customer } = shopWithCatalog();
    const unknown = await api.post("/orders", { customer_id: "cus_999999" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details.fields).toEqual({ customer_id: "no customer with id 'cus_999999'" });
    const order = shop.seed.order({ customer_id: customer.id });
    expect((await api.patch(`/orders/${order.id}`, { customer_id: "cus_404" })).status).toBe(422);
  });

  it("lines: product_id wins and fills sku; sku alone finds the product; disagreement or unknown → 422", async () => {
    const { api, customer, chair, lamp } = shopWithCatalog();
    const line = (fields: object) => ({ quantity: 1, unit_price: "1.00", ...fields });
    const ok = await api.post("/orders", {
      customer_id: customer.id,
      lines: [line({ sku: " lampe-led " }), line({ product_id: chair.id, sku: "stol-ergo" })],
    });
    expect(ok.json.lines.map((l: { product_id: string; sku: string }) => [l.product_id, l.sku])).toEqual([
      [lamp.id, "LAMPE-LED"],
      [chair.id, "STOL-ERGO"],
    ]);
    const bad = await api.post("/orders", {
      customer_id: customer.id,
      lines: [line({ product_id: chair.id, sku: "LAMPE-LED" }), line({ sku: "NOPE" }), line({ product_id: "prd_404" })],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.details.fields).toEqual({
      "lines[0].sku": `'LAMPE-LED' is not the sku of product ${chair.id} ('STOL-ERGO')`,
      "lines[1].sku": "no product with sku 'NOPE'",
      "lines[2].product_id": "no product with id 'prd_404'",
    });
  });

  it("PATCH lines: kept ids update in place, new lines get ids, left-out lines go; totals follow", async () => {
    const { shop, api, customer, chair, lamp } = shopWithCatalog();
    const order = shop.seed.order({
      customer_id: customer.id,
      lines: [
        { product_id: chair.id, quantity: 1, external_ids: { poweroffice_sales_order_line: "L1" } },
        { product_id: lamp.id, quantity: 2 },
      ],
    });
    const [first, second] = [order.lines[0]!, order.lines[1]!];
    const reply = await api.patch(`/orders/${order.id}`, {
      lines: [
        { id: first.id, quantity: 3, unit_price: "3000.00", external_ids: { extra: "x" } },
        { sku: "LAMPE-LED", quantity: 1, unit_price: "690.00" },
      ],
    });
    expect(reply.status).toBe(200);
    const lines = reply.json.lines;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      id: first.id,
      product_id: chair.id,
      sku: "STOL-ERGO",
      description: "Ergonomisk kontorstol",
      quantity: 3,
      unit_price: "3000.00",
      external_ids: { poweroffice_sales_order_line: "L1", extra: "x" },
    });
    expect(lines[1].id).not.toBe(second.id);
    expect(lines[1].id).toMatch(/^lin_/);
    expect(reply.json.total_excl_vat).toBe("9690.00");
    expect(reply.json.total_incl_vat).toBe("12112.50");
    const unknownLine = await api.patch(`/orders/${order.id}`, {
      lines: [{ id: second.id, quantity: 1, unit_price: "1.00" }],
    });
    expect(unknownLine.status).toBe(422);
    expect(unknownLine.json.error.details.fields["lines[0].id"]).toBe(`this order has no line with id '${second.id}'`);
  });

  it("patching the same lines again is a no-op; line ids stay stable across edits", async () => {
    const { shop, api, customer, chair } = shopWithCatalog();
    const order = shop.seed.order({ customer_id: customer.id, lines: [{ product_id: chair.id, quantity: 1 }] });
    const same = await api.patch(`/orders/${order.id}`, { lines: order.lines });
    expect(same.json.version).toBe(1);
    const status = await api.patch(`/orders/${order.id}`, { status: "confirmed" });
    expect(status.json.version).toBe(2);
    expect(status.json.lines[0].id).toBe(order.lines[0]!.id);
    expect((await api.patch(`/orders/${order.id}`, { total_excl_vat: "1.00" })).json.error.details.fields).toEqual({
      total_excl_vat: "'total_excl_vat' is read-only",
    });
  });
});

describe("money", () => {
  it("rounds each line half away from zero to øre, then adds 25 % VAT to the sum", () => {
    expect(formatCents(lineAmountCents("10.00", 0.333, 0))).toBe("3.33");
    expect(formatCents(lineAmountCents("0.05", 1, 50))).toBe("0.03");
    expect(formatCents(lineAmountCents("0.05", -1, 50))).toBe("-0.03");
    expect(formatCents(lineAmountCents("199.99", 1.5, 12.5))).toBe("262.49");
    expect(formatCents(lineAmountCents("9999999999999.99", 1, 0))).toBe("9999999999999.99");
    expect(formatCents(withVatCents(1n))).toBe("0.01");
    expect(formatCents(withVatCents(2n))).toBe("0.03");
    expect(formatCents(withVatCents(-2n))).toBe("-0.03");
  });
});
