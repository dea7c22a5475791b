/**
 * Connecting PowerOffice from the widget, end to end inside workerd (real D1 and KV, the PowerOffice simulator's
 * onboarding): the callback's security (forged, replayed, expired, replaced by another admin's start, every failure
 * status, Finalize failing: nothing stored), the client key sealed at rest, the secret winning, disconnect.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { CONNECT_OUTCOME_PARAM, type ConnectionResponse } from "../../../../shared/api/connection";
import { mintWidgetToken } from "../../../../shared/api/mint-token";
import { API_PATHS, POWEROFFICE_CALLBACK_PATH } from "../../../../shared/api/paths";
import type { TokenScope } from "../../../../shared/api/token";
import { ONBOARDING_STATE_TTL_MS } from "../../../../worker/http/api/connection-routes";
import { saveConnection } from "../../../../worker/store/poweroffice-connection";
import { openClientKey, sealClientKey } from "../../../../worker/store/sealed-key";
import { SIM_DEFAULT_CLIENT } from "../../../sim/poweroffice";
import { TEST_VARS } from "../../../test-vars";
import { createWorld, type WorldOptions } from "../../jobs/harness";
import { linkRows } from "../../jobs/tables";

const WORKER = "https://worker.test";
const CALLBACK = `${WORKER}${POWEROFFICE_CALLBACK_PATH}`;
const RETURN_URL = "https://admin.shop.test/settings?tab=sync";
const ORG = SIM_DEFAULT_CLIENT.organizationNumber;

/** A world whose deployment has no POWEROFFICE_CLIENT_KEY: PowerOffice is connected from the widget. */
async function unconnectedWorld(options: WorldOptions & { secret?: boolean; whitelist?: boolean } = {}) {
  const world = await createWorld({
    ...options,
    poweroffice: { redirectWhitelist: options.whitelist === false ? [] : [CALLBACK], ...options.poweroffice },
    bindings: (base, now) => ({
      ...(options.secret ? {} : { POWEROFFICE_CLIENT_KEY: "" }),
      ...options.bindings?.(base, now),
    }),
  });
  const bodies: string[] = [];

  async function call(
    method: string,
    path: string,
    init: {
      scope?: TokenScope;
      sub?: string;
      body?: unknown;
      env?: Partial<Env>;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    if (path.startsWith("/api")) {
      const token = await mintWidgetToken(TEST_VARS.WIDGET_TOKEN_SECRET, {
        scope: init.scope ?? "write",
        sub: init.sub ?? "admin-anne",
        now: world.clock.now(),
      });
      headers.set("Authorization", `Bearer ${token}`);
    }
    if (init.body !== undefined) headers.set("Content-Type", "application/json");
    const request = new Request(path.startsWith("http") ? path : `${WORKER}${path}`, {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      redirect: "manual",
    });
    const ctx = createExecutionContext();
    const response = await world.worker.fetch(request, { ...world.env, ...init.env }, ctx);
    await waitOnExecutionContext(ctx);
    const text = await response.text();
    bodies.push(text, [...response.headers].join("\n"));
    return new Response(text, { status: response.status, headers: response.headers });
  }

  const connection = async (extra: Partial<Env> = {}) =>
    (await (await call("GET", API_PATHS.connection, { scope: "read", env: extra })).json()) as ConnectionResponse;

  /** Connect → PowerOffice's consent page answered with `decision` → the callback URL PowerOffice sends back to. */
  async function consent(decision: string, sub = "admin-anne", org = ORG): Promise<string> {
    const started = await call("POST", API_PATHS.connectStart, {
      sub,
      body: { organizationNumber: org, returnUrl: RETURN_URL },
    });
    expect(started.status).toBe(200);
    const { redirectUrl } = (await started.json()) as { redirectUrl: string };
    const answered = await world.poweroffice.fetch(
      new Request(redirectUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: `decision=${decision}`,
      }),
    );
    expect(answered.status).toBe(303);
    return answered.headers.get("location")!;
  }

  const outcomeOf = (response: Response) => {
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("https://admin.shop.test/settings");
    expect(location.searchParams.get("tab")).toBe("sync");
    return location.searchParams.get(CONNECT_OUTCOME_PARAM);
  };

  async function connect(sub = "admin-anne") {
    const back = await call("GET", await consent("Success", sub));
    expect(outcomeOf(back)).toBe("connected");
  }

  const connectionRows = async () =>
    (await env.DB.prepare("SELECT * FROM poweroffice_connection").all<Record<string, string | null>>()).results;
  const adminActivity = async () =>
    (
      await env.DB.prepare("SELECT action, message, actor FROM activity_log WHERE source = 'admin' ORDER BY id").all<{
        action: string;
        message: string;
        actor: string;
      }>()
    ).results;

  return { ...world, call, connection, consent, connect, outcomeOf, connectionRows, adminActivity, bodies };
}

