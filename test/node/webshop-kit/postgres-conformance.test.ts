/** The conformance kit against the webshop kit on a real PostgreSQL server this file starts: every rule passes. */
import { expect, it } from "vitest";
import { postgresAdapter } from "../../../webshop-kit/src/adapters/postgres";
import { createWebshopApi } from "../../../webshop-kit/src/index";
import { failedIds } from "../../conformance/report";
import { runConformance } from "../../conformance/runner";
import { postgresWithKitTables } from "../../webshop-kit/postgres-with-kit-tables";

const db = postgresWithKitTables(5);

it("createWebshopApi with postgresAdapter passes every conformance rule", async () => {
  const api = createWebshopApi({ adapter: postgresAdapter(db.pool()), tokens: "pg-token", basePath: "/shop/v1" });
  const report = await runConformance({
    baseUrl: "https://shop.example/shop/v1",
    token: "pg-token",
    fetch: (request) => api.fetch(request),
  });
  expect(report.results.filter((r) => r.outcome !== "pass")).toEqual([]);
  expect(failedIds(report)).toEqual([]);
  expect(report.results.length).toBeGreaterThan(30);
}, 120_000);
