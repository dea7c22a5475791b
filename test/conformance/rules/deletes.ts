/** Contract §8: DELETE /R/{id} answers 204; the record is gone (404) and no longer found by lookups. */
import { check, describe, expectError, show } from "../checks";
import { lookup } from "../feed";
import type { Rule } from "../types";

export const deleteRules: Rule[] = [
  {
    id: "delete.removes",
    title: "DELETE /R/{id} answers 204 with no body; then GET is 404",
    async run({ shop, fixtures }) {
      const product = await fixtures.product();
      const reply = await shop.delete("products", product.id);
      check(reply.status === 204 && reply.text === "", "204 with an empty body", describe(reply));
      expectError(await shop.byId("products", product.id), 404, "GET of the deleted product");
      const found = await lookup(shop, "products", "sku", String(product.sku));
      check(found.length === 0, `no product with sku ${product.sku} after the delete`, show(found.map((r) => r.id)));
      return `deleted ${product.id}; GET answered 404`;
    },
  },
];
