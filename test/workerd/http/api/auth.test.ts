/**
 * Widget tokens: a valid read and write token are let in; every way a token can be wrong is refused with its own
 * code (the widget reacts to token_expired by asking its host for a new one) and a message saying what to fix.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PauseResultSchema } from "../../../../shared/api/actions";
import { ERROR_STATUS, type ErrorCode } from "../../../../shared/api/errors";
import { API_PATHS } from "../../../../shared/api/paths";
import { StatusResponseSchema } from "../../../../shared/api/status";
import { WIDGET_TOKEN_AUDIENCE } from "../../../../shared/api/token";
import { type ApiWorld, createApiWorld } from "./api-world";
import { craftedToken, testToken, validClaims } from "./tokens";

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
});

const now = () => world.clock.now();
const raw = (token: string) => ({ token: { raw: token } });

async function refusedToken(code: ErrorCode, token: string | null, method = "GET", path = API_PATHS.status) {
  const answer = await world.refused(code, method, path, token === null ? { token: null } : raw(token));
  expect(answer.status).toBe(ERROR_STATUS[code]);
  return answer.message;
}

describe("widget tokens", () => {
  it("lets a read token read and a write token act", async () => {
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status, { token: "read" });
    expect(status.dataflows.map((d) => d.dataflow)).toEqual(["customers", "departments", "products", "orders"]);
    const paused = await world.ok(PauseResultSchema, "POST", API_PATHS.pause("products", "poweroffice-to-webshop"), {
      token: "write",
    });
    expect(paused.paused).toBe(true);
    await world.ok(PauseResultSchema, "POST", API_PATHS.resume("products", "poweroffice-to-webshop"));
  });

  it("accepts an audience list containing the widget's, a typ-less header, and exp just inside the clock skew", async () => {
    const claims = validClaims(now());
    const list = await craftedToken({ ...claims, aud: ["shop-admin", WIDGET_TOKEN_AUDIENCE] });
    expect((await world.send("GET", API_PATHS.status, raw(list))).status).toBe(200);
    const typeless = await craftedToken(claims, { header: { alg: "HS256" } });
    expect((await world.send("GET", API_PATHS.status, raw(typeless))).status).toBe(200);
    const s = Math.floor(now() / 1000);
    const justExpired = await craftedToken({ ...claims, iat: s - 290, exp: s - 20 });
    expect((await world.send("GET", API_PATHS.status, raw(justExpired))).status).toBe(200);
  });

  it("refuses a request without a token, or with something else in Authorization", async () => {
    expect(await refusedToken("token_missing", null)).toMatch(/Authorization: Bearer/);
    const basic = await world.refused("token_malformed", "GET", API_PATHS.status, {
      token: null,
      headers: { Authorization: "Basic dXNlcjpwYXNz" },
    });
    expect(basic.status).toBe(401);
    expect(await refusedToken("token_malformed", "not-a-jwt")).toMatch(/three base64url parts/);
    expect(await refusedToken("token_malformed", "a.b.c")).toMatch(/header/);
  });

  it("refuses a forged signature", async () => {
    const forged = await craftedToken(validClaims(now()), { secret: "someone-elses-secret-0123456789abcdef" });
    expect(await refusedToken("token_bad_signature", forged)).toMatch(/WIDGET_TOKEN_SECRET/);
    // A valid token whose payload was swapped after signing.
    const [header, , signature] = (await craftedToken(validClaims(now()))).split(".");
    const [, otherPayload] = (await craftedToken({ ...validClaims(now()), sub: "root" })).split(".");
    await refusedToken("token_bad_signature", `${header}.${otherPayload}.${signature}`);
  });

  it("checks the signature before any claim: a forged token that is also expired or for another audience is forged", async () => {
    const s = Math.floor(now() / 1000);
    const forger = { secret: "someone-elses-secret-0123456789abcdef" };
    const expired = await craftedToken({ ...validClaims(now()), iat: s - 400, exp: s - 100 }, forger);
    await refusedToken("token_bad_signature", expired);
    await refusedToken("token_bad_signature", await craftedToken({ ...validClaims(now()), aud: "shop-admin" }, forger));
    await refusedToken("token_bad_signature", await craftedToken({ scope: "admin" }, forger));
  });

  it("refuses a token whose header names a critical extension it does not understand (RFC 7515, crit)", async () => {
    const token = await craftedToken(validClaims(now()), {
      header: { alg: "HS256", typ: "JWT", crit: ["exp-by-shop"], "exp-by-shop": true },
    });
    expect(await refusedToken("token_malformed", token)).toMatch(/crit/);
  });

  it("refuses alg none, RS256 and a header without alg, whatever the signature", async () => {
    const claims = validClaims(now());
    const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
    const unsigned = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
    expect(await refusedToken("token_wrong_algorithm", unsigned)).toMatch(/"none".*only HS256/);
    const rs256 = await craftedToken(claims, { header: { alg: "RS256", typ: "JWT" } });
    expect(await refusedToken("token_wrong_algorithm", rs256)).toMatch(/RS256/);
    const noAlg = await craftedToken(claims, { header: { typ: "JWT" } });
    expect(await refusedToken("token_wrong_algorithm", noAlg)).toMatch(/none given/);
  });

  it("refuses another audience, and a token without one", async () => {
    const claims = validClaims(now());
    expect(await refusedToken("token_wrong_audience", await craftedToken({ ...claims, aud: "shop-admin" }))).toMatch(
      WIDGET_TOKEN_AUDIENCE,
    );
    await refusedToken("token_wrong_audience", await craftedToken({ ...claims, aud: ["a", "b"] }));
    const { aud: _aud, ...noAud } = claims;
    expect(await refusedToken("token_malformed", await craftedToken(noAud))).toMatch(/aud is missing/);
  });

  it("refuses an expired token with token_expired, past the 30 s clock skew", async () => {
    const s = Math.floor(now() / 1000);
    const expired = await craftedToken({ ...validClaims(now()), iat: s - 400, exp: s - 100 });
    expect(await refusedToken("token_expired", expired)).toMatch(/expired 100 s ago/);
    const atSkew = await craftedToken({ ...validClaims(now()), iat: s - 300, exp: s - 30 });
    await refusedToken("token_expired", atSkew);
  });

  it("refuses a token living longer than 5 minutes, by iat or from now", async () => {
    const s = Math.floor(now() / 1000);
    const claims = validClaims(now());
    const long = await craftedToken({ ...claims, iat: s, exp: s + 301 });
    expect(await refusedToken("token_too_long_lived", long)).toMatch(/at most 300 s/);
    const { iat: _iat, ...noIat } = claims;
    await refusedToken("token_too_long_lived", await craftedToken({ ...noIat, exp: s + 3600 }));
    await refusedToken("token_too_long_lived", await craftedToken({ ...claims, iat: s - 3600, exp: s + 60 }));
    // The shop's clock 25 s ahead of the worker's: 300 s from its iat is still inside the limit with the skew.
    const ahead = await craftedToken({ ...claims, iat: s + 25, exp: s + 325 });
    expect((await world.send("GET", API_PATHS.status, raw(ahead))).status).toBe(200);
  });

  it("refuses a token without exp, with a non-numeric exp, or issued in the future", async () => {
    const { exp: _exp, ...noExp } = validClaims(now());
    expect(await refusedToken("token_malformed", await craftedToken(noExp))).toMatch(/exp is missing/);
    await refusedToken("token_malformed", await craftedToken({ ...validClaims(now()), exp: "soon" }));
    const s = Math.floor(now() / 1000);
    const future = await craftedToken({ ...validClaims(now()), iat: s + 120, exp: s + 300 });
    expect(await refusedToken("token_not_yet_valid", future)).toMatch(/clock/);
  });

  it("refuses a token without a valid scope", async () => {
    const { scope: _scope, ...noScope } = validClaims(now());
    expect(await refusedToken("token_malformed", await craftedToken(noScope))).toMatch(/scope is missing/);
    await refusedToken("token_malformed", await craftedToken({ ...validClaims(now()), scope: "admin" }));
  });

  it("refuses every POST and DELETE to a read token with 403 scope_insufficient", async () => {
    const writes: Array<[string, string, unknown]> = [
      ["POST", API_PATHS.push, { resource: "products", id: "x" }],
      ["POST", API_PATHS.retry(1), undefined],
      ["POST", API_PATHS.replay(1), undefined],
      ["POST", API_PATHS.resolve(1), { choices: { name: "webshop" } }],
      ["POST", API_PATHS.links, { dataflow: "products", powerofficeId: "1", webshopId: "2" }],
      ["DELETE", API_PATHS.link(1), undefined],
      ["POST", API_PATHS.relink(1), { webshopId: "2" }],
      ["POST", API_PATHS.pause("orders", "webshop-to-poweroffice"), undefined],
      ["POST", API_PATHS.resume("orders", "webshop-to-poweroffice"), undefined],
      ["POST", API_PATHS.releaseBrake("orders"), undefined],
    ];
    for (const [method, path, body] of writes) {
      const answer = await world.refused("scope_insufficient", method, path, {
        token: "read",
        body,
        headers: { "Idempotency-Key": "k-1" },
      });
      expect(answer.status).toBe(403);
    }
  });

  it("is what the worker itself serves at /api, with the clock its overrides give it", async () => {
    const token = await testToken("read", world.clock.now());
    const request = new Request(`https://worker.test${API_PATHS.status}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const response = await world.worker.fetch(request, world.env);
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toHaveProperty("dataflows");
  });

  it("answers 503 not_configured, in JSON, while the worker's configuration is incomplete", async () => {
    const env = { ...world.env, WIDGET_TOKEN_SECRET: undefined };
    const response = await world.app.request(`https://worker.test${API_PATHS.status}`, {}, env);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { code: "not_configured", message: expect.stringMatching(/health/) },
    });
  });
});
