import { afterEach, describe, expect, it, vi } from "vitest";
import { SECRET, testShop } from "./test-client";

const product = { sku: "A", name: "A", price: "1.00" };

afterEach(() => {
  vi.useRealTimers();
});

describe("HTTP fault injection", () => {
  it("status: answers the envelope without running the handler, once by default, matched by method and path", async () => {
    const { shop, api } = testShop();
    shop.faults.add({ method: "POST", path: "/products", kind: "status", status: 503 });
    const failed = await api.post("/products", product, { key: "k" });
    expect(failed.status).toBe(503);
    expect(failed.json.error.code).toBe("internal");
    expect(shop.count("products")).toBe(0);
    // Not stored under the key: the retry runs.
    expect((await api.post("/products", product, { key: "k" })).status).toBe(201);
  });

  it("429 carries Retry-After (given, or 1 s)", async () => {
    const { shop, api } = testShop();
    shop.faults.add({ path: "/api/customers", kind: "status", status: 429, retryAfterSeconds: 7 });
    shop.faults.add({ path: "/customers", kind: "status", status: 429 });
    const first = await api.get("/customers");
    expect(first.status).toBe(429);
    expect(first.json.error.code).toBe("rate_limited");
    expect(first.headers.get("retry-after")).toBe("7");
    expect((await api.get("/customers")).headers.get("retry-after")).toBe("1");
    expect((await api.get("/customers")).status).toBe(200);
  });

  it("times and RegExp paths; a string path matches one route, not its children", async () => {
    const { shop, api } = testShop();
    const c = shop.seed.customer({ kind: "company" });
    shop.faults.add({ path: /\/customers\/cus_\d+$/, kind: "status", status: 502, times: 2 });
    expect((await api.get(`/customers/${c.id}`)).status).toBe(502);
    expect((await api.get("/customers")).status).toBe(200);
    expect((await api.get(`/customers/${c.id}`)).status).toBe(502);
    expect((await api.get(`/customers/${c.id}`)).status).toBe(200);
    shop.faults.add({ path: "/customers", kind: "status", status: 500 });
    expect((await api.get(`/customers/${c.id}`)).status).toBe(200);
    expect((await api.get("/customers/")).status).toBe(500);
  });

  it("drop-after-commit: the change is made (and its webhook queued), the answer lost", async () => {
    const { shop, api } = testShop({ webhooks: { url: "https://w.test/h", secret: SECRET, mode: "manual" } });
    shop.faults.add({ method: "POST", kind: "drop-after-commit" });
    await expect(api.post("/products", product)).rejects.toThrow(new TypeError("Network connection lost."));
    expect(shop.count("products")).toBe(1);
    expect(shop.webhooks.pending()).toBe(1);
    expect(shop.requests.at(-1)).toMatchObject({ method: "POST", path: "/api/products", status: 201, dropped: true });
  });

  it("drop-before-commit: nothing changes", async () => {
    const { shop, api } = testShop();
    shop.faults.add({ kind: "drop-before-commit", method: "POST" });
    await expect(api.post("/products", product)).rejects.toBeInstanceOf(TypeError);
    expect(shop.count("products")).toBe(0);
    expect(shop.requests.at(-1)).toMatchObject({ status: 0, dropped: true });
  });

  it("latency delays, then handles normally", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    const { shop, api } = testShop();
    shop.faults.add({ kind: "latency", ms: 3000 });
    let status = 0;
    const pending = api.get("/products").then((r) => (status = r.status));
    await vi.advanceTimersByTimeAsync(2999);
    expect(status).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    await pending;
    expect(status).toBe(200);
  });

  it("clear() removes pending faults; requests records every call with its query", async () => {
    const { shop, api } = testShop();
    shop.faults.add({ kind: "status", status: 500, times: Number.POSITIVE_INFINITY });
    shop.faults.clear();
    const before = Date.now();
    await api.get("/customers?limit=10");
    await api.get("/customers/nope");
    const at = expect.any(Number);
    expect(shop.requests).toEqual([
      { method: "GET", path: "/api/customers", query: "limit=10", status: 200, dropped: false, at },
      { method: "GET", path: "/api/customers/nope", query: "", status: 404, dropped: false, at },
    ]);
    expect(shop.requests.every((r) => r.at >= before && r.at <= Date.now())).toBe(true);
  });
});
