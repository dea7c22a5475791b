import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createPowerOfficeClient } from "../../../../worker/connectors/poweroffice/client";
import { TOKEN_RENEW_MARGIN_MS } from "../../../../worker/connectors/poweroffice/token";
import { apiRequests, setup } from "./harness";

describe("PowerOffice authentication", () => {
  it("sends client credentials to the token URL and the bearer token plus subscription key on every call", async () => {
    const seen: Request[] = [];
    const { client, sim, keys } = setup({
      wrap: (fetch) => (request) => {
        seen.push(request.clone());
        return fetch(request);
      },
    });
    sim.seed.customer({ Name: "Acme AS" });
    const list = await client.customers.changesPage();
    expect(list.ok).toBe(true);

    const [tokenCall, apiCall] = seen;
    expect(new URL(tokenCall!.url).pathname).toBe("/OAuth/Token");
    expect(tokenCall!.method).toBe("POST");
    expect(await tokenCall!.text()).toBe("grant_type=client_credentials");
    expect(tokenCall!.headers.get("Authorization")).toBe(`Basic ${btoa(`${keys.applicationKey}:${keys.clientKey}`)}`);
    expect(tokenCall!.headers.get("Ocp-Apim-Subscription-Key")).toBe(keys.subscriptionKey);
    expect(apiCall!.headers.get("Authorization")).toMatch(/^Bearer \S+$/);
    expect(apiCall!.headers.get("Ocp-Apim-Subscription-Key")).toBe(keys.subscriptionKey);
  });

  it("asks for one token for many calls, also across clients through KV, stored under a hash of the keys", async () => {
    const { client, sim, deps, keys } = setup();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    const results = await Promise.all(Array.from({ length: 12 }, () => client.customers.get(customer.Id as number)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(sim.tokensIssued()).toBe(1);

    const second = createPowerOfficeClient(deps);
    expect((await second.customers.get(customer.Id as number)).ok).toBe(true);
    expect(sim.tokensIssued()).toBe(1);

    const { keys: stored } = await env.CACHE.list({ prefix: "poweroffice:token:" });
    const names = stored.map((k) => k.name).join(" ");
    expect(names).toMatch(/poweroffice:token:[0-9a-f]{64}/);
    expect(names).not.toContain(keys.clientKey);
    expect(names).not.toContain(keys.applicationKey);
  });

  it("renews the token shortly before it expires, without waiting for a 401", async () => {
    const { client, sim, clock } = setup();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    expect((await client.customers.get(customer.Id as number)).ok).toBe(true);
    clock.advance(1200_000 - TOKEN_RENEW_MARGIN_MS + 1);
    expect((await client.customers.get(customer.Id as number)).ok).toBe(true);
    expect(sim.tokensIssued()).toBe(2);
    expect(sim.requests.filter((r) => r.status === 401)).toEqual([]);
  });

  it("retries once, transparently, with a fresh token when PowerOffice answers 401", async () => {
    const { client, sim } = setup();
    const customer = sim.seed.customer({ Name: "Acme AS" });
    expect((await client.customers.get(customer.Id as number)).ok).toBe(true);
    sim.expireTokens();
    const again = await client.customers.get(customer.Id as number);
    expect(again.ok).toBe(true);
    expect(sim.tokensIssued()).toBe(2);
    expect(apiRequests(sim).map((r) => r.status)).toEqual([200, 401, 200]);
  });

  it("does not loop when even a fresh token is refused", async () => {
    let apiCalls = 0;
    const { client, sim } = setup({
      wrap: (fetch) => async (request) => {
        if (/\/OAuth\/Token$/.test(new URL(request.url).pathname)) return fetch(request);
        apiCalls++;
        return new Response(null, { status: 401 });
      },
    });
    const result = await client.customers.get(1);
    expect(apiCalls).toBe(2);
    expect(sim.tokensIssued()).toBe(2);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("unauthorized");
      expect(result.error.message).toMatch(/Settings → Extensions/);
    }
  });

  it("says which key to check when the token endpoint refuses them", async () => {
    const { deps, sim } = setup();
    const wrong = createPowerOfficeClient({ ...deps, config: { ...deps.config, clientKey: "not-the-client-key" } });
    const result = await wrong.customers.get(1);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("auth-failed");
      expect(result.error.message).toMatch(/POWEROFFICE_CLIENT_KEY/);
      expect(result.error.message).not.toContain("not-the-client-key");
    }
    expect(sim.tokensIssued()).toBe(0);
  });
});
