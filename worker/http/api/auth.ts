/**
 * Every /api request (but a CORS preflight) needs `Authorization: Bearer <widget token>`; every POST and DELETE
 * needs the token's scope to be write.
 */
import type { MiddlewareHandler } from "hono";
import { fail } from "./api-failure";
import type { ApiEnv } from "./context";
import { tokenFailure } from "./token-failure";
import { verifyWidgetToken } from "./widget-token";

const READ_METHODS = new Set(["GET", "HEAD"]);

export function auth(now: () => number): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header("Authorization");
    if (header === undefined || header.trim() === "") {
      fail("token_missing", "Send the widget token as Authorization: Bearer <token>; the shop's backend mints it.");
    }
    const match = /^Bearer +(\S+)$/i.exec(header!.trim());
    if (!match) fail("token_malformed", "The Authorization header must be Bearer <token>, with one widget token.");
    const check = await verifyWidgetToken(match![1]!, c.var.config.widgetTokenSecret, now());
    if (!check.ok) throw tokenFailure(check.failure);
    if (!READ_METHODS.has(c.req.method) && check.claims.scope !== "write") {
      fail(
        "scope_insufficient",
        "This token may only read: changing anything (push, retry, resolve, link, pause) needs a token with scope write.",
      );
    }
    c.set("claims", check.claims);
    await next();
  };
}
