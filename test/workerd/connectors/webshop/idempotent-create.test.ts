import { describe, expect, it } from "vitest";
import type { Resource } from "../../../../shared/webshop";
import { recorder, type Shop, setup, value } from "./harness";

type Harness = ReturnType<typeof setup>;
type FaultRule = Parameters<Shop["faults"]["add"]>[0];
type Fault = FaultRule extends infer F
  ? F extends { kind: string }
    ? Omit<F, "method" | "path" | "times">
    : never
  : never;

interface Case {
  resource: Resource;
  /** Seeds what the create needs; returns a create that is safe to repeat (same body, same key). */
  prepare(h: Harness): () => ReturnType<Harness["client"]["create"]>;
}

const cases: Case[] = [
  {
    resource: "customers",
    prepare: (h) => () =>
      h.client.create(
        "customers",
        { kind: "company", name: "Acme AS", external_ids: { poweroffice_customer: "555" } },
        "link:customer:555",
      ),
  },
  {
    resource: "products",
    prepare: (h) => () =>
      h.client.create(
        "products",
        { sku: "SKU-1", name: "Widget", price: "199.00", external_ids: { poweroffice_product: "77" } },
        "link:product:77",
      ),
  },
  {
    resource: "orders",
    prepare: (h) => {
      const customer = h.shop.seed.customer({ kind: "company", name: "Buyer AS" });
      const product = h.shop.seed.product({ sku: "SKU-9", price: "50.00" });
      return () =>
        h.client.create(
          "orders",
          {
            customer_id: customer.id,
            currency: "NOK",
            external_ids: { poweroffice_sales_order: "so-1" },
            lines: [{ product_id: product.id, quantity: 2, unit_price: "50.00" }],
          },
          "link:order:so-1",
        );
    },
  },
];

const faults: Array<{ name: string; fault: Fault; timeoutMs?: number }> = [
  { name: "answer lost after the commit", fault: { kind: "drop-after-commit" } },
  { name: "connection lost before the commit", fault: { kind: "drop-before-commit" } },
  { name: "500", fault: { kind: "status", status: 500 } },
  { name: "429 with Retry-After", fault: { kind: "status", status: 429, retryAfterSeconds: 2 } },
  { name: "slow answer", fault: { kind: "latency", ms: 30 } },
  { name: "answer slower than our timeout", fault: { kind: "latency", ms: 120 }, timeoutMs: 40 },
];

describe("idempotent creates", () => {
  for (const c of cases) {
    for (const f of faults) {
      it(`${c.resource}: exactly one record after "${f.name}", re-sent with the same key`, async () => {
        const spy = recorder();
        const h = setup({ wrap: spy.wrap, deps: f.timeoutMs ? { requestTimeoutMs: f.timeoutMs } : {} });
        const create = c.prepare(h);
        h.shop.faults.add({ ...f.fault, method: "POST", times: 1 } as FaultRule);
        const result = await create();
        // A request that outlived our timeout may still land in the shop: let it, then count.
        if (f.timeoutMs) await new Promise((resolve) => setTimeout(resolve, 150));
        const record = value(result);
        expect(h.shop.count(c.resource)).toBe(1);
        const posts = spy.seen.filter((r) => r.method === "POST");
        expect(new Set(posts.map((r) => r.headers.get("Idempotency-Key")))).toEqual(
          new Set([posts[0]!.headers.get("Idempotency-Key")]),
        );
        expect(new Set(await Promise.all(posts.map((r) => r.text()))).size).toBe(1);

        const again = value(await create());
        expect(again.id).toBe(record.id);
        expect(h.shop.count(c.resource)).toBe(1);
      });
    }
  }

  it("reports the same key with a different body as idempotency-mismatch, creating nothing more", async () => {
    const { client, shop } = setup();
    value(await client.create("products", { sku: "SKU-1", name: "Widget", price: "10.00" }, "key-A"));
    const result = await client.create("products", { sku: "SKU-1", name: "Widget", price: "12.00" }, "key-A");
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "idempotency-mismatch", resource: "products", idempotencyKey: "key-A" },
    });
    if (!result.ok)
      expect(result.error.message).toMatch(/Idempotency-Key key-A was used before with different content/);
    expect(shop.count("products")).toBe(1);
  });

  it("reports a taken unique value as duplicate, naming the existing record", async () => {
    const { client, shop } = setup();
    const existing = shop.seed.product({ sku: "SKU-1" });
    const result = await client.create("products", { sku: "SKU-1", name: "Widget", price: "10.00" }, "key-B");
    expect(result).toMatchObject({
      ok: false,
      error: { kind: "duplicate", resource: "products", existingId: existing.id },
    });
    expect(shop.requests).toHaveLength(1);
  });

  it("refuses a body the contract does not allow, or a bad key, before sending anything", async () => {
    const { client, shop } = setup();
    const price = await client.create("products", { sku: "S", name: "W", price: 10 as unknown as string }, "k");
    expect(price).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "price", value: 10 } });
    if (!price.ok) expect(price.error.message).toMatch(/price 10 must be a decimal string with exactly two decimals/);
    const unknown = await client.create(
      "customers",
      { kind: "company", name: "A", colour: "red" } as unknown as { kind: "company" },
      "k",
    );
    expect(unknown).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "colour" } });
    const person = await client.create("customers", { kind: "person", first_name: "Kari" }, "k");
    expect(person).toMatchObject({ ok: false, error: { kind: "invalid-input" } });
    if (!person.ok) expect(person.error.message).toMatch(/a person needs first_name and last_name/);
    for (const key of ["", "x".repeat(256), "nøkkel"]) {
      const bad = await client.create("products", { sku: "S", name: "W", price: "1.00" }, key);
      expect(bad).toMatchObject({ ok: false, error: { kind: "invalid-input", field: "Idempotency-Key" } });
    }
    expect(shop.requests).toEqual([]);
  });

  it("catches a shop that ignores Idempotency-Key: a re-sent create made a second record", async () => {
    const h = setup({ shop: { quirks: { ignoreIdempotencyKey: true } } });
    const create = cases[0]!.prepare(h);
    h.shop.faults.add({ kind: "drop-after-commit", method: "POST", times: 1 });
    const result = await create();
    expect(h.shop.count("customers")).toBe(2);
    expect(result).toMatchObject({ ok: false, error: { kind: "contract-violation", rule: "idempotency-key-ignored" } });
  });
});
