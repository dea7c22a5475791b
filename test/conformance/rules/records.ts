/**
 * What the contract says about each resource's fields (§1, §2): money and timestamp formats, a person's name,
 * unique skus, orders' numbers, lines and totals, and references that must exist.
 */
import { Customer, Order, Product } from "../../../shared/webshop";
import { check, expectError, expectRecord, expectSchema, show } from "../checks";
import { feedPage, justBefore, lookup } from "../feed";
import type { Rule } from "../types";

export const recordRules: Rule[] = [
  {
    id: "format.records",
    title: "Records carry every field; money is a two-decimal string, timestamps RFC 3339 UTC with milliseconds",
    async run({ shop, fixtures }) {
      const product = await fixtures.product({ price: "1249.50", cost_price: "0.10", stock_quantity: 12.5 });
      check(
        product.price === "1249.50" && product.cost_price === "0.10" && product.stock_quantity === 12.5,
        'price "1249.50", cost_price "0.10" and stock_quantity 12.5 kept exactly as sent',
        show({ price: product.price, cost_price: product.cost_price, stock_quantity: product.stock_quantity }),
      );
      const customer = await fixtures.sharedCustomer();
      const order = await fixtures.order();
      for (const [schema, record, what] of [
        [Product, product, "the product"],
        [Customer, customer, "the customer"],
        [Order, order, "the order"],
      ] as const) {
        expectSchema(schema, record, `${what} as created to match the contract's schema`);
        check(
          Date.parse(String(record.created_at)) <= Date.parse(record.updated_at),
          `${what}: created_at not after updated_at`,
          `${record.created_at} / ${record.updated_at}`,
        );
      }
      const page = await feedPage(shop, "orders", [["updated_after", justBefore(order.updated_at)]]);
      for (const item of page.data) expectSchema(Order, item, `every order in the feed to match the schema`);
      return "a product, a customer and an order (as created and in the feed) match the contract's schemas";
    },
  },
  {
    id: "customers.person-name",
    title: 'A person\'s name is kept equal to "first_name last_name"',
    async run({ shop, fixtures, tag }) {
      const person = await fixtures.create("customers", fixtures.personBody({ last_name: `Nordmann ${tag}` }));
      check(person.name === `Kari Nordmann ${tag}`, `name "Kari Nordmann ${tag}"`, show(person.name));
      const renamed = expectRecord(
        await shop.patch("customers", person.id, { last_name: `Hansen ${tag}` }),
        200,
        "PATCH last_name",
      );
      check(
        renamed.name === `Kari Hansen ${tag}`,
        `name "Kari Hansen ${tag}" after the last_name changed`,
        show(renamed.name),
      );
      return "the name followed first_name and last_name on create and on PATCH";
    },
  },
  {
    id: "products.sku-unique",
    title: "sku is unique: a second product with the same sku is refused with 409 and creates nothing",
    async run({ shop, fixtures }) {
      const product = await fixtures.product();
      const again = fixtures.productBody({ sku: product.sku });
      // The contract asks for 409; its code is the shop's (the project's docs recommend "duplicate").
      const error = expectError(
        await shop.post("products", again, fixtures.idempotencyKey()),
        409,
        `POST a second sku ${product.sku}`,
      );
      const found = await lookup(shop, "products", "sku", String(product.sku));
      check(found.length === 1, `one product with sku ${product.sku}`, show(found.map((r) => r.id)));
      const code = error.error.code;
      const note =
        code === "duplicate"
          ? ""
          : `; code "duplicate" with details.existing_id: does not apply (the contract leaves the code to the shop; with it the worker would link the existing product instead of reporting a conflict)`;
      return `a second POST with sku ${product.sku} (another key) answered 409 ${code}${note}`;
    },
  },
  {
    id: "orders.unknown-customer",
    title: "An order for a customer_id that does not exist is refused (400 or 422) and creates nothing",
    async run({ shop, fixtures, tag }) {
      const body = await fixtures.orderBody({ customer_id: `${tag}-nobody` });
      // Validation (400) or semantic (422): the contract's statuses both fit a reference to nothing.
      const reply = await shop.post("orders", body, fixtures.idempotencyKey());
      expectError(reply, [400, 422], "POST /orders for an unknown customer_id");
      const page = await feedPage(shop, "orders", [["order_number", String(body.order_number)]]);
      check(page.data.length === 0, `no order ${body.order_number}`, show(page.data.map((r) => r.id)));
      return `answered ${reply.status}; no order was created`;
    },
  },
  {
    id: "orders.number-assigned",
    title: "An order created without order_number gets one from the shop",
    async run({ shop, fixtures }) {
      const { order_number: _, ...body } = await fixtures.orderBody();
      const order = await fixtures.create("orders", body);
      check(
        typeof order.order_number === "string" && order.order_number !== "",
        "a non-empty order_number",
        show(order.order_number),
      );
      const page = await feedPage(shop, "orders", [["order_number", order.order_number]]);
      check(
        page.data.some((r) => r.id === order.id),
        `?order_number=${order.order_number} to find ${order.id}`,
        show(page.data),
      );
      return `the shop assigned order_number ${order.order_number}`;
    },
  },
];
