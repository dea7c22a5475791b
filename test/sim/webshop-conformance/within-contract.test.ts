/**
 * Shops that differ from the reference webshop where the contract (docs/webshop-api.md) leaves them free must
 * pass: a rule judges only what the contract requires, and says what does not apply. Each
 * variant is the reference webshop behind a small fetch wrapper, or (for a behaviour the reference cannot show) a
 * minimal shop serving the one rule it is run with. The broken counterparts must still fail.
 */
import { describe, expect, it } from "vitest";
import { failedIds, resultLine } from "../../conformance/report";
import { RULES } from "../../conformance/rules";
import { runConformance } from "../../conformance/runner";
import type { FetchLike } from "../../conformance/types";
import { createReferenceWebshop } from "../webshop";

const BASE = "https://webshop.sim/api";
const TOKEN = "test-webshop-token";

const run = (fetch: FetchLike, only?: string[]) =>
  runConformance({ baseUrl: BASE, token: TOKEN, fetch, runId: "within", ...(only ? { only } : {}) });

const validationFailed = (field: string, why: string) =>
  Response.json(
    { error: { code: "validation_failed", message: `${field} ${why}`, details: { fields: { [field]: why } } } },
    { status: 400 },
  );

async function jsonOf(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const body = (await request.clone().json()) as unknown;
    return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Stores organisation numbers as digits only and refuses any other form, in bodies and in lookups, with 400. */
function digitsOnlyOrgNumbers(): FetchLike {
  const shop = createReferenceWebshop();
  return async (request) => {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/api/customers")) {
      const queried = url.searchParams.get("organization_number");
      if (queried !== null && /\D/.test(queried)) return validationFailed("organization_number", "must be digits only");
      const body = request.method === "GET" ? null : await jsonOf(request);
      if (typeof body?.organization_number === "string" && /\D/.test(body.organization_number)) {
        return validationFailed("organization_number", "must be digits only");
      }
    }
    return shop.fetch(request);
  };
}

