import { describe, expect, it } from "vitest";
import { RULES } from "../../conformance/rules";
import { runConformance } from "../../conformance/runner";
import { createReferenceWebshop, type ReferenceWebshop } from "../webshop";

const BASE_URL = "https://webshop.sim/api";
const TOKEN = "test-webshop-token";
const RESOURCES = ["customers", "products", "orders"] as const;

const run = (shop: ReferenceWebshop) =>
  runConformance({ baseUrl: BASE_URL, token: TOKEN, fetch: shop.fetch, runId: "ref" });

describe("the conformance kit against the reference webshop", () => {
  it("passes every rule, in order, and deletes everything it made", async () => {
    const shop = createReferenceWebshop();
    const report = await run(shop);
    expect(report.results.filter((r) => r.outcome === "fail")).toEqual([]);
    expect(report.results.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(report.cleanup).toEqual({ kind: "deleted", count: expect.any(Number) });
    for (const resource of RESOURCES) expect(shop.count(resource)).toBe(0);
  });

  it("never changes records it did not make, in a shop that already has data", async () => {
    const shop = createReferenceWebshop();
    const customer = shop.seed.customer({ kind: "company", name: "Fjordbygg AS", organization_number: "915550002" });
    shop.seed.customer({ kind: "person", first_name: "Kari", last_name: "Nordmann", email: "kari@example.no" });
    const product = shop.seed.product({ sku: "KAFFE-500", name: "Kaffe 500 g", price: "199.00" });
    shop.seed.order({ customer_id: customer.id, lines: [{ product_id: product.id, quantity: 2 }] });
    const before = RESOURCES.map((resource) => shop.list(resource));
    const report = await run(shop);
    expect(report.results.filter((r) => r.outcome === "fail")).toEqual([]);
    expect(RESOURCES.map((resource) => shop.list(resource))).toEqual(before);
    const writes = shop.requests.filter((r) => r.method !== "GET" && r.status < 400);
    const seededIds = before.flat().map((record) => record.id);
    expect(writes.filter((w) => seededIds.some((id) => w.path.endsWith(`/${id}`)))).toEqual([]);
  });

  it("passes with a frozen clock, where every change falls in the same millisecond", async () => {
    const frozen = Date.parse("2026-11-26T12:00:00.000Z");
    const shop = createReferenceWebshop({ now: () => frozen });
    const report = await run(shop);
    expect(report.results.filter((r) => r.outcome === "fail")).toEqual([]);
  });

  it("waits out 429 with Retry-After instead of failing a throttling shop", async () => {
    const shop = createReferenceWebshop();
    shop.faults.add({ kind: "status", status: 429, retryAfterSeconds: 2, times: 3 });
    const waits: number[] = [];
    const report = await runConformance({
      baseUrl: BASE_URL,
      token: TOKEN,
      fetch: shop.fetch,
      only: ["read"],
      sleep: async (ms) => void waits.push(ms),
    });
    expect(report.results.filter((r) => r.outcome === "fail")).toEqual([]);
    expect(waits).toEqual([2000, 2000, 2000]);
  });
});
