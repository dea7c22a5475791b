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
import { eventually, freePortBase } from "../sandbox/test-support";
import { mintWidgetToken } from "../sandbox/widget-token";
import { SIM_DEFAULT_CLIENT } from "../sim/poweroffice/index";

let demo: RunningDemo | undefined;
const demoLog: string[] = [];

function running(): RunningDemo {
  if (!demo) throw new Error(`the demo did not start\n${demoLog.slice(-40).join("\n")}`);
  return demo;
}

/** A widget API request as the widget on the demo's admin page sends it (a read unless a body or method says). */
async function api<T = Record<string, unknown>>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const d = running();
  const method = init.method ?? (init.body === undefined ? "GET" : "POST");
  const scope = method === "GET" ? "read" : "write";
  const { token } = mintWidgetToken(d.vars.WIDGET_TOKEN_SECRET, { scope, lifetimeSeconds: 60 });
  const response = await fetch(`${d.urls.worker}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      Origin: d.vars.ADMIN_ORIGINS,
      ...(init.body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text}\n${demoLog.slice(-20).join("\n")}`);
  return JSON.parse(text) as T;
}

/** Requests that change records (a token request and the onboarding's consent change none). */
const writesTo = (requests: Array<{ method: string; path: string }>) =>
  requests.filter((r) => r.method !== "GET" && !/\/OAuth\/Token$|\/Onboarding\//i.test(r.path));

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

  it("walks through connect → preview → start against the simulators, as the widget's buttons do", async () => {
    const d = running();
    // Connect PowerOffice: the widget's start, PowerOffice's consent page (Approve), the redirect to the callback.
    const { redirectUrl } = await api<{ redirectUrl: string }>("/api/connection/poweroffice/start", {
      body: { organizationNumber: SIM_DEFAULT_CLIENT.organizationNumber, returnUrl: d.urls.dashboard },
    });
    const consent = await fetch(redirectUrl, {
      method: "POST",
      body: new URLSearchParams({ decision: "Success" }),
      redirect: "manual",
    });
    expect(consent.status).toBe(303);
    const callback = consent.headers.get("location")!;
    expect(callback.startsWith(d.urls.connectCallback)).toBe(true);
    const back = await fetch(callback, { redirect: "manual" });
    expect(back.status).toBe(303);
    expect(back.headers.get("location")).toBe(`${d.urls.dashboard}?poweroffice=connected`);
    const connection = await api<{ poweroffice: { state: string; clientName: string } }>("/api/connection");
    expect(connection.poweroffice).toMatchObject({ state: "connected", clientName: SIM_DEFAULT_CLIENT.name });

    // The preview: the cron reads both systems; one of everything to show, and still no write anywhere.
    type Preview = { state: string; dataflows: Array<{ dataflow: string; counts: Record<string, number> }> };
    const ready = await eventually(
      "the preview to be ready",
      async () => {
        const preview = await api<Preview>("/api/preview");
        return preview.state === "ready" ? preview : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, between: async () => void (await d.runSync()) },
    );
    const total = (key: string) => ready.dataflows.reduce((n, flow) => n + (flow.counts[key] ?? 0), 0);
    for (const key of ["link", "createInPowerOffice", "createInWebshop", "ambiguous", "skip"]) {
      expect(total(key), key).toBeGreaterThan(0);
    }
    expect(writesTo(d.sim.requests)).toEqual([]);
    expect(writesTo(d.shop.requests)).toEqual([]);

    // Reviewed and started: the first sync writes, and the checklist shows it syncing.
    await api("/api/preview/reviewed", { body: {} });
    const started = await api<{ state: string }>("/api/preview/start", { body: {} });
    expect(started.state).toBe("started");
    await eventually(
      "the first sync's writes",
      async () => (writesTo(d.sim.requests).length > 0 && writesTo(d.shop.requests).length > 0 ? true : undefined),
      { timeoutMs: 60_000, intervalMs: 500, between: async () => void (await d.runSync()) },
    );
    const goLive = v.parse(GoLiveResponseSchema, await api("/api/go-live"));
    const byId = Object.fromEntries(goLive.items.map((item) => [item.id, item]));
    expect(byId["poweroffice-connected"]?.ready).toBe(true);
    expect(byId["preview-reviewed"]?.ready).toBe(true);
    expect(byId.syncing?.ready).toBe(true);
  });
});
