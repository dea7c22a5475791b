import { describe, expect, it } from "vitest";
import { cleanupLine, failedIds } from "../../conformance/report";
import { runConformance } from "../../conformance/runner";
import { createReferenceWebshop, type ReferenceWebshopOptions } from "../webshop";

type Quirks = NonNullable<ReferenceWebshopOptions["quirks"]>;
const BASE = "https://webshop.sim/api";
const TOKEN = "test-webshop-token";

async function failuresWith(quirks: Quirks) {
  const shop = createReferenceWebshop({ quirks });
  const report = await runConformance({ baseUrl: BASE, token: TOKEN, fetch: shop.fetch, runId: "broken" });
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

  it("archives instead of deleting when the shop refuses DELETE, and says so", async () => {
    const shop = createReferenceWebshop();
    const noDelete = async (request: Request) =>
      request.method === "DELETE"
        ? Response.json({ error: { code: "method_not_allowed", message: "No deletes here" } }, { status: 405 })
        : shop.fetch(request);
    const report = await runConformance({ baseUrl: BASE, token: TOKEN, fetch: noDelete, runId: "nodelete" });
    expect(failedIds(report).sort()).toEqual(["delete.removes", "read.not-found"]);
    expect(report.cleanup).toEqual({
      kind: "archived",
      count: shop.count("customers") + shop.count("products") + shop.count("orders"),
      deleted: 0,
      why: expect.stringContaining("405"),
    });
    expect(shop.list("products").every((p) => !p.active)).toBe(true);
    expect(shop.list("customers").every((c) => !c.active)).toBe(true);
    expect(shop.list("orders").every((o) => o.status === "cancelled")).toBe(true);
    expect(cleanupLine(report.cleanup, "conformance-nodelete")).toMatch(
      /^cleanup: DELETE not supported \(DELETE answered 405 /,
    );
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
