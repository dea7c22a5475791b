/**
 * Verifies a widget token (shared/api/token.ts). The JWS itself (HS256 pinned, the signature over the exact
 * `header.payload` bytes received, compared in constant time by WebCrypto, `crit` refused) is `jose`'s compactVerify;
 * the claims are this file's: audience, times with the clock skew and the worker's clock, and the maximum lifetime,
 * a rule no JWT library states. Every failure is a value naming what was wrong; the route turns it into a 401 in words.
 * Why a library here and own code elsewhere: docs/libraries.md.
 */
import { compactVerify, errors } from "jose";
import * as v from "valibot";
import { base64urlDecode } from "../../../shared/api/base64url";
import {
  CLOCK_SKEW_SECONDS,
  MAX_TOKEN_LIFETIME_SECONDS,
  WIDGET_TOKEN_ALGORITHM,
  WIDGET_TOKEN_AUDIENCE,
  type WidgetTokenClaims,
  WidgetTokenClaimsSchema,
} from "../../../shared/api/token";

/** Longer than any token this API would mint; a bigger header is refused before any decoding. */
const MAX_TOKEN_LENGTH = 4096;

export type TokenFailure =
  | { reason: "malformed"; detail: string }
  | { reason: "wrong-algorithm"; alg: string | null }
  | { reason: "bad-signature" }
  | { reason: "wrong-audience"; aud: string | string[] }
  | { reason: "expired"; secondsAgo: number }
  | { reason: "not-yet-valid"; claim: "iat" | "nbf"; secondsAhead: number }
  | { reason: "too-long-lived"; lifetime: number };

export type TokenCheck = { ok: true; claims: WidgetTokenClaims } | { ok: false; failure: TokenFailure };

const encoder = new TextEncoder();
let cachedKey: { secret: string; key: Promise<CryptoKey> } | null = null;

/** One import per isolate and secret: importKey is not free, and every request verifies. */
function hmacKey(secret: string): Promise<CryptoKey> {
  if (cachedKey?.secret !== secret) {
    const key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "verify",
    ]);
    cachedKey = { secret, key };
  }
  return cachedKey.key;
}

const malformed = (detail: string): TokenCheck => ({ ok: false, failure: { reason: "malformed", detail } });

function parseJson(bytes: Uint8Array | null): unknown {
  if (bytes === null) return undefined;
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export async function verifyWidgetToken(token: string, secret: string, nowMs: number): Promise<TokenCheck> {
  if (token.length > MAX_TOKEN_LENGTH) return malformed(`it is longer than ${MAX_TOKEN_LENGTH} characters`);
  const parts = token.split(".");
  if (parts.length !== 3)
    return malformed("it is not three base64url parts separated by dots (header.payload.signature)");
  const [headerPart, , signaturePart] = parts as [string, string, string];

  const header = parseJson(base64urlDecode(headerPart));
  if (!isObject(header)) return malformed("its header is not base64url-encoded JSON");
  // The algorithm is pinned before anything else is trusted: "none", RS256 and friends never reach a key.
  if (header.alg !== WIDGET_TOKEN_ALGORITHM) {
    return {
      ok: false,
      failure: { reason: "wrong-algorithm", alg: typeof header.alg === "string" ? header.alg : null },
    };
  }
  if (header.typ !== undefined && typeof header.typ !== "string") return malformed("its header's typ is not text");

  // Checked here for its words: jose answers an empty signature as merely "not matching".
  const signature = base64urlDecode(signaturePart);
  if (signature === null || signature.length === 0) return malformed("its signature is not base64url");
  let payloadBytes: Uint8Array;
  try {
    ({ payload: payloadBytes } = await compactVerify(token, await hmacKey(secret), {
      algorithms: [WIDGET_TOKEN_ALGORITHM],
    }));
  } catch (error) {
    if (error instanceof errors.JWSSignatureVerificationFailed)
      return { ok: false, failure: { reason: "bad-signature" } };
    if (error instanceof errors.JOSENotSupported) {
      return malformed(`its header's crit names an extension this worker does not understand (${error.message})`);
    }
    if (error instanceof errors.JOSEError) return malformed(`it is not a valid compact JWS (${error.message})`);
    throw error;
  }

  const payload = parseJson(payloadBytes);
  if (!isObject(payload)) return malformed("its payload is not base64url-encoded JSON");
  const parsed = v.safeParse(WidgetTokenClaimsSchema, payload);
  if (!parsed.success) return malformed(claimProblem(payload));
  return checkClaims(parsed.output, Math.floor(nowMs / 1000));
}

/** What is wrong with the claims, naming the first claim that is (valibot's own words name no claim). */
function claimProblem(payload: Record<string, unknown>): string {
  if (payload.exp === undefined)
    return `exp is missing: every token must expire within ${MAX_TOKEN_LIFETIME_SECONDS} s`;
  if (!Number.isSafeInteger(payload.exp)) return "exp is not a whole number of seconds since 1970";
  for (const claim of ["iat", "nbf"]) {
    if (payload[claim] !== undefined && !Number.isSafeInteger(payload[claim]))
      return `${claim} is not a whole number of seconds since 1970`;
  }
  if (payload.aud === undefined) return `aud is missing: it must be "${WIDGET_TOKEN_AUDIENCE}"`;
  if (payload.scope === undefined) return 'scope is missing: it must be "read" or "write"';
  if (payload.scope !== "read" && payload.scope !== "write") return 'scope must be "read" or "write"';
  return "its claims are not the widget token's (aud, exp, iat, scope)";
}

function checkClaims(claims: WidgetTokenClaims, now: number): TokenCheck {
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(WIDGET_TOKEN_AUDIENCE)) {
    return { ok: false, failure: { reason: "wrong-audience", aud: claims.aud } };
  }
  if (claims.exp <= now - CLOCK_SKEW_SECONDS) {
    return { ok: false, failure: { reason: "expired", secondsAgo: now - claims.exp } };
  }
  for (const claim of ["nbf", "iat"] as const) {
    const at = claims[claim];
    if (at !== undefined && at > now + CLOCK_SKEW_SECONDS) {
      return { ok: false, failure: { reason: "not-yet-valid", claim, secondsAhead: at - now } };
    }
  }
  if (claims.iat !== undefined && claims.exp - claims.iat > MAX_TOKEN_LIFETIME_SECONDS) {
    return { ok: false, failure: { reason: "too-long-lived", lifetime: claims.exp - claims.iat } };
  }
  // Without iat (or with a back-dated one) the token may still not outlive the limit from now.
  if (claims.exp > now + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
    return { ok: false, failure: { reason: "too-long-lived", lifetime: claims.exp - now } };
  }
  return { ok: true, claims };
}
