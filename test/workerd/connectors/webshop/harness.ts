/** Builds a reference webshop and a webshop client wired to it in-process, with a fake clock unless told otherwise. */
import { env } from "cloudflare:workers";
import { createWebshopClient } from "../../../../worker/connectors/webshop/client";
import type { WebshopDeps } from "../../../../worker/connectors/webshop/runtime";
import { parseConfig } from "../../../../worker/wiring/config";
import { createReferenceWebshop } from "../../../sim/webshop";
import { fakeClock } from "../../fake-clock";
import { simFetch } from "../../sim-fetch";

export type ShopOptions = NonNullable<Parameters<typeof createReferenceWebshop>[0]>;
export type Shop = ReturnType<typeof createReferenceWebshop>;
type Fetch = (request: Request) => Promise<Response>;

const SHOP_HOST = "webshop.sim";

/** The webshop part of the test configuration (test/test-vars.ts), parsed as the worker parses it. */
export function webshopConfig() {
  const parsed = parseConfig(env);
  if (!parsed.ok) throw new Error(parsed.problems.join("; "));
  return parsed.config.webshop;
}

export interface SetupOptions {
  shop?: ShopOptions;
  /** Wraps the shop's fetch, e.g. to corrupt or observe answers. */
  wrap?: (fetch: Fetch) => Fetch;
  deps?: Partial<WebshopDeps>;
}

export function setup(options: SetupOptions = {}) {
  const clock = fakeClock();
  const shop = createReferenceWebshop({ now: clock.now, ...options.shop });
  const routed = simFetch({ [SHOP_HOST]: shop });
  const base: Fetch = (request) => routed(request);
  const fetch = options.wrap ? options.wrap(base) : base;
  const config = webshopConfig();
  const client = createWebshopClient({
    config,
    fetch,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...options.deps,
  });
  return { shop, client, clock, config, fetch };
}

/** Records every request the client sends (a clone, so the body can still be read) before passing it on. */
export function recorder() {
  const seen: Request[] = [];
  return {
    seen,
    wrap: (fetch: Fetch) => async (request: Request) => {
      seen.push(request.clone());
      return fetch(request);
    },
  };
}

/** Rewrites the JSON of 2xx GET answers whose path matches, to feed the client what a shop should never send. */
export function corruptGets(path: RegExp, change: (json: Record<string, unknown>) => unknown) {
  return (fetch: Fetch) => async (request: Request) => {
    const res = await fetch(request);
    if (request.method !== "GET" || !path.test(new URL(request.url).pathname) || res.status !== 200) return res;
    const json = (await res.json()) as Record<string, unknown>;
    const changed = change(json) ?? json;
    return Response.json(changed, { status: res.status });
  };
}

/** Unwraps a Result for a test that expects success, failing with the error's own message otherwise. */
export function value<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got: ${result.error.message}`);
  return result.value;
}
