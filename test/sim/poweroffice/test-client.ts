/** A tiny client for the simulator's own tests: gets a token, then calls the API as the connector would. */
import { TEST_VARS } from "../../test-vars";
import { createPowerOfficeSim, type PowerOfficeSim, type PowerOfficeSimOptions } from "./index";

export const BASE = TEST_VARS.POWEROFFICE_BASE_URL;
export const TOKEN_URL = TEST_VARS.POWEROFFICE_TOKEN_URL;
export const SUBSCRIPTION = { "Ocp-Apim-Subscription-Key": TEST_VARS.POWEROFFICE_SUBSCRIPTION_KEY };

export function basicAuth(applicationKey: string, clientKey: string): string {
  return `Basic ${btoa(`${applicationKey}:${clientKey}`)}`;
}

export function tokenRequest(
  init: { auth?: string; headers?: Record<string, string>; body?: string; url?: string } = {},
) {
  return new Request(init.url ?? TOKEN_URL, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Authorization: init.auth ?? basicAuth(TEST_VARS.POWEROFFICE_APPLICATION_KEY, TEST_VARS.POWEROFFICE_CLIENT_KEY),
      ...(init.headers ?? SUBSCRIPTION),
    },
    body: init.body ?? "grant_type=client_credentials",
  });
}

export interface CallOptions {
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  base?: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body (undefined when empty). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read replies field by field, as untyped JSON.
  json: any;
}

export function apiClient(sim: PowerOfficeSim) {
  let token: string | undefined;
  async function getToken(): Promise<string> {
    if (!token) {
      const response = await sim.fetch(tokenRequest());
      token = ((await response.json()) as { access_token: string }).access_token;
    }
    return token;
  }
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...SUBSCRIPTION, Authorization: `Bearer ${await getToken()}` };
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["Content-Type"] =
        options.contentType ?? (method === "PATCH" ? "application/json-patch+json" : "application/json");
    }
    const response = await sim.fetch(
      new Request(`${options.base ?? BASE}${path}`, { method, headers: { ...headers, ...options.headers }, body }),
    );
    const text = await response.text();
    const isJson = /json/.test(response.headers.get("content-type") ?? "");
    return {
      status: response.status,
      headers: response.headers,
      text,
      json: text && isJson ? JSON.parse(text) : undefined,
    };
  }
  return {
    call,
    getToken,
    get: (path: string, options?: CallOptions) => call("GET", path, options),
    post: (path: string, body: unknown, options?: CallOptions) => call("POST", path, { ...options, body }),
    patch: (path: string, body: unknown, options?: CallOptions) => call("PATCH", path, { ...options, body }),
    delete: (path: string) => call("DELETE", path),
  };
}

/** A hand-driven clock for the `now` option. */
export function manualClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}

/** A simulator for tests that are not about throttling: the rate limit is off unless asked for. */
export function testSim(options: PowerOfficeSimOptions = {}) {
  const sim = createPowerOfficeSim({ rateLimitPerSecond: 0, ...options });
  return { sim, api: apiClient(sim) };
}
