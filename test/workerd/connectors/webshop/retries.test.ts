import { describe, expect, it } from "vitest";
import { backoffDelayMs, RETRY_MAX_DELAY_MS } from "../../../../worker/connectors/http-exchange";
import {
  MAX_ATTEMPTS,
  MAX_THROTTLE_RETRIES,
  MAX_THROTTLE_WAIT_MS,
} from "../../../../worker/connectors/webshop/retry-policy";
import { setup } from "./harness";

const statuses = (shop: { requests: { status: number }[] }) => shop.requests.map((r) => r.status);

describe("webshop throttling (429)", () => {
  it("waits Retry-After seconds, then succeeds without the caller seeing the 429", async () => {
    const { client, shop, clock } = setup();
    const product = shop.seed.product({ sku: "SKU-1" });
    shop.faults.add({ kind: "status", status: 429, retryAfterSeconds: 7, path: /\/products\//, times: 2 });
    const result = await client.get("products", product.id);
    expect(result.ok).toBe(true);
    expect(statuses(shop)).toEqual([429, 429, 200]);
    expect(clock.sleeps).toEqual([7000, 7000]);
  });

  it("backs off (growing, jittered) when a 429 carries no Retry-After", async () => {
    let throttled = 2;
    const { client, shop, clock } = setup({
      wrap: (fetch) => (request) =>
        throttled-- > 0 ? Promise.resolve(new Response(null, { status: 429 })) : fetch(request),
    });
    const product = shop.seed.product({ sku: "SKU-1" });
    expect((await client.get("products", product.id)).ok).toBe(true);
    expect(clock.sleeps).toEqual([backoffDelayMs(1, () => 0.5), backoffDelayMs(2, () => 0.5)]);
    expect(clock.sleeps[1]!).toBeGreaterThan(clock.sleeps[0]!);
  });

  it("gives up after a bounded number of 429s with rate-limited", async () => {
    const { client, shop } = setup();
    shop.faults.add({ kind: "status", status: 429, retryAfterSeconds: 1, times: Infinity });
    const result = await client.changesPage("customers");
    expect(shop.requests).toHaveLength(MAX_THROTTLE_RETRIES + 1);
    expect(result).toMatchObject({ ok: false, error: { kind: "rate-limited", retryAfterMs: 1000 } });
  });

  it("does not wait inside a run when told to come back much later", async () => {
    const { client, shop, clock } = setup();
    const seconds = MAX_THROTTLE_WAIT_MS / 1000 + 1;
    shop.faults.add({ kind: "status", status: 429, retryAfterSeconds: seconds, times: Infinity });
    const result = await client.changesPage("customers");
    expect(shop.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
    expect(result).toMatchObject({ ok: false, error: { kind: "rate-limited", retryAfterMs: seconds * 1000 } });
  });
});

describe("webshop retries of 5xx and lost answers", () => {
  it("retries a 5xx with growing, capped, jittered delays, and succeeds", async () => {
    const { client, shop, clock } = setup();
    const product = shop.seed.product({ sku: "SKU-1" });
    shop.faults.add({ kind: "status", status: 503, path: /\/products\//, times: 3 });
    expect((await client.get("products", product.id)).ok).toBe(true);
    expect(statuses(shop)).toEqual([503, 503, 503, 200]);
    expect(clock.sleeps).toHaveLength(3);
    expect(clock.sleeps[1]!).toBeGreaterThan(clock.sleeps[0]!);
    expect(clock.sleeps[2]!).toBeGreaterThan(clock.sleeps[1]!);
    for (const ms of clock.sleeps) expect(ms).toBeLessThanOrEqual(RETRY_MAX_DELAY_MS);
  });

  it("stops after MAX_ATTEMPTS and reports the server error", async () => {
    const { client, shop } = setup();
    shop.faults.add({ kind: "status", status: 500, times: Infinity });
    const result = await client.get("customers", "c_1");
    expect(shop.requests).toHaveLength(MAX_ATTEMPTS);
    expect(result).toMatchObject({ ok: false, error: { kind: "server", status: 500 } });
    if (!result.ok) expect(result.error.message).toMatch(/HTTP 500 on GET \/customers\/c_1/);
  });

  it("retries a lost answer (fetch rejected), then reports network after MAX_ATTEMPTS", async () => {
    let calls = 0;
    const { client } = setup({
      wrap: () => async () => {
        calls++;
        throw new TypeError("Network connection lost.");
      },
    });
    const result = await client.changesPage("orders");
    expect(calls).toBe(MAX_ATTEMPTS);
    expect(result).toMatchObject({ ok: false, error: { kind: "network", timedOut: false } });
  });

  it("times out an answer that never comes, and retries", async () => {
    let calls = 0;
    const { client, shop } = setup({
      deps: { requestTimeoutMs: 20 },
      wrap: (fetch) => (request) => (++calls === 1 ? new Promise<Response>(() => {}) : fetch(request)),
    });
    const product = shop.seed.product({ sku: "SKU-1" });
    expect((await client.get("products", product.id)).ok).toBe(true);
    expect(calls).toBe(2);
  });

  for (const [status, kind] of [
    [400, "rejected"],
    [404, "not-found"],
    [409, "conflict"],
    [422, "rejected"],
  ] as const) {
    it(`does not retry a ${status}`, async () => {
      const { client, shop } = setup();
      const product = shop.seed.product({ sku: "SKU-1" });
      shop.faults.add({ kind: "status", status, path: /\/products\//, times: 1 });
      const result = await client.get("products", product.id);
      expect(shop.requests).toHaveLength(1);
      expect(result).toMatchObject({ ok: false, error: { kind } });
    });
  }

  it("names the fields a 400 lists in details.fields, as the published contract has it", async () => {
    // A shop stricter than the worker: it refuses values the worker considers valid, naming each field.
    const refusal = {
      error: {
        code: "validation_failed",
        message: "Invalid body",
        details: { fields: { email: "must be a company address", phone: "must start with +47" } },
      },
    };
    const { client } = setup({ wrap: () => async () => Response.json(refusal, { status: 400 }) });
    const result = await client.update("customers", "cus_1", { email: "kari@gmail.com" }, { ifMatch: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe("rejected");
    expect(result.error.message).toContain("[email: must be a company address; phone: must start with +47]");
  });
});
