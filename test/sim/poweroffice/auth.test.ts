import { describe, expect, it } from "vitest";
import { createPowerOfficeSim } from "./index";
import { apiClient, BASE, basicAuth, manualClock, SUBSCRIPTION, tokenRequest } from "./test-client";

const api = (token: string | undefined, headers: Record<string, string> = SUBSCRIPTION, base = BASE) =>
  new Request(`${base}/Customers`, {
    headers: { ...headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });

describe("OAuth2 client credentials and API authorisation", () => {
  it("issues a 20-minute bearer token for the right keys", async () => {
    const sim = createPowerOfficeSim();
    const response = await sim.fetch(tokenRequest());
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 1200 });
    expect(typeof body.access_token).toBe("string");
    expect(sim.tokensIssued()).toBe(1);
    expect((await sim.fetch(api(body.access_token as string))).status).toBe(204);
  });

  it("answers 400 invalid_client for wrong keys", async () => {
    const sim = createPowerOfficeSim();
    const response = await sim.fetch(tokenRequest({ auth: basicAuth("test-application-key", "wrong") }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.error).toBe("invalid_client");
    expect(typeof body.error_description).toBe("string");
    expect(sim.tokensIssued()).toBe(0);
  });

  it("answers 400 for a grant type other than client_credentials", async () => {
    const sim = createPowerOfficeSim();
    const response = await sim.fetch(tokenRequest({ body: "grant_type=password" }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("answers 401 with the gateway's body when the subscription key is missing or wrong", async () => {
    const sim = createPowerOfficeSim();
    const missing = await sim.fetch(tokenRequest({ headers: {} }));
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({
      statusCode: 401,
      message:
        "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.",
    });
    const wrong = await sim.fetch(tokenRequest({ headers: { "Ocp-Apim-Subscription-Key": "nope" } }));
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { message: string }).message).toMatch(/invalid subscription key/);
  });

  it("needs both the bearer token and the subscription key on API calls", async () => {
    const sim = createPowerOfficeSim();
    const token = await apiClient(sim).getToken();
    expect((await sim.fetch(api(undefined))).status).toBe(401);
    expect((await sim.fetch(api("not-a-token"))).status).toBe(401);
    const noKey = await sim.fetch(api(token, {}));
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as { statusCode: number }).statusCode).toBe(401);
    expect((await sim.fetch(api(token))).status).toBe(204);
  });

  it("expires tokens after their lifetime on the simulator's clock", async () => {
    const clock = manualClock();
    const sim = createPowerOfficeSim({ now: clock.now, tokenLifetimeSeconds: 60 });
    const response = await sim.fetch(tokenRequest());
    const { access_token, expires_in } = (await response.json()) as { access_token: string; expires_in: number };
    expect(expires_in).toBe(60);
    clock.advance(59_000);
    expect((await sim.fetch(api(access_token))).status).toBe(204);
    clock.advance(1_000);
    const expired = await sim.fetch(api(access_token));
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(/invalid_token/);
  });

  it("expireTokens() makes every issued token answer 401; a new one works", async () => {
    const sim = createPowerOfficeSim();
    const client = apiClient(sim);
    const token = await client.getToken();
    sim.expireTokens();
    expect((await sim.fetch(api(token))).status).toBe(401);
    const fresh = (await (await sim.fetch(tokenRequest())).json()) as { access_token: string };
    expect((await sim.fetch(api(fresh.access_token))).status).toBe(204);
    expect(sim.tokensIssued()).toBe(2);
  });

  it("keeps the demo and production environments apart", async () => {
    const sim = createPowerOfficeSim();
    const demo = await sim.fetch(tokenRequest({ url: "https://poweroffice.sim/Demo/OAuth/Token" }));
    const { access_token } = (await demo.json()) as { access_token: string };
    expect((await sim.fetch(api(access_token, SUBSCRIPTION, "https://poweroffice.sim/Demo/v2"))).status).toBe(204);
    expect((await sim.fetch(api(access_token))).status).toBe(401);
  });
});
