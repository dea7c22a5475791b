/**
 * PowerOffice GO v2 API simulator: a Hono app (Web APIs only, so it also runs inside workerd) that behaves like
 * the real API for what a sync connector uses, quirks included. See docs/simulators.md.
 */
import { createAdmin } from "./admin";
import { SimState } from "./domain/state";
import { createApp } from "./http/app";
import { FaultBook, faultResponse } from "./http/faults";
import { RateLimiter } from "./http/gateway";
import { TokenStore } from "./http/oauth";
import type { PowerOfficeSim, PowerOfficeSimOptions, RequestRecord } from "./types";

export type * from "./types";

export const SIM_DEFAULT_KEYS = {
  applicationKey: "test-application-key",
  clientKey: "test-client-key",
  subscriptionKey: "test-subscription-key",
};

export function createPowerOfficeSim(options: PowerOfficeSimOptions = {}): PowerOfficeSim {
  const now = options.now ?? Date.now;
  const keys = {
    applicationKey: options.applicationKey ?? SIM_DEFAULT_KEYS.applicationKey,
    clientKey: options.clientKey ?? SIM_DEFAULT_KEYS.clientKey,
    subscriptionKey: options.subscriptionKey ?? SIM_DEFAULT_KEYS.subscriptionKey,
  };
  const state = new SimState({
    now,
    replicaLagMs: options.replicaLagMs ?? 0,
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    datesAsDateTime: options.datesAsDateTime ?? false,
    lineEditsBumpOrder: options.lineEditsBumpOrder ?? false,
  });
  const tokens = new TokenStore(options.tokenLifetimeSeconds ?? 1200, now);
  const limiter = new RateLimiter(options.rateLimitPerSecond ?? 10, now);
  const faults = new FaultBook();
  const app = createApp({ state, tokens, limiter, keys, sendRetryAfter: options.sendRetryAfter ?? false });
  const requests: RequestRecord[] = [];

  async function fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const record: RequestRecord = {
      method: request.method,
      path: url.pathname,
      query: url.search.replace(/^\?/, ""),
      status: 0,
      dropped: false,
    };
    requests.push(record);
    const fault = faults.take(request.method, url.pathname);
    if (fault?.kind === "latency") await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (fault?.kind === "drop-before-commit") {
      record.dropped = true;
      throw new TypeError("Network connection lost.");
    }
    if (fault?.kind === "status") {
      const response = faultResponse(fault, url.pathname);
      record.status = response.status;
      return response;
    }
    const response = await app.fetch(request);
    record.status = response.status;
    if (fault?.kind === "drop-after-commit") {
      // The change is committed; only the answer is lost, as when a connection breaks mid-response.
      record.dropped = true;
      throw new TypeError("Network connection lost.");
    }
    return response;
  }

  return {
    fetch,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    requests,
    tokensIssued: () => tokens.count,
    expireTokens: () => tokens.expireAll(),
    ...createAdmin(state, keys.applicationKey),
  };
}
