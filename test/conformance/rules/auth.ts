/** Contract §1: a wrong or missing bearer token is 401, with the error envelope, and changes nothing. */
import { RESOURCES } from "../../../shared/webshop";
import { check, expectError } from "../checks";
import { lookup } from "../feed";
import type { Rule } from "../types";

export const authRules: Rule[] = [
  {
    id: "auth.missing-token",
    title: "A request without Authorization is refused with 401 and the error envelope, and changes nothing",
    async run({ shop, fixtures }) {
      for (const resource of RESOURCES) {
        const reply = await shop.request("GET", `/${resource}`, { token: null });
        expectError(reply, 401, `GET /${resource} without a token`);
      }
      const body = fixtures.productBody();
      const reply = await shop.post("products", body, fixtures.idempotencyKey(), { token: null });
      expectError(reply, 401, "POST /products without a token");
      const found = await lookup(shop, "products", "sku", String(body.sku));
      check(found.length === 0, `no product with sku ${body.sku} after the refused POST`, `${found.length} found`);
      return "GET of each resource and POST /products answered 401 with the error envelope; nothing was created";
    },
  },
  {
    id: "auth.wrong-token",
    title: "A wrong bearer token is refused with 401 and the error envelope",
    async run({ shop, fixtures, tag }) {
      const product = await fixtures.sharedProduct();
      const wrong = `wrong-${tag}`;
      for (const resource of RESOURCES) {
        const reply = await shop.request("GET", `/${resource}`, { token: wrong });
        expectError(reply, 401, `GET /${resource} with a wrong token`);
      }
      const reply = await shop.request("GET", `/products/${encodeURIComponent(product.id)}`, { token: wrong });
      expectError(reply, 401, "GET /products/{id} of an existing product with a wrong token");
      return "lists and GET by id answered 401 with the error envelope";
    },
  },
];
