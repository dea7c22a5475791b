import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { buildWebshopOpenApi } from "../../../worker/contract/openapi";
import { app } from "../../../worker/http/app";

describe("GET /openapi/webshop.json", () => {
  it("serves the generated webshop contract from the worker", async () => {
    const res = await app.request("/openapi/webshop.json", {}, env);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const doc = await res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildWebshopOpenApi())));
  });
});
