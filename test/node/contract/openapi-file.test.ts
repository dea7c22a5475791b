import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWebshopOpenApi } from "../../../worker/contract/openapi";
import { openapi } from "../../../worker/http/openapi";

const FILE = join(process.cwd(), "docs", "openapi", "webshop.json");
const REGENERATE = "UPDATE_CONTRACT=1 npx vitest run --project node test/node/contract";
const generated = `${JSON.stringify(buildWebshopOpenApi(), null, 2)}\n`;

describe("docs/openapi/webshop.json", () => {
  it("is the document the schemas generate (regenerate with the command in the message)", () => {
    if (process.env.UPDATE_CONTRACT === "1") {
      mkdirSync(dirname(FILE), { recursive: true });
      writeFileSync(FILE, generated);
    }
    let committed = "";
    try {
      committed = readFileSync(FILE, "utf8");
    } catch {
      // Missing: reported by the comparison below, with the command that writes it.
    }
    expect(committed === generated, `docs/openapi/webshop.json is out of date: run ${REGENERATE}`).toBe(true);
  });
});

describe("GET /openapi/webshop.json", () => {
  it("serves the same document as JSON, cacheable and readable from any origin", async () => {
    const response = await openapi.request("/webshop.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=3600");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(await response.json()).toEqual(buildWebshopOpenApi());
  });
});
