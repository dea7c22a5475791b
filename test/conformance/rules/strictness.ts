/**
 * Contract §1: unknown query parameters and unknown body fields are 400, so a typo never silently means
 * "everything" or "nothing changed"; and the error envelope of §1 on every error.
 */
import { RESOURCES } from "../../../shared/webshop";
import { check, describe, expectError, expectRecord } from "../checks";
import { lookup } from "../feed";
import type { Rule } from "../types";

export const strictnessRules: Rule[] = [
  {
    id: "strict.unknown-query-param",
    title: "An unknown query parameter is rejected with 400, on the feed and on lookups",
    async run({ shop }) {
      for (const resource of RESOURCES) {
        expectError(await shop.get(`/${resource}`, [["limt", "10"]]), 400, `GET /${resource}?limt=10 (a typo)`);
      }
      // A match field of another resource must never mean "every product": 400, or (where the shop treats match
      // fields alike on every resource) an empty page, since no product has an email.
      const email = await shop.get("/products", [["email", "x@example.com"]]);
      if (email.status === 200) {
        const page = email.json as { data?: unknown } | undefined;
        check(
          Array.isArray(page?.data) && page.data.length === 0,
          "GET /products?email=...: 400, or an empty page (no product has an email), never a list of products",
          describe(email),
        );
        return "?limt on each resource answered 400; ?email on products an empty page";
      }
      expectError(email, 400, "GET /products?email=... (400, or an empty page)");
      return "?limt on each resource and ?email on products answered 400";
    },
  },
  {
    id: "strict.unknown-body-field",
    title: "An unknown body field is rejected with 400 on POST and PATCH, and nothing is written",
    async run({ shop, fixtures }) {
      const body = fixtures.productBody({ colour: "red" });
      expectError(await shop.post("products", body, fixtures.idempotencyKey()), 400, 'POST /products with "colour"');
      const found = await lookup(shop, "products", "sku", String(body.sku));
      check(found.length === 0, `no product with sku ${body.sku} after the refused POST`, `${found.length} found`);
      const customer = fixtures.companyBody({ shoe_size: 42 });
      expectError(
        await shop.post("customers", customer, fixtures.idempotencyKey()),
        400,
        'POST /customers with "shoe_size"',
      );
      const order = await fixtures.orderBody();
      const lines = [{ description: "Frakt", quantity: 1, unit_price: "99.00", colour: "red" }];
      const nested = await shop.post("orders", { ...order, lines }, fixtures.idempotencyKey());
      expectError(nested, 400, 'POST /orders with "colour" in a line');
      const product = await fixtures.product();
      const patched = await shop.patch("products", product.id, { name: "Omdøpt", colour: "red" });
      expectError(patched, 400, 'PATCH /products/{id} with "colour"');
      const reread = await shop.byId("products", product.id);
      const after = expectRecord(reread, 200, "GET the product after the refused PATCH");
      check(
        after.version === product.version && after.name === product.name,
        `the product unchanged after the refused PATCH (version ${product.version})`,
        describe(reread),
      );
      return "unknown fields in POST /products, POST /customers, an order line and PATCH /products/{id} answered 400";
    },
  },
  {
    id: "errors.envelope",
    title: 'Errors are JSON {"error": {"code", "message", "details"?}} with a fitting status (404, 400)',
    async run({ shop, tag }) {
      for (const resource of RESOURCES) {
        expectError(await shop.get(`/${resource}/${tag}-missing`), 404, `GET /${resource}/{unknown id}`);
      }
      const badJson = await shop.request("POST", "/products", {
        rawBody: '{"sku": "half',
        headers: { "Idempotency-Key": `${tag}-bad-json` },
      });
      expectError(badJson, 400, "POST /products with malformed JSON");
      const notAnObject = await shop.request("POST", "/products", {
        rawBody: "[]",
        headers: { "Idempotency-Key": `${tag}-array` },
      });
      expectError(notAnObject, 400, "POST /products with a JSON array as the body");
      return "404 for unknown ids and 400 for malformed bodies, each with the error envelope";
    },
  },
];
