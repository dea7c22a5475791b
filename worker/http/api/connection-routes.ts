/**
 * PowerOffice's connection from the widget (docs/widget.md, "Connecting PowerOffice"): GET /api/connection, POST
 * /api/connection/poweroffice/start (PowerOffice's Onboarding/Initiate with the worker's callback and a one-time
 * state) and DELETE /api/connection/poweroffice. The callback itself is worker/http/poweroffice-callback.ts.
 */
import { Hono } from "hono";
import * as v from "valibot";
import {
  type ConnectionResponse,
  ConnectStartRequestSchema,
  type ConnectStartResponse,
} from "../../../shared/api/connection";
import { POWEROFFICE_CALLBACK_PATH } from "../../../shared/api/paths";
import {
  deleteConnection,
  insertOnboarding,
  LAST_PROBLEM_SETTING,
  readSetting,
} from "../../store/poweroffice-connection";
import type { Deps } from "../../wiring/build-deps";
import type { Config } from "../../wiring/config";
import {
  connectionTokenCacheKey,
  forgetConnectionRow,
  readPowerOfficeConnection,
} from "../../wiring/poweroffice-connection";
import { checkPrivileges } from "../../wiring/poweroffice-privileges";
import { fail } from "./api-failure";
import { actorOf } from "./audit";
import type { ApiEnv } from "./context";
import { jsonBody } from "./validate";

/** How long a started connection may take to come back (the state's lifetime). */
export const ONBOARDING_STATE_TTL_MS = 15 * 60_000;

/** The worker's own callback URL, from the address the widget reached it at. */
export const callbackUrlOf = (requestUrl: string) => `${new URL(requestUrl).origin}${POWEROFFICE_CALLBACK_PATH}`;

/** Why connecting from the widget is not possible here, as a sentence; null when it is. */
export function whyNotConnect(config: Config): string | null {
  if (config.poweroffice.clientKey !== null) {
    return "PowerOffice is connected through the POWEROFFICE_CLIENT_KEY secret, which wins over connecting here: delete that secret (wrangler secret delete POWEROFFICE_CLIENT_KEY) to connect from the widget instead.";
  }
  if (config.credentialsKey === null) {
    return "Connecting from here needs the CREDENTIALS_KEY secret (base64 of 32 random bytes: openssl rand -base64 32), which seals the client key in the database: set it and deploy again, or set POWEROFFICE_CLIENT_KEY instead.";
  }
  return null;
}

export async function connectionResponse(deps: Deps, config: Config, requestUrl: string): Promise<ConnectionResponse> {
  let connection = await readPowerOfficeConnection(deps);
  const missing = connection.missingPrivileges;
  // Checked again on each look while something is missing (or was never read), so a fixed privilege shows at once.
  if (connection.state === "connected" && (missing === null || missing.length > 0)) {
    if (await checkPrivileges(deps, connection.connectionId)) connection = await readPowerOfficeConnection(deps);
  }
  const problem = await readSetting(deps.db, LAST_PROBLEM_SETTING);
  const whyNot = whyNotConnect(config);
  const { connectionId: _, ...view } = connection;
  return {
    poweroffice: { ...view, lastProblem: problem ? (JSON.parse(problem) as { code: string; message: string }) : null },
    canConnect: whyNot === null,
    whyNot,
    callbackUrl: callbackUrlOf(requestUrl),
  };
}

const toHex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

export async function stateHash(state: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(state)));
}

function newState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

function parseStart(body: unknown, adminOrigins: string[]) {
  const parsed = v.safeParse(ConnectStartRequestSchema, body);
  if (!parsed.success) {
    const problems = parsed.issues.map((issue) => issue.message);
    return fail("validation_failed", `The connection could not start: ${problems.join("; ")}.`);
  }
  const origin = new URL(parsed.output.returnUrl).origin;
  if (!adminOrigins.includes(origin)) {
    return fail(
      "validation_failed",
      `The connection could not start: returnUrl must be a page of the shop admin, on one of ADMIN_ORIGINS (${adminOrigins.join(", ") || "none set"}), not ${origin}.`,
    );
  }
  return parsed.output;
}

export const connectionRoutes = new Hono<ApiEnv>()
  .get("/connection", async (c) => c.json(await connectionResponse(c.var.deps(), c.var.config, c.req.url)))
  .post("/connection/poweroffice/start", async (c) => {
    const config = c.var.config;
    const input = parseStart(await jsonBody(c.req.raw), config.adminOrigins);
    const whyNot = whyNotConnect(config);
    if (whyNot) fail("cannot_connect", whyNot);
    const deps = c.var.deps();
    if (!deps.sync.ok) return fail("not_configured", "The sync worker is not fully configured yet.");
    const state = newState();
    const callbackUrl = callbackUrlOf(c.req.url);
    const environment = /\/demo(\/|$)/i.test(new URL(config.poweroffice.baseUrl).pathname) ? "demo" : "production";
    const started = await deps.sync.poweroffice.onboarding.initiate(
      input.organizationNumber,
      `${callbackUrl}?state=${state}`,
    );
    if (!started.ok) {
      const { kind, message } = started.error;
      if (kind === "callback-refused") {
        fail(
          "callback_not_whitelisted",
          `PowerOffice refused this worker's callback URL ${callbackUrl} for its ${environment} environment (${message}). Ask PowerOffice's API team (go-api@poweroffice.no) to whitelist that URL for ${environment}, and meanwhile set the POWEROFFICE_CLIENT_KEY secret (docs/deploy.md, "Connecting PowerOffice").`,
        );
      }
      if (kind === "refused") {
        fail(
          "poweroffice_refused",
          `PowerOffice refused to start the connection: ${message}. Check the organisation number and try again.`,
        );
      }
      fail("poweroffice_unavailable", `PowerOffice could not start the connection now: ${message} Try again shortly.`);
    }
    const now = deps.now();
    await insertOnboarding(
      deps.db,
      {
        state_hash: await stateHash(state),
        started_by: actorOf(c).sub,
        organization_number: input.organizationNumber,
        return_url: input.returnUrl,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + ONBOARDING_STATE_TTL_MS).toISOString(),
        used_at: null,
        outcome: null,
      },
      now,
    );
    const answer: ConnectStartResponse = { redirectUrl: started.ok ? started.value.TemporaryUrl : "" };
    return c.json(answer);
  })
  .delete("/connection/poweroffice", async (c) => {
    const config = c.var.config;
    if (config.poweroffice.clientKey !== null) {
      fail(
        "cannot_connect",
        "PowerOffice is connected through the POWEROFFICE_CLIENT_KEY secret: delete that secret (wrangler secret delete POWEROFFICE_CLIENT_KEY) to disconnect.",
      );
    }
    const deps = c.var.deps();
    const connection = await readPowerOfficeConnection(deps);
    if (connection.connectionId !== null) {
      const who = `${connection.clientName ?? "the client"} (${connection.organizationNumber})`;
      await deleteConnection(
        deps.db,
        new Date(deps.now()).toISOString(),
        `Disconnected PowerOffice ${who}: nothing is synced until PowerOffice is connected again; links and history are kept.`,
        actorOf(c).sub,
      );
      forgetConnectionRow(deps.db);
      // No access token of the old connection may be used again, in this isolate or another.
      await deps.cache.delete(await connectionTokenCacheKey(config, connection.connectionId)).catch(() => undefined);
    }
    return c.json(await connectionResponse(deps, config, c.req.url));
  });
