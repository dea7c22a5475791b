/**
 * The reference webshop: the webshop kit's handler (webshop-kit/, the one implementation of the Custom Webshop
 * contract, docs/webshop-api.md) on its memory adapter with sequential ids, plus what only a test shop has: fault
 * injection, quirks that break one rule each, seeds, admin edits, and signed webhooks with faults.
 * Web APIs only, so it also runs inside workerd. See docs/simulators.md, "Reference webshop".
 */

import { memoryAdapter } from "../../../webshop-kit/src/adapters/memory/index";
import { createWebshopApi } from "../../../webshop-kit/src/api/create-api";
import { describeFailure, type Failure } from "../../../webshop-kit/src/core/failure";
import { deleteRecord, patchRecord } from "../../../webshop-kit/src/domain/operations";
import { runSync } from "../../../webshop-kit/src/domain/steps";
import { FaultBook, type RequestRecord, withFaults } from "../faults";
import { faultPathKey } from "./http/faults";
import { withQuirks } from "./quirks";
import { createSeeds } from "./seeding";
import { simulatedFailure } from "./simulated-failure";
import type { ReferenceWebshop, ReferenceWebshopOptions, Resource, ResourceTypes, ShopFaultRule } from "./types";
import { shopWebhooks } from "./webhooks/shop-webhooks";

export type * from "./types";

export const DEFAULT_API_TOKEN = "test-webshop-token";
export const DEFAULT_BASE_PATH = "/api";

export function createReferenceWebshop(options: ReferenceWebshopOptions = {}): ReferenceWebshop {
  const now = options.now ?? Date.now;
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, "");
  const store = memoryAdapter({ ids: "sequential" });
  const hooks = options.webhooks;
  const webhooks = hooks
    ? shopWebhooks({
        adapter: store,
        url: hooks.url,
        secret: hooks.secret,
        // globalThis: a bare `fetch` here would be the shop's own fetch below.
        deliver: hooks.deliver ?? ((request) => globalThis.fetch(request)),
        mode: hooks.mode ?? "immediate",
        retryDelaysMs: hooks.retryDelaysMs,
        now: hooks.now ?? now,
      })
    : undefined;
  const api = createWebshopApi({ adapter: store, tokens: options.apiToken ?? DEFAULT_API_TOKEN, basePath, now });
  const handler = withQuirks((request) => api.fetch(request), options.quirks ?? {}, basePath);
  const faults = new FaultBook<ShopFaultRule>(faultPathKey(basePath));
  const requests: RequestRecord[] = [];

  const fetch = withFaults(handler, faults, requests, (fault) =>
    simulatedFailure(fault.status, fault.retryAfterSeconds),
  );

  function orThrow<T>(result: { ok: true; value: T } | { ok: false; failure: Failure }): T {
    if (!result.ok) throw new Error(describeFailure(result.failure));
    return result.value;
  }

  return {
    fetch,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    webhookFaults: { set: (f) => webhooks?.setFaults(f), clear: () => webhooks?.setFaults({}) },
    requests,
    seed: createSeeds(store, now),
    get: <R extends Resource>(resource: R, id: string) =>
      (store.sync.get(resource, id) ?? undefined) as ResourceTypes[R] | undefined,
    list: <R extends Resource>(resource: R) => store.records(resource) as ResourceTypes[R][],
    count: (resource) => store.records(resource).length,
    edit<R extends Resource>(resource: R, id: string, mergePatch: Record<string, unknown>): ResourceTypes[R] {
      const result = runSync(patchRecord(resource, id, mergePatch, undefined, now()), store.sync);
      return orThrow(result).record as ResourceTypes[R];
    },
    remove(resource, id) {
      orThrow(runSync(deleteRecord(resource, id, undefined, now()), store.sync));
    },
    webhooks: {
      sent: webhooks?.sent ?? [],
      flush: async () => webhooks?.flush(),
      pending: () => webhooks?.pending() ?? 0,
    },
  };
}
