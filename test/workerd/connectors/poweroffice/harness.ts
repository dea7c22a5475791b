/** Builds a PowerOffice simulator and a connector client wired to it, with a fake clock unless told otherwise. */
import { env } from "cloudflare:workers";
import { createPowerOfficeClient } from "../../../../worker/connectors/poweroffice/client";
import { createRateLimiter } from "../../../../worker/connectors/poweroffice/rate-limiter";
import type { PowerOfficeDeps } from "../../../../worker/connectors/poweroffice/runtime";
import { createPowerOfficeSim } from "../../../sim/poweroffice";
import { fakeClock } from "../../fake-clock";
import { simFetch } from "../../sim-fetch";

type SimOptions = NonNullable<Parameters<typeof createPowerOfficeSim>[0]>;

export const SIM_HOST = "poweroffice.sim";

let counter = 0;

/**
 * Keys unique to each call, so that neither the KV token cache (real local KV) nor the isolate-wide rate limiter
 * carries anything from one test to the next.
 */
export function uniqueKeys() {
  counter += 1;
  const tag = `${Date.now().toString(36)}-${counter}`;
  return {
    applicationKey: `app-${tag}`,
    clientKey: `client-${tag}`,
    subscriptionKey: `sub-${tag}`,
  };
}

export interface SetupOptions {
  sim?: SimOptions;
  /** Real time (real sleeps, the shared limiter) instead of the fake clock. */
  realTime?: boolean;
  /** Wraps the simulator's fetch, e.g. to corrupt or observe answers. */
  wrap?: (fetch: (request: Request) => Promise<Response>) => (request: Request) => Promise<Response>;
  deps?: Partial<PowerOfficeDeps>;
}

export function setup(options: SetupOptions = {}) {
  const clock = fakeClock();
  const keys = uniqueKeys();
  const sim = createPowerOfficeSim({
    ...keys,
    ...(options.realTime ? {} : { now: clock.now }),
    ...options.sim,
  });
  const routed = simFetch({ [SIM_HOST]: sim });
  const base = (request: Request) => routed(request);
  const fetch = options.wrap ? options.wrap(base) : base;
  const config = {
    baseUrl: env.POWEROFFICE_BASE_URL ?? `https://${SIM_HOST}/v2`,
    tokenUrl: env.POWEROFFICE_TOKEN_URL ?? `https://${SIM_HOST}/OAuth/Token`,
    ...keys,
  };
  const deps: PowerOfficeDeps = options.realTime
    ? { config, fetch, cache: env.CACHE, ...options.deps }
    : {
        config,
        fetch,
        cache: env.CACHE,
        now: clock.now,
        sleep: clock.sleep,
        random: () => 0.5,
        limiter: createRateLimiter(),
        ...options.deps,
      };
  const client = createPowerOfficeClient(deps);
  return { sim, client, clock, keys, config, fetch, deps };
}

/** The simulator's request log for API calls only (no token calls). */
export function apiRequests(sim: { requests: Array<{ method: string; path: string; status: number }> }) {
  return sim.requests.filter((r) => !/\/OAuth\/Token$/i.test(r.path));
}
