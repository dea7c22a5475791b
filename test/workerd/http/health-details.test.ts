/**
 * GET /health: `{ ok, version }` to anyone (uptime monitors), the details only to a widget token (any scope), checked
 * as /api checks it; a bad token gets /api's 401 in words and no details.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { VERSION } from "../../../shared/version";
import { app } from "../../../worker/http/app";
import { forgetSchemaState } from "../../../worker/store/schema-check";
import { LATEST_MIGRATION } from "../../../worker/store/schema-version";
import { TEST_VARS } from "../../test-vars";
import { craftedToken, testToken, validClaims } from "./api/tokens";

const withToken = async (scope: "read" | "write" = "read") => ({
  headers: { Authorization: `Bearer ${await testToken(scope, Date.now())}` },
});

afterEach(() => forgetSchemaState());

describe("GET /health, public", () => {
  it("answers only ok and the version", async () => {
    const res = await app.request("/health", {}, env);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, version: VERSION });
  });

  it("answers 503 with only ok false and the version when the configuration is broken", async () => {
    const res = await app.request("/health", {}, { ...env, POWEROFFICE_APPLICATION_KEY: undefined });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, version: VERSION });
  });
});

describe("GET /health with a widget token", () => {
  it("gives a read token the details: configuration, storage, schema, dataflows, dead letters and the size", async () => {
    const res = await app.request("/health", await withToken("read"), env);
    expect(res.status).toBe(200);
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      ok: true,
      version: VERSION,
      config: { ok: true, problems: [] },
      storage: { d1: { ok: true, problems: [] }, kv: { ok: true, problems: [] } },
      schema: { usable: true, state: "current", applied: LATEST_MIGRATION, expected: LATEST_MIGRATION },
      deadLetters: 0,
    });
    // D1's own figure for the database, what its 500 MB (Free) counts: the same as a query of this test's D1 reports.
    const size = (await env.DB.prepare("SELECT 1").all()).meta.size_after;
    expect(size).toBeGreaterThan(0);
    expect(body.databaseBytes).toBe(size);
    expect((body.dataflows as Array<{ dataflow: string }>).map((d) => d.dataflow)).toEqual([
      "customers",
      "departments",
      "products",
      "orders",
    ]);
    expect((body.dataflows as object[])[0]).toEqual({
      dataflow: "customers",
      lastRunAt: null,
      backlog: 0,
      lagSeconds: 0,
      paused: false,
      braked: false,
    });
  });

  it("names configuration problems to a token, never a secret's value", async () => {
    const res = await app.request("/health", await withToken(), {
      ...env,
      POWEROFFICE_APPLICATION_KEY: undefined,
      WEBSHOP_WEBHOOK_SECRET: "nope",
    });
    expect(res.status).toBe(503);
    const text = await res.text();
    const body = JSON.parse(text) as { config: { problems: string[] } };
    expect(body.config.problems).toEqual([
      expect.stringMatching(/^POWEROFFICE_APPLICATION_KEY is missing/),
      expect.stringMatching(/^WEBSHOP_WEBHOOK_SECRET is malformed: it should be whsec_/),
    ]);
    for (const secret of [
      TEST_VARS.WEBSHOP_API_TOKEN,
      TEST_VARS.POWEROFFICE_APPLICATION_KEY,
      TEST_VARS.WIDGET_TOKEN_SECRET,
    ])
      expect(text).not.toContain(secret);
  });

  it("says whether PowerOffice is connected: by the secret, or not at all (ok stays 200: nothing is broken)", async () => {
    const secret = await (await app.request("/health", await withToken(), env)).json<Record<string, unknown>>();
    expect(secret.poweroffice).toEqual({ connected: true, via: "secret", problem: null });
    const res = await app.request("/health", await withToken(), { ...env, POWEROFFICE_CLIENT_KEY: "" });
    expect(res.status).toBe(200);
    const body = await res.json<{ ok: boolean; poweroffice: { connected: boolean; problem: string } }>();
    expect(body.ok).toBe(true);
    expect(body.poweroffice.connected).toBe(false);
    expect(body.poweroffice.problem).toMatch(/^PowerOffice is not connected: connect it in the sync widget/);
  });

  it("refuses a token signed with another key as /api does, with no details", async () => {
    const forged = await craftedToken(validClaims(Date.now()), { secret: "another-secret-0123456789abcdef0123456789" });
    const res = await app.request("/health", { headers: { Authorization: `Bearer ${forged}` } }, env);
    expect(res.status).toBe(401);
    const body = await res.json<{ error: { code: string; message: string } }>();
    expect(body.error.code).toBe("token_bad_signature");
    expect(Object.keys(body)).toEqual(["error"]);
  });

  it("says the schema is behind: 503 to anyone, the migration to apply in the details", async () => {
    const last = await env.DB.prepare("SELECT id, name, applied_at FROM d1_migrations ORDER BY id DESC LIMIT 1").first<{
      id: number;
      name: string;
      applied_at: string;
    }>();
    await env.DB.prepare("DELETE FROM d1_migrations WHERE id = ?").bind(last!.id).run();
    try {
      expect((await app.request("/health", {}, env)).status).toBe(503);
      const res = await app.request("/health", await withToken(), env);
      const body = await res.json<{ schema: { state: string }; storage: { d1: { problems: string[] } } }>();
      expect(body.schema.state).toBe("behind");
      expect(body.storage.d1.problems[0]).toMatch(
        new RegExp(`this code needs ${LATEST_MIGRATION}: run: npx wrangler d1 migrations apply DB --remote`),
      );
    } finally {
      await env.DB.prepare("INSERT INTO d1_migrations (id, name, applied_at) VALUES (?, ?, ?)")
        .bind(last!.id, last!.name, last!.applied_at)
        .run();
    }
  });

  it("is ok against a newer schema (the code rolled back): migrations are additive", async () => {
    await env.DB.prepare("INSERT INTO d1_migrations (name) VALUES ('9999_later.sql')").run();
    try {
      const res = await app.request("/health", await withToken(), env);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, schema: { state: "ahead", applied: "9999_later.sql" } });
    } finally {
      await env.DB.prepare("DELETE FROM d1_migrations WHERE name = '9999_later.sql'").run();
    }
  });

  it("names a used-up D1 daily allowance and when it resets", async () => {
    const refused = () => Promise.reject(new Error("D1_ERROR: exceeded daily rows read limit [code: 7500]"));
    const statement = { bind: () => statement, first: refused, all: refused, run: refused, raw: refused };
    const DB = { prepare: () => statement, batch: refused, exec: refused } as unknown as D1Database;
    const res = await app.request("/health", await withToken("read"), { ...env, DB });
    expect(res.status).toBe(503);
    const body = await res.json<{ sync: { dailyLimits: unknown } }>();
    const midnight = new Date(
      Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1),
    );
    expect(body.sync.dailyLimits).toEqual([{ allowance: "d1-rows-read", resetsAt: midnight.toISOString() }]);
  });
});
