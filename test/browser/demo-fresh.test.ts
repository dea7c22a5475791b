/**
 * `npm start -- --fresh`: the demo's pieces (startDemo with `fresh`) on free ports, checked through the widget API as
 * the widget reads it, without the widget's own views: PowerOffice not connected, the preview waiting for the
 * connection, the go-live checklist with the shop's API ready and PowerOffice to connect, the worker's callback on
 * the PowerOffice simulator's whitelist, and no write to either system however often the cron runs.
 */
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GoLiveResponseSchema } from "../../shared/api/go-live";
import { type RunningDemo, startDemo } from "../sandbox/start-demo";
import { freePortBase } from "../sandbox/test-support";
import { mintWidgetToken } from "../sandbox/widget-token";
import { SIM_DEFAULT_CLIENT } from "../sim/poweroffice/index";

let demo: RunningDemo | undefined;
const demoLog: string[] = [];

function running(): RunningDemo {
  if (!demo) throw new Error(`the demo did not start\n${demoLog.slice(-40).join("\n")}`);
  return demo;
}

/** A widget API read as the widget on the demo's admin page sends it. */
async function api<T = Record<string, unknown>>(path: string): Promise<T> {
  const d = running();
  const { token } = mintWidgetToken(d.vars.WIDGET_TOKEN_SECRET, { scope: "read", lifetimeSeconds: 60 });
  const response = await fetch(`${d.urls.worker}${path}`, {
    headers: { Authorization: `Bearer ${token}`, Origin: d.vars.ADMIN_ORIGINS },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}\n${demoLog.slice(-20).join("\n")}`);
  return JSON.parse(text) as T;
}

const writesTo = (requests: Array<{ method: string; path: string }>) =>
  requests.filter((r) => r.method !== "GET" && !/\/OAuth\/Token$/i.test(r.path));

beforeAll(async () => {
  demo = await startDemo({
    portBase: await freePortBase(),
    cronEveryMs: 0,
    stateDir: "test-results/wrangler/demo-fresh",
    fresh: true,
    log: (line) => demoLog.push(line),
  });
});

afterAll(async () => {
  await demo?.stop();
});

describe("the fresh demo (npm start -- --fresh)", () => {
  it("starts unconnected, with the preview waiting for the connection, and writes nothing however often the cron runs", async () => {
    const d = running();
    expect(d.vars).not.toHaveProperty("POWEROFFICE_CLIENT_KEY");
    expect(d.vars).toMatchObject({ FIRST_SYNC: "preview" });
    for (let i = 0; i < 2; i++) expect((await d.runSync()).ok).toBe(true);

    const connection = await api<{
      poweroffice: { state: string };
      canConnect: boolean;
      callbackUrl: string;
    }>("/api/connection");
    expect(connection.poweroffice.state).toBe("not-connected");
    expect(connection.canConnect).toBe(true);
    expect(connection.callbackUrl).toBe(d.urls.connectCallback);

    const preview = await api<{ state: string }>("/api/preview");
    expect(preview.state).toBe("waiting-for-connection");

    expect(writesTo(d.sim.requests)).toEqual([]);
    expect(writesTo(d.shop.requests)).toEqual([]);
    expect(d.sim.onboarding.finalized()).toBe(0);
  });

  it("shows the go-live checklist: PowerOffice to connect, the shop's API checked and ready", async () => {
    const answer = v.parse(GoLiveResponseSchema, await api("/api/go-live"));
    const byId = Object.fromEntries(answer.items.map((item) => [item.id, item]));
    expect(answer.live).toBe(false);
    expect(byId["poweroffice-connected"]).toMatchObject({
      ready: false,
      problem: { code: "poweroffice-not-connected" },
    });
    expect(byId["webshop-api"]).toMatchObject({ ready: true, problem: null });
    expect(byId["preview-reviewed"]).toMatchObject({
      ready: false,
      problem: { code: "preview-waiting-for-connection" },
    });
    expect(byId.syncing).toMatchObject({ ready: false, problem: { code: "syncing-not-started" } });
    expect(writesTo(running().shop.requests)).toEqual([]);
  });

  it("the PowerOffice simulator takes the worker's callback as a RedirectUri, for the demo client", async () => {
    const d = running();
    const response = await fetch(`${d.urls.powerofficeApi}/Onboarding/Initiate`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Ocp-Apim-Subscription-Key": d.vars.POWEROFFICE_SUBSCRIPTION_KEY,
      },
      body: JSON.stringify({
        ApplicationKey: d.vars.POWEROFFICE_APPLICATION_KEY,
        ClientOrganizationNo: SIM_DEFAULT_CLIENT.organizationNumber,
        RedirectUri: `${d.urls.connectCallback}?state=test`,
      }),
    });
    const body = (await response.json()) as { TemporaryUrl?: string };
    expect(response.status).toBe(200);
    expect(body.TemporaryUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});
