import { describe, expect, it } from "vitest";
import { failedIds } from "../../conformance/report";
import { runConformance } from "../../conformance/runner";
import { createReferenceWebshop, type ReferenceWebshopOptions } from "../webshop";

type Quirks = NonNullable<ReferenceWebshopOptions["quirks"]>;

async function failuresWith(quirks: Quirks) {
  const shop = createReferenceWebshop({ quirks });
  const report = await runConformance({
    baseUrl: "https://webshop.sim/api",
    token: "test-webshop-token",
    fetch: shop.fetch,
    runId: "broken",
  });
  return { report, failed: failedIds(report).sort() };
}

// Each deliberately broken shop breaks one rule of the contract; the kit must name exactly the rules it breaks.
describe("the conformance kit fails deliberately broken shops on exactly the matching rules", () => {
  it("a shop that ignores Idempotency-Key fails the idempotency rules", async () => {
    const { report, failed } = await failuresWith({ ignoreIdempotencyKey: true });
    expect(failed).toEqual(["idempotency.mismatch", "idempotency.replay", "idempotency.stores-4xx"]);
    const replay = report.results.find((r) => r.id === "idempotency.replay");
    expect(replay).toMatchObject({ outcome: "fail", expected: expect.stringContaining("the same product") });
  });

  it("a shop whose cursor is an offset fails the feed rules that resume or page across a change", async () => {
    const { failed } = await failuresWith({ unstableCursors: true });
    expect(failed).toEqual(["feed.cursor-never-null", "feed.resume-exact", "feed.sorted"]);
  });

  it("a shop that ignores If-Match fails patch.if-match", async () => {
    const { report, failed } = await failuresWith({ ignoreIfMatch: true });
    expect(failed).toEqual(["patch.if-match"]);
    expect(report.results.find((r) => r.id === "patch.if-match")).toMatchObject({
      got: expect.stringMatching(/^200 /),
    });
  });

  it("a shop that accepts unknown parameters and fields fails the strictness rules", async () => {
    const { failed } = await failuresWith({ acceptUnknownFields: true });
    expect(failed).toEqual(["strict.unknown-body-field", "strict.unknown-query-param"]);
  });

  it("still cleans up after a broken shop: whatever it created is deleted", async () => {
    const shop = createReferenceWebshop({ quirks: { ignoreIdempotencyKey: true, acceptUnknownFields: true } });
    const report = await runConformance({
      baseUrl: "https://webshop.sim/api",
      token: "test-webshop-token",
      fetch: shop.fetch,
    });
    expect(report.cleanup.kind).toBe("deleted");
    for (const resource of ["customers", "products", "orders"] as const) expect(shop.count(resource)).toBe(0);
  });
});
