/** The conformance kit against the webshop kit on a real local D1 inside workerd: every rule passes. */
import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, expect, it } from "vitest";
import { d1Adapter } from "../../../webshop-kit/src/adapters/d1";
import { createWebshopApi } from "../../../webshop-kit/src/index";
import { failedIds } from "../../conformance/report";
import { runConformance } from "../../conformance/runner";

beforeAll(async () => {
  await applyD1Migrations(env.KIT_DB, env.KIT_MIGRATIONS);
});

it("createWebshopApi with d1Adapter passes every conformance rule", async () => {
  const api = createWebshopApi({ adapter: d1Adapter(env.KIT_DB), tokens: ["old-token", "d1-token"], basePath: "/api" });
  const report = await runConformance({
    baseUrl: "https://shop.example/api",
    token: "d1-token",
    fetch: (request) => api.fetch(request),
  });
  expect(report.results.filter((r) => r.outcome !== "pass")).toEqual([]);
  expect(failedIds(report)).toEqual([]);
  expect(report.results.length).toBeGreaterThan(30);
}, 120_000);
