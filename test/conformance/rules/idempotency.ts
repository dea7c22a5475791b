/**
 * Contract §6, POST: Idempotency-Key is required (1-255 characters, scoped to the token and the resource); the first
 * completed answer (2xx or 4xx) is stored: the same key and body answer it again and create nothing, the same key
 * with another body is 409 idempotency_mismatch.
 */
import { check, describe, expectError, show } from "../checks";
import { lookup } from "../feed";
import { expectCreated } from "../fixtures";
import type { Rule } from "../types";

export const idempotencyRules: Rule[] = [
  {
    id: "idempotency.key-required",
    title: "POST without an Idempotency-Key, or with one over 255 characters, is 400 and creates nothing",
    async run({ shop, fixtures, tag }) {
      const body = fixtures.productBody();
      expectError(await shop.post("products", body, null), 400, "POST /products without Idempotency-Key");
      const long = `${tag}-${"k".repeat(256)}`.slice(0, 256);
      expectError(await shop.post("products", body, long), 400, "POST /products with a 256-character Idempotency-Key");
      const found = await lookup(shop, "products", "sku", String(body.sku));
      check(found.length === 0, `no product with sku ${body.sku}`, show(found.map((r) => r.id)));
      const max = `${tag}-${"k".repeat(255)}`.slice(0, 255);
      expectCreated(await shop.post("products", body, max), "products");
      return "no key and a 256-character key answered 400 and created nothing; a 255-character key was accepted";
    },
  },
  {
    id: "idempotency.replay",
    title: "The same Idempotency-Key with the same body answers the first result again and creates nothing",
    async run({ shop, fixtures }) {
      const key = fixtures.idempotencyKey();
      const raw = JSON.stringify(fixtures.productBody());
      const sku = String(JSON.parse(raw).sku);
      const first = await shop.request("POST", "/products", { rawBody: raw, headers: { "Idempotency-Key": key } });
      const created = expectCreated(first, "products");
      const second = await shop.request("POST", "/products", { rawBody: raw, headers: { "Idempotency-Key": key } });
      check(
        second.status === 201 && (second.json as { id?: unknown } | undefined)?.id === created.id,
        `the second POST with key ${key} to answer 201 with the same product ${created.id}`,
        describe(second),
      );
      const found = await lookup(shop, "products", "sku", sku);
      check(
        found.length === 1,
        `one product after two POSTs with key ${key}`,
        `${found.length} products (ids ${found.map((r) => r.id).join(", ")})`,
      );
      return `both POSTs answered ${created.id}; one product exists`;
    },
  },
  {
    id: "idempotency.mismatch",
    title: "The same Idempotency-Key with another body is 409 idempotency_mismatch and creates nothing",
    async run({ shop, fixtures }) {
      const key = fixtures.idempotencyKey();
      expectCreated(await shop.post("products", fixtures.productBody(), key), "products");
      const other = fixtures.productBody();
      expectError(
        await shop.post("products", other, key),
        409,
        `POST with key ${key} and another body`,
        "idempotency_mismatch",
      );
      const found = await lookup(shop, "products", "sku", String(other.sku));
      check(found.length === 0, `no product with the second body's sku ${other.sku}`, show(found.map((r) => r.id)));
      return "answered 409 idempotency_mismatch; the second body created nothing";
    },
  },
  {
    id: "idempotency.stores-4xx",
    title: "A 4xx answer is stored like a 2xx: replayed for the same body, 409 for another body under that key",
    async run({ shop, fixtures }) {
      const key = fixtures.idempotencyKey();
      const invalid = fixtures.productBody({ price: "199" });
      expectError(await shop.post("products", invalid, key), 400, 'POST with price "199" (not two decimals)');
      expectError(await shop.post("products", invalid, key), 400, "the same invalid POST replayed with its key");
      const fixed: Record<string, unknown> = { ...invalid, price: "199.00" };
      expectError(
        await shop.post("products", fixed, key),
        409,
        "a corrected body under the key of the 400",
        "idempotency_mismatch",
      );
      const found = await lookup(shop, "products", "sku", String(fixed.sku));
      check(found.length === 0, `no product with sku ${fixed.sku}`, show(found.map((r) => r.id)));
      return "the 400 was replayed, and the corrected body under its key answered 409";
    },
  },
  {
    id: "idempotency.scope",
    title: "An Idempotency-Key is scoped to the resource: the same key on another resource creates there",
    async run({ shop, fixtures }) {
      const key = fixtures.idempotencyKey();
      const product = expectCreated(await shop.post("products", fixtures.productBody(), key), "products");
      const customer = expectCreated(await shop.post("customers", fixtures.companyBody(), key), "customers");
      return `key ${key} created product ${product.id} and customer ${customer.id}`;
    },
  },
];
