import { describe, expect, it } from "vitest";
import type { Customer, Order } from "../../../../shared/webshop";
import { buildMergePatch, isEmptyPatch } from "../../../../worker/connectors/webshop/merge-patch";

const meta = { id: "c1", version: 3, created_at: "2026-11-26T10:00:00.000Z", updated_at: "2026-11-26T11:00:00.000Z" };

const customer: Customer = {
  ...meta,
  kind: "company",
  name: "Acme AS",
  first_name: null,
  last_name: null,
  email: "post@acme.no",
  invoice_email: null,
  phone: "+47 22 00 00 00",
  organization_number: "923609016",
  department_code: null,
  customer_number: "10001",
  website: null,
  billing_address: { line1: "Storgata 1", line2: null, postal_code: "0155", city: "Oslo", country: "NO" },
  active: true,
  external_ids: { poweroffice_customer: "555", other_system: "x" },
};

const line = (id: string, sku: string, quantity: number, unit_price: string) => ({
  id,
  product_id: `p-${sku}`,
  sku,
  description: sku,
  quantity,
  unit_price,
  discount_percent: 0,
  external_ids: { poweroffice_sales_order_line: `po-${id}` },
});

const order: Order = {
  ...meta,
  id: "o1",
  order_number: "1001",
  customer_id: "c1",
  status: "confirmed",
  order_date: "2026-11-26",
  delivery_date: null,
  currency: "NOK",
  customer_reference: null,
  purchase_order_reference: null,
  lines: [line("l1", "A", 1, "100.00"), line("l2", "B", 2, "50.00")],
  total_excl_vat: "200.00",
  total_incl_vat: "250.00",
  external_ids: {},
};

describe("buildMergePatch", () => {
  it("is empty when nothing differs, and leaves undefined fields alone", () => {
    const patch = buildMergePatch(customer, { name: "Acme AS", email: "post@acme.no", phone: undefined });
    expect(patch).toEqual({});
    expect(isEmptyPatch(patch)).toBe(true);
  });

  it("holds only the changed fields, null included", () => {
    expect(buildMergePatch(customer, { name: "Acme Norge AS", email: "post@acme.no", phone: null })).toEqual({
      name: "Acme Norge AS",
      phone: null,
    });
  });

  it("replaces billing_address whole, with every member, when any member differs", () => {
    expect(buildMergePatch(customer, { billing_address: { ...customer.billing_address!, city: "Bergen" } })).toEqual({
      billing_address: { line1: "Storgata 1", line2: null, postal_code: "0155", city: "Bergen", country: "NO" },
    });
    expect(buildMergePatch(customer, { billing_address: { ...customer.billing_address! } })).toEqual({});
    expect(buildMergePatch(customer, { billing_address: null })).toEqual({ billing_address: null });
  });

  it("merges external_ids key by key: changed keys only, null removes, other keys untouched", () => {
    const patch = buildMergePatch(customer, {
      external_ids: { poweroffice_customer: "555", poweroffice_department: "9", other_system: null },
    });
    expect(patch).toEqual({ external_ids: { poweroffice_department: "9", other_system: null } });
    expect(buildMergePatch(customer, { external_ids: { poweroffice_department: null } })).toEqual({});
  });

  it("sends no lines when the desired lines equal the current ones", () => {
    const same = order.lines.map((l) => ({ id: l.id, quantity: l.quantity, unit_price: l.unit_price }));
    expect(buildMergePatch(order, { lines: same })).toEqual({});
  });

  it("sends the whole line list when one line changes: kept lines complete with their ids", () => {
    const patch = buildMergePatch(order, {
      lines: [
        { id: "l1", quantity: 3, unit_price: "100.00" },
        { id: "l2", quantity: 2, unit_price: "50.00" },
      ],
    });
    expect(patch).toEqual({ lines: [{ ...line("l1", "A", 3, "100.00") }, { ...line("l2", "B", 2, "50.00") }] });
  });

  it("removes a line by leaving it out and adds one without an id", () => {
    const patch = buildMergePatch(order, {
      status: "confirmed",
      lines: [
        { id: "l2", quantity: 2, unit_price: "50.00" },
        { sku: "C", description: "New", quantity: 1, unit_price: "10.00" },
      ],
    });
    expect(patch).toEqual({
      lines: [line("l2", "B", 2, "50.00"), { sku: "C", description: "New", quantity: 1, unit_price: "10.00" }],
    });
  });

  it("counts a new order of the same lines as a change (lines are ordered)", () => {
    const swapped = [...order.lines]
      .reverse()
      .map((l) => ({ id: l.id, quantity: l.quantity, unit_price: l.unit_price }));
    expect(buildMergePatch(order, { lines: swapped }).lines?.map((l) => l.id)).toEqual(["l2", "l1"]);
  });

  it("merges a kept line's external_ids with the current ones", () => {
    const patch = buildMergePatch(order, {
      lines: [
        { id: "l1", quantity: 1, unit_price: "100.00", external_ids: { other: "z" } },
        { id: "l2", quantity: 2, unit_price: "50.00" },
      ],
    });
    expect(patch.lines?.[0]?.external_ids).toEqual({ poweroffice_sales_order_line: "po-l1", other: "z" });
  });
});
