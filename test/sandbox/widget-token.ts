/**
 * Mints the widget's token as a shop backend would: an HS256 JWT signed with WIDGET_TOKEN_SECRET using nothing but
 * node:crypto — the recipe docs/widget.md shows (shared/api's mintWidgetToken does the same with WebCrypto).
 */
import { createHmac } from "node:crypto";
import { MAX_TOKEN_LIFETIME_SECONDS, type TokenScope, WIDGET_TOKEN_AUDIENCE } from "../../shared/api";

export interface WidgetTokenOptions {
  scope: TokenScope;
  /** Default and at most 300: the worker refuses a token that lives longer than five minutes. */
  lifetimeSeconds?: number;
  /** The admin user who asked (shows in the worker's log). */
  subject?: string;
  now?: () => number;
}

export interface MintedToken {
  token: string;
  /** Unix seconds. */
  expiresAt: number;
}

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString("base64url");

export function mintWidgetToken(secret: string, options: WidgetTokenOptions): MintedToken {
  const iat = Math.floor((options.now ?? Date.now)() / 1000);
  const exp = iat + Math.min(options.lifetimeSeconds ?? MAX_TOKEN_LIFETIME_SECONDS, MAX_TOKEN_LIFETIME_SECONDS);
  const claims = {
    aud: WIDGET_TOKEN_AUDIENCE,
    scope: options.scope,
    iat,
    exp,
    ...(options.subject ? { sub: options.subject } : {}),
  };
  const unsigned = `${base64url({ alg: "HS256", typ: "JWT" })}.${base64url(claims)}`;
  const signature = createHmac("sha256", secret).update(unsigned).digest("base64url");
  return { token: `${unsigned}.${signature}`, expiresAt: exp };
}
