import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../../shared/version";
import { app } from "../../../worker/http/app";
import { forgetSchemaState } from "../../../worker/store/schema-check";
import { LATEST_MIGRATION } from "../../../worker/store/schema-version";
import { testToken } from "./api/tokens";

/** The details need a widget token (the public answer is only ok and the version: test/workerd/http/health-details.test.ts). */
const details = async () => ({ headers: { Authorization: `Bearer ${await testToken("read", Date.now())}` } });

describe("GET /health", () => {
  it("reports the version and usable configuration and storage", async () => {
    const res = await app.request("/health", await details(), env);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      ok: true,
      version: VERSION,
      config: { ok: true, problems: [] },
      storage: { d1: { ok: true, problems: [] }, kv: { ok: true, problems: [] } },
    });
  });

  it("names a missing variable in words and answers 503, without leaking secrets", async () => {
    const broken = { ...env, POWEROFFICE_APPLICATION_KEY: undefined, WEBSHOP_WEBHOOK_SECRET: "nope" };
    const res = await app.request("/health", await details(), broken);
    expect(res.status).toBe(503);
    const body = await res.text();
    const json = JSON.parse(body);
    expect(json.ok).toBe(false);
    expect(json.config.problems).toEqual([
      expect.stringMatching(/^POWEROFFICE_APPLICATION_KEY is missing/),
      expect.stringMatching(/^WEBSHOP_WEBHOOK_SECRET is malformed: it should be whsec_/),
    ]);
    expect(body).not.toContain(env.WEBSHOP_API_TOKEN);
    expect(body).not.toContain(env.POWEROFFICE_APPLICATION_KEY);
  });

  it("names ADMIN_ORIGINS and the shape it needs when an entry is a wildcard it could never match", async () => {
    const res = await app.request("/health", await details(), {
      ...env,
      ADMIN_ORIGINS: "https://admin.shop.test, https://*.shop.test",
    });
    expect(res.status).toBe(503);
    const json = (await res.json()) as { config: { problems: string[] } };
    expect(json.config.problems).toEqual([
      expect.stringMatching(
        /^ADMIN_ORIGINS entry "https:\/\/\*\.shop\.test" holds a wildcard.*like https:\/\/admin\.example\.no$/,
      ),
    ]);
  });

  it("says when the D1 schema is behind", async () => {
    await env.DB.exec("CREATE TABLE IF NOT EXISTS d1_migrations_backup AS SELECT * FROM d1_migrations");
    await env.DB.exec("DELETE FROM d1_migrations");
    try {
      const res = await app.request("/health", await details(), env);
      expect(res.status).toBe(503);
      const json = await res.json<{ storage: { d1: { problems: string[] } } }>();
      expect(json.storage.d1.problems[0]).toContain(
        `this code needs ${LATEST_MIGRATION}: run: npx wrangler d1 migrations apply DB`,
      );
    } finally {
      await env.DB.exec("INSERT INTO d1_migrations SELECT * FROM d1_migrations_backup");
      forgetSchemaState();
    }
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await app.request("/nope", {}, env);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "No route for GET /nope" } });
  });
});