describe("the conformance kit passes shops that are within the contract", () => {
  it("a shop that stores organisation numbers digits only and refuses formatted ones with 400", async () => {
    const report = await run(digitsOnlyOrgNumbers());
    expect(report.results.filter((r) => r.outcome === "fail").map(resultLine)).toEqual([]);
    expect(report.results.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    const rule = report.results.find((r) => r.id === "lookup.organization-number");
    expect(rule).toMatchObject({ outcome: "pass", detail: expect.stringMatching(/does not apply/) });
  });
});

/** The reference webshop with its answers rewritten by `rewrite` (given the request and the parsed answer). */
function rewriting(
  rewrite: (request: Request, status: number, body: unknown) => Response | null,
  before?: (request: Request) => Response | null,
): FetchLike {
  const shop = createReferenceWebshop();
  return async (request) => {
    const early = before?.(request);
    if (early) return early;
    const answer = await shop.fetch(request);
    const text = await answer.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    return rewrite(request, answer.status, body) ?? new Response(text || null, answer);
  };
}

const errorOf = (body: unknown) => (body as { error?: { code?: string; message?: string } } | undefined)?.error;

/**
 * A minimal shop of products only that counts every PATCH as a change, a no-op included (+`step` version, a later
 * updated_at): the contract says version goes up by one on every change and is silent on a patch that changes nothing.
 */
function everyPatchCounts(step = 1): FetchLike {
  const products = new Map<string, Record<string, unknown> & { id: string; version: number }>();
  let clock = Date.parse("2026-11-26T12:00:00.000Z");
  const now = () => new Date(++clock).toISOString();
  let sequence = 0;
  return async (request) => {
    const id = decodeURIComponent(new URL(request.url).pathname.split("/")[3] ?? "");
    if (request.method === "POST") {
      const at = now();
      const body = (await request.json()) as Record<string, unknown>;
      const record = { id: `p_${++sequence}`, version: 1, created_at: at, updated_at: at, ...body };
      products.set(record.id, record);
      return Response.json(record, { status: 201 });
    }
    const record = products.get(id);
    if (!record) return Response.json({ error: { code: "not_found", message: `no product ${id}` } }, { status: 404 });
    if (request.method === "PATCH") {
      Object.assign(record, await request.json(), { version: record.version + step, updated_at: now() });
    }
    if (request.method === "DELETE") {
      products.delete(id);
      return new Response(null, { status: 204 });
    }
    return Response.json(record);
  };
}

describe("the conformance kit passes where the contract leaves a shop free", () => {
  it('a 409 for a duplicate sku with a code of the shop\'s own ("conflict"), not "duplicate"', async () => {
    const shop = rewriting((_request, status, body) =>
      status === 409 && errorOf(body)?.code === "duplicate"
        ? Response.json({ error: { code: "conflict", message: errorOf(body)?.message } }, { status: 409 })
        : null,
    );
    const report = await run(shop);
    expect(report.results.filter((r) => r.outcome === "fail").map(resultLine)).toEqual([]);
  });

  it("a 400 validation error (not 422) for an order whose customer_id does not exist", async () => {
    const shop = rewriting((_request, status, body) =>
      status === 422
        ? Response.json({ error: { code: "validation_failed", message: errorOf(body)?.message } }, { status: 400 })
        : null,
    );
    const report = await run(shop);
    expect(report.results.filter((r) => r.outcome === "fail").map(resultLine)).toEqual([]);
  });

  it("an empty page (no product has an email) for /products?email=", async () => {
    const shop = rewriting(
      () => null,
      (request) => {
        const url = new URL(request.url);
        return url.pathname === "/api/products" && url.searchParams.has("email")
          ? Response.json({ data: [], next_cursor: "eyJlbXB0eSI6dHJ1ZX0", has_more: false })
          : null;
      },
    );
    const report = await run(shop);
    expect(report.results.filter((r) => r.outcome === "fail").map(resultLine)).toEqual([]);
  });

  it("answers that carry extra fields of the shop's own, only on GET by id", async () => {
    const shop = rewriting((request, status, body) => {
      const path = new URL(request.url).pathname;
      return request.method === "GET" && status === 200 && /^\/api\/\w+\/[^/]+$/.test(path)
        ? Response.json({ ...(body as object), links: { self: request.url } })
        : null;
    });
    const report = await run(shop);
    expect(report.results.filter((r) => r.outcome === "fail").map(resultLine)).toEqual([]);
  });

  it("a shop that counts a no-op PATCH as a change (+1 and a later updated_at)", async () => {
    const report = await run(everyPatchCounts(), ["patch.version"]);
    expect(report.results.map(resultLine)).toEqual([expect.stringMatching(/^PASS patch\.version — .*no-op/)]);
  });
});

describe("the relaxed rules still fail a shop that breaks the contract", () => {
  it("a shop whose GET by id differs from the create in a contract field fails read.by-id", async () => {
    const shop = rewriting((request, status, body) => {
      const path = new URL(request.url).pathname;
      return request.method === "GET" && status === 200 && /^\/api\/products\/[^/]+$/.test(path)
        ? Response.json({ ...(body as object), name: "Something else" })
        : null;
    });
    const report = await run(shop, ["read.by-id"]);
    expect(failedIds(report)).toEqual(["read.by-id"]);
  });

  it("a shop whose version jumps by two fails patch.version", async () => {
    const report = await run(everyPatchCounts(2), ["patch.version"]);
    expect(failedIds(report)).toEqual(["patch.version"]);
  });

  it("a shop that creates a second product with a taken sku fails products.sku-unique", async () => {
    const shop = createReferenceWebshop();
    let n = 0;
    // Stores each product under a sku of its own making: a second POST with a taken sku creates a product.
    const uniqueSkus: FetchLike = async (request) => {
      const url = new URL(request.url);
      if (request.method !== "POST" || url.pathname !== "/api/products") return shop.fetch(request);
      const body = (await request.json()) as Record<string, unknown>;
      const headers = new Headers(request.headers);
      headers.delete("content-length");
      const sku = `${String(body.sku)}-${++n}`;
      return shop.fetch(new Request(request.url, { method: "POST", headers, body: JSON.stringify({ ...body, sku }) }));
    };
    const report = await run(uniqueSkus, ["products.sku-unique"]);
    expect(failedIds(report)).toEqual(["products.sku-unique"]);
  });

  it("a shop that creates an order for a customer that does not exist fails orders.unknown-customer", async () => {
    const shop = rewriting(
      () => null,
      (request) =>
        request.method === "POST" && new URL(request.url).pathname === "/api/orders"
          ? Response.json({ id: "o_ghost", version: 1, updated_at: "2026-11-26T12:00:00.000Z" }, { status: 201 })
          : null,
    );
    const report = await run(shop, ["orders.unknown-customer"]);
    expect(failedIds(report)).toEqual(["orders.unknown-customer"]);
  });

  it("a shop that lists every product for /products?email= fails strict.unknown-query-param", async () => {
    const shop = createReferenceWebshop();
    shop.seed.product({ sku: "KAFFE-500", name: "Kaffe 500 g", price: "199.00" });
    const ignoresEmail: FetchLike = async (request) => {
      const url = new URL(request.url);
      if (url.pathname !== "/api/products" || !url.searchParams.has("email")) return shop.fetch(request);
      url.searchParams.delete("email");
      return shop.fetch(new Request(url, request));
    };
    const report = await run(ignoresEmail, ["strict.unknown-query-param"]);
    expect(failedIds(report)).toEqual(["strict.unknown-query-param"]);
  });

  it("a shop comparing organisation numbers as typed (not digits only) fails lookup.organization-number", async () => {
    const shop = createReferenceWebshop();
    const asTyped: FetchLike = async (request) => {
      const url = new URL(request.url);
      const queried = url.searchParams.get("organization_number");
      const answer = await shop.fetch(request);
      if (queried === null || answer.status !== 200) return answer;
      const page = (await answer.json()) as { data: { organization_number: string | null }[] };
      return Response.json({ ...page, data: page.data.filter((c) => c.organization_number === queried) });
    };
    const report = await run(asTyped, ["lookup"]);
    expect(failedIds(report)).toEqual(["lookup.organization-number"]);
  });
});
