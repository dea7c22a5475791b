import { describe, expect, it } from "vitest";
import { RULES } from "../../conformance/rules";
import { runConformance } from "../../conformance/runner";
import { createReferenceWebshop } from "../webshop";

const BASE_URL = "https://webshop.sim/api";
const TOKEN = "test-webshop-token";

describe("the conformance kit against the reference webshop", () => {
  it("passes every rule and cleans up after itself", async () => {
    const shop = createReferenceWebshop();
    const report = await runConformance({ baseUrl: BASE_URL, token: TOKEN, fetch: shop.fetch, runId: "ref" });
    const failures = report.results.filter((r) => r.outcome === "fail");
    expect(failures).toEqual([]);
    expect(report.results.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
    expect(report.cleanup.kind).toBe("deleted");
    for (const resource of ["customers", "products", "orders"] as const) expect(shop.count(resource)).toBe(0);
  });
});
