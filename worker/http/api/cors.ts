/**
 * CORS for /api/*: only the shop admin's origins (ADMIN_ORIGINS) are answered, each with its own origin (never `*`),
 * and without credentials (the token travels in Authorization, never in a cookie). `Vary: Origin` always, so a
 * cache never hands one origin's answer to another. A foreign origin gets no CORS headers and a 403 that says only
 * that it is not allowed (this runs before the token check, so the list of allowed origins goes to the log only).
 * Own code rather than hono/cors, which never refuses and sends CORS headers to origin-less requests: docs/libraries.md.
 */
import type { MiddlewareHandler } from "hono";
import { IDEMPOTENCY_KEY_HEADER } from "../../../shared/api/actions";
import { fail } from "./api-failure";
import type { ApiEnv } from "./context";
import { REPLAYED_HEADER } from "./push-route";

export const ALLOWED_HEADERS = ["Authorization", "Content-Type", IDEMPOTENCY_KEY_HEADER].join(", ");
export const ALLOWED_METHODS = "GET, POST, PUT, DELETE, OPTIONS";
/** Answer headers a page may read besides the CORS-safelisted ones: a replayed push says so. */
export const EXPOSED_HEADERS = [REPLAYED_HEADER].join(", ");
/** Seconds a browser may keep a preflight's answer. */
export const PREFLIGHT_MAX_AGE = 600;

function normalise(origin: string): string | null {
  try {
    return new URL(origin).origin;
  } catch {
    return null;
  }
}

export const cors: MiddlewareHandler<ApiEnv> = async (c, next) => {
  c.header("Vary", "Origin");
  const origin = c.req.header("Origin");
  const preflight = c.req.method === "OPTIONS";
  if (origin === undefined) {
    // Not from a browser's cross-origin fetch (a server, curl): the token decides.
    if (preflight) return c.body(null, 204);
    return next();
  }
  const candidate = normalise(origin);
  const allowed = candidate !== null && c.var.config.adminOrigins.some((o) => normalise(o) === candidate);
  // Browsers send Origin on same-origin POSTs too; a page of the worker's own origin is no foreign caller.
  if (!allowed && candidate !== new URL(c.req.url).origin) {
    console.warn(
      `api: refused origin ${origin}; ADMIN_ORIGINS allows ${c.var.config.adminOrigins.join(", ") || "none"}`,
    );
    fail(
      "origin_not_allowed",
      `The origin ${origin} may not use this API; if it is your shop's admin, the worker's operator adds it to ADMIN_ORIGINS.`,
    );
  }
  c.header("Access-Control-Allow-Origin", origin);
  if (preflight) {
    c.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
    c.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    c.header("Access-Control-Max-Age", String(PREFLIGHT_MAX_AGE));
    return c.body(null, 204);
  }
  c.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  return next();
};
