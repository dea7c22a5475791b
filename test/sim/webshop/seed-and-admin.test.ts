import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { Customer, Order, Product } from "../../../shared/webshop";
import { testShop } from "./test-client";

describe("seeding", () => {
  it("fills valid defaults for every kind and resource", () => {
    const { shop } = testShop();
    const person = shop.seed.customer({ kind: "person" });
    const company = shop.seed.customer({ kind: "company" });
    const department = shop.seed.customer({ kind: "department" });
    const product = shop.seed.product({ sku: "A" });
    const order = shop.seed.order({ lines: [{ sku: "A", quantity: 2 }, { description: "Tekstlinje" }] });
    for (const c of [person, company, department]) v.parse(Customer, c);
    v.parse(Product, product);
    v.parse(Order, order);
    expect(person.name).toBe(`${person.first_name} ${person.last_name}`);
    expect(department.department_code).toBeTruthy();
    expect(order.lines[0]).toMatchObject({
      product_id: product.id,
      sku: "A",
      unit_price: "100.00",
      description: product.name,
    });
    expect(order.total_excl_vat).toBe("200.00");
    expect(order.total_incl_vat).toBe("250.00");
    expect(shop.get("customers", order.customer_id)?.kind).toBe("person");
    expect(shop.count("customers")).toBe(4);
  });

  it("throws a readable error for an invalid seed", () => {
    const { shop } = testShop();
    expect(() => shop.seed.product({ sku: "A", price: "12" })).toThrow(
      /seed.products: price: must be a decimal string/,
    );
  });

  it("given ids move the sequences past them; given lines keep their ids", () => {
    const { shop } = testShop();
    shop.seed.customer({ kind: "company", id: "cus_000041" });
    expect(shop.seed.customer({ kind: "company" }).id).toBe("cus_000042");
    const order = shop.seed.order({ lines: [{ id: "lin_000100", description: "x" }] });
    expect(order.lines[0]!.id).toBe("lin_000100");
    expect(
      shop.edit("orders", order.id, { lines: [...order.lines, { quantity: 1, unit_price: "1.00" }] }).lines[1]!.id,
    ).toBe("lin_000101");
  });
});

describe("admin helpers", () => {
  it("get/list/count return copies in creation order", () => {
    const { shop } = testShop();
    const a = shop.seed.customer({ kind: "company", name: "A" });
    shop.seed.customer({ kind: "company", name: "B" });
    shop.edit("customers", a.id, { name: "A2" });
    expect(shop.list("customers").map((c) => c.name)).toEqual(["A2", "B"]);
    const copy = shop.get("customers", a.id)!;
    copy.name = "mutated";
    expect(shop.get("customers", a.id)?.name).toBe("A2");
    expect(shop.get("customers", "nope")).toBeUndefined();
    expect(shop.count("products")).toBe(0);
  });

  it("edit: a person's edit as a merge patch, validated; version and updated_at move only on a real change", () => {
    const { shop, clock } = testShop();
    const c = shop.seed.customer({ kind: "company", name: "A" });
    clock.advance(60_000);
    const edited = shop.edit("customers", c.id, { name: "B", external_ids: { poweroffice_customer: "5" } });
    expect(edited).toMatchObject({ name: "B", version: 2, updated_at: "2026-11-26T12:01:00.000Z" });
    expect(shop.edit("customers", c.id, { name: "B" }).version).toBe(2);
    expect(() => shop.edit("customers", c.id, { kind: "robot" })).toThrow(/kind: must be one of/);
    expect(() => shop.edit("customers", "nope", {})).toThrow("No customer with id 'nope'");
  });

  it("remove: hard delete; unknown ids throw", () => {
    const { shop } = testShop();
    const p = shop.seed.product({ sku: "A" });
    shop.remove("products", p.id);
    expect(shop.get("products", p.id)).toBeUndefined();
    expect(() => shop.remove("products", p.id)).toThrow(/No product/);
  });
});
