/**
 * Shops that differ from the reference webshop where the contract (/work/shared/webshop-api.md, docs/webshop-api.md)
 * leaves them free must pass: a rule judges only what the contract requires, and says what does not apply. Each
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

describe("the relaxed rules still fail a shop that breaks the contract", () => {
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