describe("connecting PowerOffice from the widget", () => {
  it("connects: the client key is sealed in D1, never in an answer or KV, and the sync runs with it", async () => {
    const world = await unconnectedWorld();
    expect((await world.connection()).poweroffice).toMatchObject({ state: "not-connected", via: null });
    expect((await world.connection()).canConnect).toBe(true);
    const product = world.poweroffice.seed.product({ Code: "LAMPE-1", Name: "Lampe", UnitPrice: 100 });

    await world.connect();

    const view = await world.connection();
    expect(view.poweroffice).toMatchObject({
      state: "connected",
      via: "onboarding",
      clientName: SIM_DEFAULT_CLIENT.name,
      organizationNumber: ORG,
      environment: "production",
      connectedBy: "admin-anne",
      missingPrivileges: [],
      lastProblem: null,
    });
    expect(view.callbackUrl).toBe(CALLBACK);
    const [clientKey] = world.poweroffice.onboarding.clientKeys();
    expect(clientKey).toBeDefined();
    const [row] = await world.connectionRows();
    expect(JSON.stringify(row)).not.toContain(clientKey);
    expect(row!.client_key_sealed).toMatch(/^v1\./);
    const activity = await world.adminActivity();
    expect(activity).toEqual([
      {
        action: "poweroffice-connected",
        message: expect.stringContaining(`${SIM_DEFAULT_CLIENT.name} (${ORG})`),
        actor: JSON.stringify({ sub: "admin-anne" }),
      },
    ]);

    await world.cycle();
    await world.cycle();
    expect(world.shop.list("products").some((p) => p.sku === product.Code)).toBe(true);
    for (const text of world.bodies) expect(text).not.toContain(clientKey);
    for (const line of world.logs) expect(line).not.toContain(clientKey);
    const kv = await env.CACHE.list();
    for (const key of kv.keys) {
      expect(key.name).not.toContain(clientKey);
      expect(await env.CACHE.get(key.name)).not.toContain(clientKey);
    }
  });

  it("a wrong CREDENTIALS_KEY cannot open the stored key: the sealed value opens only with the key it was sealed with", async () => {
    const world = await unconnectedWorld();
    await world.connect();
    const [row] = await world.connectionRows();
    const [clientKey] = world.poweroffice.onboarding.clientKeys();
    const right = Uint8Array.from(atob(TEST_VARS.CREDENTIALS_KEY), (ch) => ch.charCodeAt(0));
    const wrong = crypto.getRandomValues(new Uint8Array(32));
    const id = row!.connection_id!;
    expect(await openClientKey(row!.client_key_sealed!, right, id)).toBe(clientKey);
    expect(await openClientKey(row!.client_key_sealed!, wrong, id)).toBeNull();
    expect(await openClientKey(row!.client_key_sealed!, right, "another-connection")).toBeNull();

    // The worker with another CREDENTIALS_KEY mints no token with the stored key: the cron's PowerOffice reads fail.
    const otherKey = btoa(String.fromCharCode(...wrong));
    world.poweroffice.expireTokens();
    const tokensBefore = world.poweroffice.tokensIssued();
    world.clock.advance(61_000);
    const report = await world.worker
      .scheduled({ scheduledTime: world.clock.now(), cron: "* * * * *", noRetry() {} } as ScheduledController, {
        ...world.env,
        CREDENTIALS_KEY: otherKey,
      })
      .then(
        () => world.cronReports.at(-1)!,
        () => world.cronReports.at(-1)!,
      );
    expect(world.poweroffice.tokensIssued()).toBe(tokensBefore);
    expect(JSON.stringify(report)).toMatch(/not connected, or its stored client key cannot be opened|not connected/);
  });

  it("a forged state changes nothing and says so in words", async () => {
    const world = await unconnectedWorld();
    const response = await world.call("GET", `${CALLBACK}?state=forged-state&status=Success&token=abc`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("did not start this connection");
    const missing = await world.call("GET", `${CALLBACK}?status=Success&token=abc`);
    expect(missing.status).toBe(400);
    expect(await world.connectionRows()).toEqual([]);
    expect(await world.adminActivity()).toEqual([]);
    expect(world.poweroffice.onboarding.finalized()).toBe(0);
  });

  it("a replayed callback changes nothing: the state works once", async () => {
    const world = await unconnectedWorld();
    const callback = await world.consent("Success");
    expect(world.outcomeOf(await world.call("GET", callback))).toBe("connected");
    const [before] = await world.connectionRows();
    world.clock.advance(5_000);
    const replay = await world.call("GET", callback);
    expect(replay.status).toBe(409);
    expect(await replay.text()).toContain("used already");
    expect(await world.connectionRows()).toEqual([before]);
    expect(world.poweroffice.onboarding.finalized()).toBe(1);
    expect(await world.adminActivity()).toHaveLength(1);
  });

  it("an expired state (over 15 minutes) changes nothing and sends the admin back with expired", async () => {
    const world = await unconnectedWorld();
    const callback = await world.consent("Success");
    world.clock.advance(ONBOARDING_STATE_TTL_MS + 1_000);
    expect(world.outcomeOf(await world.call("GET", callback))).toBe("expired");
    expect(await world.connectionRows()).toEqual([]);
    expect(world.poweroffice.onboarding.finalized()).toBe(0);
    expect((await world.connection()).poweroffice.state).toBe("not-connected");
  });

  it("another admin's newer start replaces an older one: the older callback changes nothing; the newer binds its admin", async () => {
    const world = await unconnectedWorld();
    const anne = await world.consent("Success", "admin-anne");
    const bob = await world.consent("Success", "admin-bob");
    const stale = await world.call("GET", anne);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("replaced by a newer one");
    expect(await world.connectionRows()).toEqual([]);
    expect(world.poweroffice.onboarding.finalized()).toBe(0);
    expect(world.outcomeOf(await world.call("GET", bob))).toBe("connected");
    expect((await world.connection()).poweroffice.connectedBy).toBe("admin-bob");
  });

  it.each([
    ["Canceled", "canceled", /cancelled/],
    ["ClientNotFound", "client-not-found", /no client with that organisation number/],
    ["NoClientAccess", "no-client-access", /no access to that client/],
    ["IntegrationBlocked", "integration-blocked", /blocked this integration/],
  ])("status %s ends in %s, stores nothing, and says what to do", async (decision, outcome, words) => {
    const world = await unconnectedWorld();
    expect(world.outcomeOf(await world.call("GET", await world.consent(decision)))).toBe(outcome);
    expect(await world.connectionRows()).toEqual([]);
    expect(world.poweroffice.onboarding.finalized()).toBe(0);
    const view = await world.connection();
    expect(view.poweroffice.state).toBe("not-connected");
    expect(view.poweroffice.lastProblem).toEqual({ code: outcome, message: expect.stringMatching(words) });
    expect(view.poweroffice.lastProblem!.message).toMatch(/again/);
  });

  it("Finalize failing (the token already spent) ends in failed and stores nothing", async () => {
    const world = await unconnectedWorld();
    const callback = await world.consent("Success");
    const token = new URL(callback).searchParams.get("token")!;
    // Someone spent the one-time token first: PowerOffice answers the worker's Finalize with 400.
    await world.poweroffice.fetch(
      new Request("https://poweroffice.sim/v2/Onboarding/Finalize", {
        method: "POST",
        headers: {
          "Ocp-Apim-Subscription-Key": world.env.POWEROFFICE_SUBSCRIPTION_KEY,
          "Content-Type": "application/json",
        },
        body: JSON.stringify({ OnboardingToken: token }),
      }),
    );
    expect(world.outcomeOf(await world.call("GET", callback))).toBe("failed");
    expect(await world.connectionRows()).toEqual([]);
    expect((await world.connection()).poweroffice.lastProblem).toEqual({
      code: "finalize-failed",
      message: expect.stringMatching(/did not complete the connection.*Connect again/),
    });
  });

  it("a callback URL PowerOffice has not whitelisted: the widget is told what to do, nothing is stored", async () => {
    const world = await unconnectedWorld({ whitelist: false });
    const response = await world.call("POST", API_PATHS.connectStart, {
      body: { organizationNumber: ORG, returnUrl: RETURN_URL },
    });
    expect(response.status).toBe(502);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("callback_not_whitelisted");
    expect(error.message).toContain(CALLBACK);
    expect(error.message).toMatch(/whitelist.*POWEROFFICE_CLIENT_KEY/);
    const open = await env.DB.prepare("SELECT COUNT(*) AS n FROM poweroffice_onboarding").first<{ n: number }>();
    expect(open!.n).toBe(0);
  });

  it("the start names a wrong field, and needs a write token", async () => {
    const world = await unconnectedWorld();
    const badOrg = await world.call("POST", API_PATHS.connectStart, {
      body: { organizationNumber: "12 34", returnUrl: RETURN_URL },
    });
    expect(badOrg.status).toBe(400);
    expect(await badOrg.json()).toEqual({
      error: { code: "validation_failed", message: expect.stringContaining("organizationNumber") },
    });
    const foreign = await world.call("POST", API_PATHS.connectStart, {
      body: { organizationNumber: ORG, returnUrl: "https://evil.example/steal" },
    });
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: { message: string } }).error.message).toContain("returnUrl");
    const read = await world.call("POST", API_PATHS.connectStart, {
      scope: "read",
      body: { organizationNumber: ORG, returnUrl: RETURN_URL },
    });
    expect(read.status).toBe(403);
  });

  it("missing privileges are named with what to do, and checked again until granted", async () => {
    const world = await unconnectedWorld();
    world.poweroffice.onboarding.setInvalidPrivileges(["Products_Full", "SalesOrders_Full"]);
    await world.connect();
    const missing = (await world.connection()).poweroffice.missingPrivileges!;
    expect(missing.map((m) => [m.privilege, m.area])).toEqual([
      ["Products_Full", "products"],
      ["SalesOrders_Full", "sales-orders"],
    ]);
    expect(missing[0]!.whatToDo).toMatch(/grant the integration Products_Full.*products/);
    world.poweroffice.onboarding.setInvalidPrivileges([]);
    expect((await world.connection()).poweroffice.missingPrivileges).toEqual([]);
  });
});

