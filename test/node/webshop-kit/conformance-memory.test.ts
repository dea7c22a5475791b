/** The conformance kit against the webshop kit with its memory adapter: every rule passes, wherever it is mounted. */
import { describe, expect, it } from "vitest";
import { memoryAdapter } from "../../../webshop-kit/src/adapters/memory/index";
import { createWebshopApi } from "../../../webshop-kit/src/index";
import { failedIds } from "../../conformance/report";
import { runConformance } from "../../conformance/runner";

describe("createWebshopApi with memoryAdapter passes every conformance rule", () => {
  for (const basePath of ["/api", "/shop/v1/", ""]) {
    it(`mounted at '${basePath}'`, async () => {
      const api = createWebshopApi({ adapter: memoryAdapter(), tokens: "kit-token", basePath });
      const base = `https://shop.example${basePath.replace(/\/$/, "")}`;
      const report = await runConformance({ baseUrl: base, token: "kit-token", fetch: (r) => api.fetch(r) });
      const failures = report.results.filter((r) => r.outcome !== "pass");
      expect(failures).toEqual([]);
      expect(failedIds(report)).toEqual([]);
      expect(report.results.length).toBeGreaterThan(30);
    });
  }
});
