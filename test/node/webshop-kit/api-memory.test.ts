/**
 * createWebshopApi over memoryAdapter, beyond the conformance rules: bad input changes nothing in the adapter (no
 * write, no event), two tokens during a rotation, the base path, and writes that race another writer.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import type { RecordWrite } from "../../../webshop-kit/src/adapter";
import { type MemoryAdapter, memoryAdapter } from "../../../webshop-kit/src/adapters/memory/index";
import { createWebshopApi, ErrorBody } from "../../../webshop-kit/src/index";

const BASE = "https://shop.example/kit";

/** The memory adapter with every write attempt counted (successful or refused). */
function countingAdapter(): { adapter: MemoryAdapter; writes: RecordWrite[] } {
  const adapter = memoryAdapter();
  const writes: RecordWrite[] = [];
  const write = adapter.write;
  adapter.write = (change) => {
    writes.push(change);
    return write(change);
  };
  return { adapter, writes };
}

function client(api: { fetch(request: Request): Promise<Response> }, token = "t-1") {
  return async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}`, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["Content-Type"] ??= "application/json";
    }
    if (method === "POST") (init.headers as Record<string, string>)["Idempotency-Key"] ??= crypto.randomUUID();
    const response = await api.fetch(new Request(`${BASE}${path}`, init));
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
  };
}

describe("bad input to the kit's endpoints", () => {
  it("gets the contract's error envelope and changes nothing: no write reaches the adapter, no event", async () => {
    const { adapter, writes } = countingAdapter();
    const api = createWebshopApi({ adapter, tokens: "t-1", basePath: "/kit" });
    const call = client(api);
    const customer = (await call("POST", "/customers", { kind: "company", name: "Acme AS" })).json;
    const product = (await call("POST", "/products", { sku: "A-1", name: "A", price: "10.00" })).json;
    const before = { writes: writes.length, events: adapter.events.list(), records: snapshot(adapter) };

    const bad: [string, string, unknown?, Record<string, string>?][] = [
      ["POST", "/customers", "{not json"],
      ["POST", "/customers", [1, 2]],
      ["POST", "/customers", { kind: "company", name: "X", colour: "red" }],
      ["POST", "/customers", { kind: "person", first_name: "Ola" }],
      ["POST", "/customers", { kind: "company", name: "X" }, { "Idempotency-Key": "k".repeat(256) }],
      ["POST", "/customers", "kind=company", { "Content-Type": "text/plain" }],
      ["POST", "/products", { sku: " a-1 ", name: "Dup", price: "1.00" }],
      ["POST", "/products", { sku: "B", name: "B", price: 10 }],
      ["POST", "/orders", { customer_id: "cus_nobody" }],
      ["POST", "/orders", { customer_id: customer.id, lines: [{ quantity: 1, unit_price: "1.00", colour: "x" }] }],
      ["POST", "/orders", { customer_id: customer.id, lines: [{ sku: "nope", quantity: 1, unit_price: "1.00" }] }],
      ["PATCH", `/customers/${customer.id}`, { version: 9 }],
      ["PATCH", `/customers/${customer.id}`, { name: "", kind: "person" }],
      ["PATCH", `/customers/${customer.id}`, { name: "New" }, { "If-Match": "2" }],
      ["PATCH", `/customers/${customer.id}`, { name: "New" }, { "If-Match": "three" }],
      ["PATCH", `/products/${product.id}`, { price: "1" }],
      ["PATCH", "/customers/cus_nobody", { name: "New" }],
      ["DELETE", `/products/${product.id}`, undefined, { "If-Match": "7" }],
      ["DELETE", "/products/prd_nobody"],
      ["GET", "/customers?colour=red"],
      ["GET", "/customers?cursor=bogus"],
      ["GET", "/customers?limit=0"],
      ["GET", "/products?email=a@b.no"],
      ["PUT", `/customers/${customer.id}`, { name: "New" }],
      ["GET", "/invoices"],
    ];
    for (const [method, path, body, headers] of bad) {
      const reply = await call(method, path, body, headers);
      expect(reply.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(reply.status, `${method} ${path}`).toBeLessThan(500);
      expect(v.is(ErrorBody, reply.json), `${method} ${path}: ${JSON.stringify(reply.json)}`).toBe(true);
      expect(reply.json.error.message, `${method} ${path}`).toMatch(/\w+ \w+/);
    }
    // The duplicate sku reached the adapter's compare-and-set? No: the kit saw the holder first. Nothing was written.
    expect(writes.length).toBe(before.writes);
    expect(adapter.events.list()).toEqual(before.events);
    expect(snapshot(adapter)).toEqual(before.records);
  });

  it("a 412 names the current record, and a duplicate names its holder", async () => {
    const { adapter } = countingAdapter();
    const call = client(createWebshopApi({ adapter, tokens: "t-1", basePath: "/kit" }));
    const product = (await call("POST", "/products", { sku: "A-1", name: "A", price: "10.00" })).json;
    const stale = await call("PATCH", `/products/${product.id}`, { name: "B" }, { "If-Match": "5" });
    expect(stale.status).toBe(412);
    expect(stale.json.error).toMatchObject({ code: "version_mismatch", details: { current: product } });
    const duplicate = await call("POST", "/products", { sku: "a-1", name: "Again", price: "1.00" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.details).toEqual({ field: "sku", value: "a-1", existing_id: product.id });
  });
});

describe("tokens", () => {
  it("accepts each of two tokens during a rotation, and refuses any other with 401 and WWW-Authenticate", async () => {
    const api = createWebshopApi({ adapter: memoryAdapter(), tokens: ["old-token", "new-token"], basePath: "/kit" });
    expect((await client(api, "old-token")("GET", "/customers")).status).toBe(200);
    expect((await client(api, "new-token")("GET", "/customers")).status).toBe(200);
    for (const token of ["other", "old-toke", "new-token-2", ""]) {
      const reply = await client(api, token)("GET", "/customers");
      expect(reply.status, token).toBe(401);
      expect(reply.json.error.code).toBe("unauthorized");
      expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    const none = await api.fetch(new Request(`${BASE}/customers`));
    expect([none.status, ((await none.json()) as { error: { message: string } }).error.message]).toEqual([
      401,
      "Send Authorization: Bearer <token>",
    ]);
  });

  it("keeps idempotency keys per token: the same key under the other token is another request", async () => {
    const api = createWebshopApi({ adapter: memoryAdapter(), tokens: ["old-token", "new-token"], basePath: "/kit" });
    const headers = { "Idempotency-Key": "same-key" };
    const a = await client(api, "old-token")("POST", "/customers", { kind: "company", name: "A AS" }, headers);
    const b = await client(api, "new-token")("POST", "/customers", { kind: "company", name: "B AS" }, headers);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.json.id).not.toBe(b.json.id);
  });

  it("refuses to start without a token, with a sentence saying what to pass", () => {
    const adapter = memoryAdapter();
    expect(() => createWebshopApi({ adapter, tokens: [] })).toThrow(/tokens/);
    expect(() => createWebshopApi({ adapter, tokens: "" })).toThrow(/non-empty/);
    expect(() => createWebshopApi({ adapter, tokens: ["ok", " "] })).toThrow(/non-empty/);
  });
});

describe("the base path", () => {
  it("serves under it, answers 404 outside it without asking for a token, and accepts a trailing slash", async () => {
    const api = createWebshopApi({ adapter: memoryAdapter(), tokens: "t-1", basePath: "shop/v1/" });
    const ok = await api.fetch(
      new Request("https://x.example/shop/v1/products/", { headers: { Authorization: "Bearer t-1" } }),
    );
    expect(ok.status).toBe(200);
    const outside = await api.fetch(new Request("https://x.example/shop/v10/products"));
    expect(outside.status).toBe(404);
    expect(((await outside.json()) as { error: { code: string } }).error.code).toBe("not_found");
    const created = await client(createWebshopApi({ adapter: memoryAdapter(), tokens: "t-1", basePath: "/kit" }))(
      "POST",
      "/customers",
      { kind: "company", name: "Acme AS" },
    );
    expect(created.headers.get("location")).toBe(`/kit/customers/${created.json.id}`);
  });
});

describe("writes that race another writer", () => {
  /** An adapter where another writer changes the record once, between the kit's read and its write. */
  function racingAdapter(other: (adapter: MemoryAdapter) => void) {
    const adapter = memoryAdapter();
    const write = adapter.write;
    let raced = false;
    adapter.write = async (change) => {
      if (!raced && change.kind !== "created") {
        raced = true;
        other(adapter);
      }
      return write(change);
    };
    return adapter;
  }

  /** The other writer: sets the customer's phone through the adapter, moving its version on. */
  function anotherWriterSetsPhone(adapter: MemoryAdapter, id: string) {
    const { id: _i, version, created_at: _c, updated_at: _u, ...content } = adapter.sync.get("customers", id)!;
    adapter.sync.write({
      resource: "customers",
      kind: "updated",
      id,
      expectedVersion: version,
      content: { ...content, phone: "+47 1" },
      keys: {},
      now: Date.now(),
    });
  }

  it("a merge patch without If-Match is applied again to the record as the other writer left it", async () => {
    const adapter = racingAdapter((a) => anotherWriterSetsPhone(a, id));
    const call = client(createWebshopApi({ adapter, tokens: "t-1", basePath: "/kit" }));
    const id = (await call("POST", "/customers", { kind: "company", name: "Acme AS" })).json.id as string;
    const patched = await call("PATCH", `/customers/${id}`, { website: "https://acme.no" });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ version: 3, phone: "+47 1", website: "https://acme.no" });
  });

  it("with If-Match the other writer's change wins: 412 with the record as it now is", async () => {
    const adapter = racingAdapter((a) => anotherWriterSetsPhone(a, id));
    const call = client(createWebshopApi({ adapter, tokens: "t-1", basePath: "/kit" }));
    const id = (await call("POST", "/customers", { kind: "company", name: "Acme AS" })).json.id as string;
    const patched = await call("PATCH", `/customers/${id}`, { website: "https://acme.no" }, { "If-Match": "1" });
    expect(patched.status).toBe(412);
    expect(patched.json.error.details.current).toMatchObject({ version: 2, phone: "+47 1", website: null });
  });
});

function snapshot(adapter: MemoryAdapter) {
  return {
    customers: adapter.records("customers"),
    products: adapter.records("products"),
    orders: adapter.records("orders"),
  };
}