describe("the POWEROFFICE_CLIENT_KEY secret", () => {
  it("wins: connecting from the widget is refused in words, and the sync uses the secret over a stored key", async () => {
    const world = await unconnectedWorld({ secret: true });
    // A connection stored earlier whose key PowerOffice no longer accepts: with the secret set, it is not used.
    const connectionId = crypto.randomUUID();
    const credentials = Uint8Array.from(atob(TEST_VARS.CREDENTIALS_KEY), (ch) => ch.charCodeAt(0));
    await saveConnection(
      env.DB,
      {
        connection_id: connectionId,
        client_key_sealed: await sealClientKey("a-key-powerOffice-refuses", credentials, connectionId),
        client_name: "Gammel AS",
        organization_number: "987654321",
        environment: "production",
        connected_at: new Date(world.clock.now()).toISOString(),
        connected_by: "admin-anne",
        missing_privileges: "[]",
      },
      "no-state",
      "Connected earlier.",
    );
    const view = await world.connection();
    expect(view.poweroffice).toMatchObject({ state: "connected", via: "secret", clientName: SIM_DEFAULT_CLIENT.name });
    expect(view.canConnect).toBe(false);
    expect(view.whyNot).toMatch(/POWEROFFICE_CLIENT_KEY secret, which wins/);
    const start = await world.call("POST", API_PATHS.connectStart, {
      body: { organizationNumber: ORG, returnUrl: RETURN_URL },
    });
    expect(start.status).toBe(409);
    expect(((await start.json()) as { error: { code: string } }).error.code).toBe("cannot_connect");
    expect((await world.call("DELETE", API_PATHS.disconnect)).status).toBe(409);
    world.poweroffice.seed.product({ Code: "SECRET-1", Name: "Med hemmelig nøkkel", UnitPrice: 5 });
    await world.cycle();
    await world.cycle();
    expect(world.cronReports.at(-1)!.errors).toEqual([]);
    expect(world.shop.list("products").some((p) => p.sku === "SECRET-1")).toBe(true);
  });
});

