/**
 * Mints a widget token with WebCrypto (HS256). For the shop's backend when it runs JavaScript, the demo and the tests:
 * this is the whole recipe docs/widget.md shows; the secret must never reach a browser.
 */
import { base64urlEncode } from "./base64url";
import { MAX_TOKEN_LIFETIME_SECONDS, type TokenScope, WIDGET_TOKEN_AUDIENCE } from "./token";

export interface MintOptions {
  scope: TokenScope;
  /** Who the admin is in the shop (shows in the worker's log). */
  sub?: string;
  /** Default and maximum MAX_TOKEN_LIFETIME_SECONDS (300). */
  ttlSeconds?: number;
  /** Epoch milliseconds (tests). */
  now?: number;
}

export async function mintWidgetToken(secret: string, options: MintOptions): Promise<string> {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const ttl = Math.min(options.ttlSeconds ?? MAX_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
  const claims = {
    aud: WIDGET_TOKEN_AUDIENCE,
    iat,
    exp: iat + ttl,
    scope: options.scope,
    ...(options.sub !== undefined ? { sub: options.sub } : {}),
  };
  return signJwt(secret, { alg: "HS256", typ: "JWT" }, claims);
}

/** Signs any header and claims as given (tests use it to forge tokens the worker must refuse). */
export async function signJwt(secret: string, header: object, claims: object): Promise<string> {
  const encoder = new TextEncoder();
  const part = (value: object) => base64urlEncode(encoder.encode(JSON.stringify(value)));
  const signingInput = `${part(header)}.${part(claims)}`;
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const signature = await crypto.subtle.sign("HMAC", key, encoder.encode(signingInput));
  return `${signingInput}.${base64urlEncode(new Uint8Array(signature))}`;
}
