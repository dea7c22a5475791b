/**
 * The OAuth2 access token (client credentials), cached in memory and in KV so isolates share it.
 * https://developer.poweroffice.net/ → Authentication: POST the token URL with grant_type=client_credentials,
 * Basic base64(ApplicationKey:ClientKey) and the subscription key header. Tokens last 1200 s.
 */
import * as v from "valibot";
import type { Runtime } from "./deps";
import { fail, ok, type PowerOfficeError, type Result } from "./errors";
import { type Problem, problemText, readProblem } from "./problem";
import { exchange, throttleWaitMs } from "./transport";

/** Renew this long before expiry, so no request is sent with a token about to lapse. */
export const TOKEN_RENEW_MARGIN_MS = 60_000;
/** Used when the token answer leaves out expires_in (PowerOffice documents 1200). */
const DEFAULT_TOKEN_LIFETIME_S = 1200;
/** Workers KV refuses an expirationTtl under 60 s. */
const KV_MIN_TTL_S = 60;

export interface TokenSource {
  /** A token valid for at least TOKEN_RENEW_MARGIN_MS more; one token request however many callers wait. */
  get(): Promise<Result<string>>;
  /** PowerOffice answered 401 to `token`: never hand it out again. */
  reject(token: string): void;
}

interface Held {
  token: string;
  expiresAt: number;
}

const TokenAnswer = v.object({
  access_token: v.pipe(v.string(), v.nonEmpty()),
  expires_in: v.optional(v.pipe(v.union([v.number(), v.pipe(v.string(), v.decimal(), v.transform(Number))]))),
});
const Cached = v.object({ token: v.string(), expiresAt: v.number() });

export function createTokenSource(rt: Runtime): TokenSource {
  let held: Held | undefined;
  let pending: Promise<Result<string>> | undefined;
  const rejected = new Set<string>();
  const cacheKey = tokenCacheKey(rt);

  const usable = (h: Held | undefined): h is Held =>
    !!h && !rejected.has(h.token) && rt.now() < h.expiresAt - TOKEN_RENEW_MARGIN_MS;

  async function load(): Promise<Result<string>> {
    const key = await cacheKey;
    const cached = await readCache(rt, key);
    if (usable(cached)) {
      held = cached;
      return ok(cached.token);
    }
    const issued = await requestToken(rt);
    if (!issued.ok) return issued;
    held = issued.value;
    const ttl = Math.floor((held.expiresAt - TOKEN_RENEW_MARGIN_MS - rt.now()) / 1000);
    if (ttl >= KV_MIN_TTL_S) {
      // A cache only: if KV fails, the next isolate asks PowerOffice for a token of its own.
      await rt.cache.put(key, JSON.stringify(held), { expirationTtl: ttl }).catch(() => undefined);
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

/** The KV key names a hash of the keys, never the keys themselves (KV keys show up in dashboards and logs). */
async function tokenCacheKey(rt: Runtime): Promise<string> {
  const { tokenUrl, applicationKey, clientKey } = rt.config;
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(`${tokenUrl}\n${applicationKey}\n${clientKey}`),
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

async function requestToken(rt: Runtime): Promise<Result<Held>> {
  const { tokenUrl, applicationKey, clientKey, subscriptionKey } = rt.config;
  const operation = "POST /OAuth/Token";
  const startedAt = rt.now();
  const basic = base64(`${applicationKey}:${clientKey}`);
  const answer = await exchange(
    rt,
    (signal) =>
      new Request(tokenUrl, {
        method: "POST",
        headers: {
          Authorization: `Basic ${basic}`,
          "Ocp-Apim-Subscription-Key": subscriptionKey,
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/json",
        },
        body: "grant_type=client_credentials",
        signal,
      }),
    true,
  );
  if (!answer.ok) {
    return fail({
      kind: "network",
      operation,
      timedOut: answer.timedOut,
      cause: answer.cause,
      message: `Could not reach PowerOffice's token endpoint (${tokenUrl}): ${answer.cause}. Check POWEROFFICE_TOKEN_URL; the sync will try again.`,
    });
  }
  const { status, body } = answer.response;
  if (status >= 200 && status < 300) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const parsed = v.safeParse(TokenAnswer, json);
    if (!parsed.success) {
      return fail({
        kind: "unexpected-response",
        operation,
        entity: "access token",
        path: "access_token",
        value: undefined, // never echo what may be a token
        message: `PowerOffice's token endpoint answered without a usable access_token/expires_in. Check that POWEROFFICE_TOKEN_URL is the OAuth token URL.`,
      });
    }
    const lifetime = parsed.output.expires_in ?? DEFAULT_TOKEN_LIFETIME_S;
    return ok({ token: parsed.output.access_token, expiresAt: startedAt + lifetime * 1000 });
  }
  return fail(tokenError(status, readProblem(body), answer.response, rt.now()));
}

function tokenError(
  status: number,
  problem: Problem | undefined,
  res: { headers: Headers; body: string; status: number },
  now: number,
): PowerOfficeError {
  const operation = "POST /OAuth/Token";
  const said = problemText(problem);
  const their = said ? ` (${said})` : "";
  if (status === 429) {
    return {
      kind: "rate-limited",
      operation,
      retryAfterMs: throttleWaitMs(res, now),
      message: `PowerOffice kept throttling the token request (429); the sync will try again later.`,
    };
  }
  if (status >= 500) {
    return {
      kind: "server",
      operation,
      status,
      problem,
      message: `PowerOffice's token endpoint failed with HTTP ${status}${their}; the sync will try again.`,
    };
  }
  const subscription = /subscription/i.test(said ?? "") || (status === 401 && !problem?.title);
  return {
    kind: "auth-failed",
    operation,
    status,
    problem,
    message: subscription
      ? `PowerOffice refused the subscription key${their}: check POWEROFFICE_SUBSCRIPTION_KEY (from the developer portal).`
      : `PowerOffice refused the API keys${their}: check POWEROFFICE_APPLICATION_KEY and POWEROFFICE_CLIENT_KEY, and that they belong to the environment POWEROFFICE_TOKEN_URL points at (demo or production).`,
  };
}

function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}
