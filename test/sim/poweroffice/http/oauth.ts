/**
 * OAuth2 client credentials as PowerOffice runs it: POST /OAuth/Token (or /Demo/OAuth/Token) with a form body,
 * Basic application key:client key and the subscription key; tokens last 20 minutes and only work in the
 * environment that issued them. API calls then need `Authorization: Bearer <token>`.
 */
import type { Context, MiddlewareHandler } from "hono";
import { jsonResponse } from "../core/problem";

export type Environment = "production" | "demo";

interface Issued {
  environment: Environment;
  applicationKey: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly tokens = new Map<string, Issued>();
  private issued = 0;

  constructor(
    readonly lifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  issue(environment: Environment, applicationKey: string): string {
    this.issued += 1;
    const iat = Math.floor(this.now() / 1000);
    const claims = { iss: "https://goapi.poweroffice.net", env: environment, iat, exp: iat + this.lifetimeSeconds };
    // Shaped like the real JWTs, but opaque: only this store knows whether one is valid.
    const token = [{ alg: "RS256", typ: "JWT" }, claims, { n: this.issued, r: crypto.randomUUID() }]
      .map((part) => base64url(JSON.stringify(part)))
      .join(".");
    this.tokens.set(token, { environment, applicationKey, expiresAt: this.now() + this.lifetimeSeconds * 1000 });
    return token;
  }

  /** The application key behind a token that is valid now in this environment, else null. */
  check(token: string, environment: Environment): string | null {
    const issued = this.tokens.get(token);
    if (!issued || issued.environment !== environment || this.now() >= issued.expiresAt) return null;
    return issued.applicationKey;
  }

  expireAll(): void {
    for (const issued of this.tokens.values()) issued.expiresAt = Number.NEGATIVE_INFINITY;
  }

  get count(): number {
    return this.issued;
  }
}

export function environmentOf(path: string): Environment {
  return /^\/demo\//i.test(path) ? "demo" : "production";
}

export function tokenEndpoint(
  keys: { applicationKey: string; isClientKey: (key: string) => boolean },
  tokens: TokenStore,
) {
  return async (c: Context): Promise<Response> => {
    const error = (code: string, description: string) =>
      jsonResponse(400, { error: code, error_description: description }, { "cache-control": "no-store" });
    const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      return error("invalid_request", "The request must be application/x-www-form-urlencoded.");
    }
    const form = new URLSearchParams(await c.req.text());
    const credentials = basicCredentials(c.req.header("authorization"));
    if (!credentials || credentials[0] !== keys.applicationKey || !keys.isClientKey(credentials[1])) {
      return error("invalid_client", "The application key or client key is invalid.");
    }
    const grant = form.get("grant_type");
    if (!grant) return error("invalid_request", "The grant_type parameter is missing.");
    if (grant !== "client_credentials")
      return error("unsupported_grant_type", `Grant type '${grant}' is not supported.`);
    const token = tokens.issue(environmentOf(c.req.path), credentials[0]);
    return jsonResponse(
      200,
      { access_token: token, token_type: "Bearer", expires_in: tokens.lifetimeSeconds },
      { "cache-control": "no-store" },
    );
  };
}

function basicCredentials(header: string | undefined): [string, string] | null {
  const m = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (!m) return null;
  try {
    const decoded = atob(m[1]!.trim());
    const colon = decoded.indexOf(":");
    return colon < 0 ? null : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  } catch {
    return null;
  }
}

/** 401 as ASP.NET's JWT bearer handler answers it: empty body, reason in WWW-Authenticate. */
export function requireBearer(tokens: TokenStore): MiddlewareHandler<{ Variables: { applicationKey: string } }> {
  return async (c, next) => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "");
    if (!m) return new Response(null, { status: 401, headers: { "www-authenticate": "Bearer" } });
    const applicationKey = tokens.check(m[1]!, environmentOf(c.req.path));
    if (applicationKey === null) {
      return new Response(null, {
        status: 401,
        headers: {
          "www-authenticate": 'Bearer error="invalid_token", error_description="The token is expired or not valid"',
        },
      });
    }
    c.set("applicationKey", applicationKey);
    await next();
  };
}

function base64url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
