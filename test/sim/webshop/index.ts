/**
 * The reference webshop: a Hono app (Web APIs only, so it also runs inside workerd) implementing the whole Custom
 * Webshop contract (docs/webshop-api.md) with in-memory storage, signed webhooks, fault injection and optional
 * quirks that break one rule each. See docs/simulators.md, "Reference webshop".
 */
import { FaultBook, type RequestRecord, withFaults } from "../faults";
import { describeFailure, SINGULAR } from "./core/failure";
import { deleteRecord, patchRecord } from "./domain/operations";
import { ShopState } from "./domain/state";
import { createShopApp } from "./http/app";
import { simulatedFailure } from "./http/errors";
import { faultPathKey } from "./http/faults";
import { IdempotencyStore } from "./http/idempotency";
import { createSeeds } from "./seeding";
import type { ReferenceWebshop, ReferenceWebshopOptions, Resource, ResourceTypes, ShopFaultRule } from "./types";
import { RETRY_DELAYS_MS, WebhookOutbox } from "./webhooks/outbox";

export type * from "./types";

export const DEFAULT_API_TOKEN = "test-webshop-token";
export const DEFAULT_BASE_PATH = "/api";

export function createReferenceWebshop(options: ReferenceWebshopOptions = {}): ReferenceWebshop {
  const now = options.now ?? Date.now;
  const basePath = (options.basePath ?? DEFAULT_BASE_PATH).replace(/\/+$/, "");
  const state = new ShopState(now);
  const hooks = options.webhooks;
  const outbox = hooks
    ? new WebhookOutbox({
        url: hooks.url,
        secret: hooks.secret,
        // globalThis: a bare `fetch` here would be the shop's own fetch below.
        deliver: hooks.deliver ?? ((request) => globalThis.fetch(request)),
        mode: hooks.mode ?? "immediate",
        retryDelaysMs: hooks.retryDelaysMs ?? RETRY_DELAYS_MS,
        now: hooks.now ?? now,
      })
    : undefined;
  state.onChange = (change) => {
    const type = `${SINGULAR[change.resource]}.${change.kind}`;
    outbox?.enqueue(type, JSON.stringify({ type, timestamp: change.at, data: change.record }));
  };
  const app = createShopApp(basePath, {
    state,
    idempotency: new IdempotencyStore(now),
    token: options.apiToken ?? DEFAULT_API_TOKEN,
    quirks: options.quirks ?? {},
  });
  const faults = new FaultBook<ShopFaultRule>(faultPathKey(basePath));
  const requests: RequestRecord[] = [];

  const fetch = withFaults(app.fetch, faults, requests, (fault) =>
    simulatedFailure(fault.status, fault.retryAfterSeconds),
  );

  function orThrow<T>(result: { ok: true; value: T } | { ok: false; failure: Parameters<typeof describeFailure>[0] }) {
    if (!result.ok) throw new Error(describeFailure(result.failure));
    return result.value;
  }

  return {
    fetch,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    webhookFaults: { set: (f) => outbox?.setFaults(f), clear: () => outbox?.setFaults({}) },
    requests,
    seed: createSeeds(state),
    get: (resource, id) => structuredClone(state.get(resource, id)),
    list: (resource) => structuredClone(state.values(resource)),
    count: (resource) => state.values(resource).length,
    edit<R extends Resource>(resource: R, id: string, mergePatch: Record<string, unknown>): ResourceTypes[R] {
      return structuredClone(orThrow(patchRecord(state, resource, id, mergePatch, undefined)).record);
    },
    remove(resource, id) {
      orThrow(deleteRecord(state, resource, id, undefined));
    },
    webhooks: {
      sent: outbox?.sent ?? [],
      flush: async () => outbox?.flush(),
      pending: () => outbox?.pending() ?? 0,
    },
  };
}
