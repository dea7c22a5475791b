import { describe, expect, it } from "vitest";
import { TEST_VARS } from "../../test-vars";
import { ONBOARDING_TOKEN_LIFETIME_MS } from "./http/onboarding";
import { createPowerOfficeSim, SIM_DEFAULT_CLIENT } from "./index";
import { BASE, basicAuth, manualClock, SUBSCRIPTION, tokenRequest } from "./test-client";

const APP = TEST_VARS.POWEROFFICE_APPLICATION_KEY;
const CALLBACK = "https://sync.example.no/connect/poweroffice/callback";

const post = (path: string, body: unknown, headers: Record<string, string> = SUBSCRIPTION) =>
  new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { ...headers, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

const initiate = (redirect = `${CALLBACK}?state=abc`, org = SIM_DEFAULT_CLIENT.organizationNumber) =>
  post("/Onboarding/Initiate", { ApplicationKey: APP, ClientOrganizationNo: org, RedirectUri: redirect });

async function consentTo(sim: ReturnType<typeof createPowerOfficeSim>, decision: string, redirect?: string) {
  const started = await sim.fetch(initiate(redirect));
  const { TemporaryUrl } = (await started.json()) as { TemporaryUrl: string };
  const answered = await sim.fetch(
    new Request(TemporaryUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: `decision=${decision}`,
    }),
  );
  expect(answered.status).toBe(303);
  return new URL(answered.headers.get("location")!);
}

describe("onboarding", () => {
  it("Initiate refuses a RedirectUri that is not whitelisted, a bad organisation number, and no subscription key", async () => {
    const sim = createPowerOfficeSim();
    const refused = await sim.fetch(initiate());
    expect(refused.status).toBe(400);
    const problem = (await refused.json()) as { title: string; detail: string; errors: Record<string, string[]> };
    expect(problem.title).toBe("RedirectUri not whitelisted");
    expect(problem.errors.RedirectUri).toBeDefined();
    sim.onboarding.whitelist(CALLBACK);
    const bad = await sim.fetch(initiate(CALLBACK, "12345"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: object }).errors).toHaveProperty("ClientOrganizationNo");
    expect((await sim.fetch(initiate(CALLBACK, SIM_DEFAULT_CLIENT.organizationNumber))).status).toBe(200);
    expect((await sim.fetch(post("/Onboarding/Initiate", {}, {}))).status).toBe(401);
  });

  it("accepts localhost callbacks without whitelisting and shows a consent page naming the client", async () => {
    const sim = createPowerOfficeSim();
    const started = await sim.fetch(initiate("http://127.0.0.1:8787/connect/poweroffice/callback?state=x"));
    expect(started.status).toBe(200);
    const { TemporaryUrl, ValidUntilDateTimeOffset } = (await started.json()) as Record<string, string>;
    expect(Date.parse(ValidUntilDateTimeOffset!)).toBeGreaterThan(Date.now());
    const page = await sim.fetch(new Request(TemporaryUrl!));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(SIM_DEFAULT_CLIENT.name);
    expect(html).toContain(">Approve</button>");
    expect(html).toContain(">Cancel</button>");
    expect(html).toContain("IntegrationBlocked");
  });

  it("approve → redirect with status, token and the state kept → Finalize once → the client key gets a token", async () => {
    const sim = createPowerOfficeSim();
    sim.onboarding.whitelist(CALLBACK);
    const back = await consentTo(sim, "Success");
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get("state")).toBe("abc");
    expect(back.searchParams.get("status")).toBe("Success");
    const token = back.searchParams.get("token")!;
    const finalized = await sim.fetch(post("/Onboarding/Finalize", { OnboardingToken: token }));
    expect(finalized.status).toBe(200);
    const body = (await finalized.json()) as {
      OnboardedClientsInformation: { ClientKey: string; ClientName: string; ClientOrganizationNumber: string }[];
      UserEmail: string;
    };
    const [client] = body.OnboardedClientsInformation;
    expect(client).toMatchObject({
      ClientName: SIM_DEFAULT_CLIENT.name,
      ClientOrganizationNumber: SIM_DEFAULT_CLIENT.organizationNumber,
    });
    expect(body.UserEmail).toBe(SIM_DEFAULT_CLIENT.userEmail);
    expect((await sim.fetch(post("/Onboarding/Finalize", { OnboardingToken: token }))).status).toBe(400);
    const minted = await sim.fetch(tokenRequest({ auth: basicAuth(APP, client!.ClientKey) }));
    expect(minted.status).toBe(200);
    const { access_token } = (await minted.json()) as { access_token: string };
    const info = await sim.fetch(
      new Request(`${BASE}/ClientIntegrationInformation`, {
        headers: { ...SUBSCRIPTION, Authorization: `Bearer ${access_token}` },
      }),
    );
    expect(await info.json()).toMatchObject({ InvalidPrivileges: [], ClientName: SIM_DEFAULT_CLIENT.name });
    sim.onboarding.setInvalidPrivileges(["Products_Full"]);
    const less = await sim.fetch(
      new Request(`${BASE}/ClientIntegrationInformation`, {
        headers: { ...SUBSCRIPTION, Authorization: `Bearer ${access_token}` },
      }),
    );
    expect(((await less.json()) as { InvalidPrivileges: string[] }).InvalidPrivileges).toEqual(["Products_Full"]);
    sim.onboarding.revokeClientKey(client!.ClientKey);
    expect((await sim.fetch(tokenRequest({ auth: basicAuth(APP, client!.ClientKey) }))).status).toBe(400);
  });

  it.each(["Canceled", "ClientNotFound", "NoClientAccess", "IntegrationBlocked"])(
    "%s comes back as the status with no usable token",
    async (decision) => {
      const sim = createPowerOfficeSim();
      sim.onboarding.whitelist(CALLBACK);
      const back = await consentTo(sim, decision);
      expect(back.searchParams.get("status")).toBe(decision);
      expect(back.searchParams.get("token")).toBe("");
    },
  );

  it("an onboarding token expires", async () => {
    const clock = manualClock();
    const sim = createPowerOfficeSim({ now: clock.now });
    sim.onboarding.whitelist(CALLBACK);
    const back = await consentTo(sim, "Success");
    clock.advance(ONBOARDING_TOKEN_LIFETIME_MS + 1);
    const late = await sim.fetch(post("/Onboarding/Finalize", { OnboardingToken: back.searchParams.get("token") }));
    expect(late.status).toBe(400);
    expect(sim.onboarding.finalized()).toBe(0);
  });
});