describe("disconnecting", () => {
  it("stops the sync (cron, webhooks, admin pushes), keeps links and history, and reconnecting resumes", async () => {
    const world = await unconnectedWorld();
    const product = world.poweroffice.seed.product({ Code: "STOL-1", Name: "Stol", UnitPrice: 300 });
    await world.connect();
    await world.cycle();
    await world.cycle();
    const links = await linkRows();
    expect(links.length).toBeGreaterThan(0);

    const after = (await (await world.call("DELETE", API_PATHS.disconnect)).json()) as ConnectionResponse;
    expect(after.poweroffice.state).toBe("not-connected");
    expect(await world.connectionRows()).toEqual([]);
    expect((await world.adminActivity()).map((a) => a.action)).toEqual([
      "poweroffice-connected",
      "poweroffice-disconnected",
    ]);

    world.poweroffice.edit("products", product.Id, { Name: "Stol (ny)" });
    const shopProduct = world.shop.list("products").find((p) => p.sku === "STOL-1")!;
    world.shop.edit("products", shopProduct.id, { price: "350.00" });
    const poRequests = world.poweroffice.requests.length;
    const report = await world.cycle();
    expect(report.syncOff).toMatch(/PowerOffice is not connected/);
    expect(world.poweroffice.requests.length).toBe(poRequests);
    expect(world.shop.get("products", shopProduct.id)!.name).toBe("Stol");
    expect(world.poweroffice.get("products", product.Id)!.UnitPrice).toBe(300);
    const push = await world.call("POST", API_PATHS.push, {
      body: { resource: "products", id: shopProduct.id },
      headers: { "Idempotency-Key": "push-while-disconnected" },
    });
    expect(push.status).toBe(409);
    expect((await linkRows()).length).toBe(links.length);
    expect((await world.call("GET", API_PATHS.status, { scope: "read" })).status).toBe(200);

    await world.connect();
    await world.cycle();
    await world.cycle();
    expect(world.shop.get("products", shopProduct.id)!.name).toBe("Stol (ny)");
    expect(world.poweroffice.get("products", product.Id)!.UnitPrice).toBe(350);
    expect((await linkRows()).length).toBe(links.length);
  });
});
