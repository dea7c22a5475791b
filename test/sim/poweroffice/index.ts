/**
 * PowerOffice GO v2 API simulator: a Hono app (Web APIs only, so it also runs inside workerd) that behaves like
 * the real API for what a sync connector uses, quirks included. See docs/simulators.md.
 */
import { FaultBook, type RequestRecord, withFaults } from "../faults";
import { createAdmin } from "./admin";
import { SimState } from "./domain/state";
import { createApp } from "./http/app";
import { type FaultRule, faultPathKey, faultResponse } from "./http/faults";
import { RateLimiter } from "./http/gateway";
import { TokenStore } from "./http/oauth";
import { OnboardingBook } from "./http/onboarding";
import type { PowerOfficeSim, PowerOfficeSimOptions } from "./types";

export type * from "./types";

export const SIM_DEFAULT_KEYS = {
  applicationKey: "test-application-key",
  clientKey: "test-client-key",
  subscriptionKey: "test-subscription-key",
};

/** The simulator's one client, as onboarding and ClientIntegrationInformation name it. */
export const SIM_DEFAULT_CLIENT = {
  name: "Nordlys Møbelgrossist AS",
  organizationNumber: "912345678",
  userEmail: "regnskap@nordlys-mobel.example",
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
  const faults = new FaultBook<FaultRule>(faultPathKey);
  const onboarding = new OnboardingBook({ ...SIM_DEFAULT_CLIENT, ...options.client }, keys.applicationKey, now);
  for (const uri of options.redirectWhitelist ?? []) onboarding.whitelist.add(OnboardingBook.whitelistKey(uri));
  const app = createApp({
    state,
    tokens,
    limiter,
    keys,
    sendRetryAfter: options.sendRetryAfter ?? false,
    onboarding,
  });
  const requests: RequestRecord[] = [];

  const fetch = withFaults(app.fetch, faults, requests, faultResponse);

  return {
    fetch,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    requests,
    tokensIssued: () => tokens.count,
    expireTokens: () => tokens.expireAll(),
    onboarding: {
      whitelist: (uri) => onboarding.whitelist.add(OnboardingBook.whitelistKey(uri)),
      setInvalidPrivileges: (names) => {
        onboarding.invalidPrivileges.clear();
        for (const name of names) onboarding.invalidPrivileges.add(name);
      },
      clientKeys: () => [...onboarding.clientKeys],
      revokeClientKey: (key) => onboarding.clientKeys.delete(key),
      finalized: () => onboarding.finalized,
    },
    ...createAdmin(state, keys.applicationKey),
  };
}
