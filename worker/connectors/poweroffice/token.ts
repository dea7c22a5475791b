/**
 * The OAuth2 access token (client credentials), cached in memory and in KV so isolates share it.
 * https://developer.poweroffice.net/ → Authentication: POST the token URL with grant_type=client_credentials,
 * Basic base64(ApplicationKey:ClientKey) and the subscription key header. Tokens last 1200 s.
 */
import * as v from "valibot";
import { fail, ok, type PowerOfficeError, type Result } from "./errors";
import type { Runtime } from "./runtime";
import { requestToken } from "./token-request";

/** Renew this long before expiry, so no request is sent with a token about to lapse. */
export const TOKEN_RENEW_MARGIN_MS = 60_000;
/** Workers KV refuses an expirationTtl under 60 s. */
const KV_MIN_TTL_S = 60;

export interface TokenSource {
  /** A token valid for at least TOKEN_RENEW_MARGIN_MS more; one token request however many callers wait. */
  get(): Promise<Result<string>>;
  /** PowerOffice answered 401 to `token`: never hand it out again. */
  reject(token: string): void;
}

export interface Held {
  token: string;
  /** Epoch ms by the runtime's clock. */
  expiresAt: number;
}

const Cached = v.object({ token: v.string(), expiresAt: v.number() });

export function createTokenSource(rt: Runtime): TokenSource {
  let held: Held | undefined;
  let pending: Promise<Result<string>> | undefined;
  const rejected = new Set<string>();
  const source = rt.config.clientKey;

  const usable = (h: Held | undefined): h is Held =>
    !!h && !rejected.has(h.token) && rt.now() < h.expiresAt - TOKEN_RENEW_MARGIN_MS;

  async function load(): Promise<Result<string>> {
    const name = typeof source === "string" ? source : await source.cacheName();
    if (name === null) return fail(notConnected());
    const key = await tokenCacheKey(rt.config, name);
    const cached = await readCache(rt, key);
    if (usable(cached)) {
      held = cached;
      return ok(cached.token);
    }
    const clientKey = typeof source === "string" ? source : await source.clientKey();
    if (clientKey === null) return fail(notConnected());
    const issued = await requestToken(rt, clientKey);
    if (!issued.ok) return issued;
    held = issued.value;
    const ttl = Math.floor((held.expiresAt - TOKEN_RENEW_MARGIN_MS - rt.now()) / 1000);
    if (ttl >= KV_MIN_TTL_S) {
      // A cache only: if KV fails, the next isolate asks PowerOffice for a token of its own.
      const value = JSON.stringify(held);
      await Promise.resolve()
        .then(() => rt.cache.put(key, value, { expirationTtl: ttl }))
        .catch(() => undefined);
    }
    return ok(held.token);
  }

  return {
    async get() {
      if (usable(held)) return ok(held.token);
      pending ??= load().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    reject(token) {
      rejected.add(token);
      if (held?.token === token) held = undefined;
    },
  };
}

const notConnected = (): PowerOfficeError => ({
  kind: "auth-failed",
  operation: "POST /OAuth/Token",
  status: 401,
  message:
    "PowerOffice is not connected: connect it under PowerOffice in the sync widget (or set POWEROFFICE_CLIENT_KEY).",
});

/**
 * The KV key names a hash of the keys, never the keys themselves (KV keys show up in dashboards and logs). `name` is
 * the configured client key, or the name of a connection made by onboarding (ClientKeySource.cacheName).
 */
export async function tokenCacheKey(
  config: { tokenUrl: string; applicationKey: string },
  name: string,
): Promise<string> {
  const { tokenUrl, applicationKey } = config;
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${tokenUrl}\n${applicationKey}\n${name}`),
  );
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `poweroffice:token:${hex}`;
}

async function readCache(rt: Runtime, key: string): Promise<Held | undefined> {
  try {
    const text = await rt.cache.get(key);
    if (!text) return undefined;
    const parsed = v.safeParse(Cached, JSON.parse(text));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined; // unreadable cache entry or KV down: fetch a fresh token
  }
}
