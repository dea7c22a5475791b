/** What the webshop client needs from the outside world, passed in so tests and the engine choose real or fake. */
import { type FetchLike, type HttpDeps, type HttpRuntime, resolveHttpRuntime } from "../http-exchange";

export type { FetchLike };

/** fetch, sleep, now, random and requestTimeoutMs as every connector takes them (HttpDeps), and the shop's config. */
export interface WebshopDeps extends HttpDeps {
  /** baseUrl (no trailing slash) and apiToken; the webhook secrets are not used here. */
  config: { baseUrl: string; apiToken: string };
}

/** Every dependency filled in. */
export interface Runtime extends HttpRuntime {
  config: WebshopDeps["config"];
}

/** A webshop's small sync API should answer within seconds; 30 s without an answer means the request is lost. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export function resolveDeps(deps: WebshopDeps): Runtime {
  return {
    ...resolveHttpRuntime(deps, DEFAULT_REQUEST_TIMEOUT_MS),
    config: { baseUrl: deps.config.baseUrl.replace(/\/+$/, ""), apiToken: deps.config.apiToken },
  };
}
