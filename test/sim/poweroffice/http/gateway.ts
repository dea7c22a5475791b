/**
 * What PowerOffice's API gateway (Azure API Management) does before the API sees a request: check the
 * Ocp-Apim-Subscription-Key and throttle per key (10 requests in any second by default), answering in its own JSON.
 */
import type { MiddlewareHandler } from "hono";
import { gatewayResponse } from "../core/problem";

export const MISSING_KEY =
  "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.";
export const INVALID_KEY =
  "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.";
export const RATE_LIMITED = "Rate limit is exceeded. Try again in 1 seconds.";

/** A sliding one-second window per subscription key; requests turned away do not use up the window. */
export class RateLimiter {
  private readonly accepted = new Map<string, number[]>();

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  take(key: string): boolean {
    if (this.perSecond <= 0) return true;
    const now = this.now();
    const recent = (this.accepted.get(key) ?? []).filter((t) => t > now - 1000);
    const ok = recent.length < this.perSecond;
    if (ok) recent.push(now);
    this.accepted.set(key, recent);
    return ok;
  }
}

export function gateway(subscriptionKey: string, limiter: RateLimiter, sendRetryAfter: boolean): MiddlewareHandler {
  return async (c, next) => {
    const key = c.req.header("ocp-apim-subscription-key");
    if (!key) return gatewayResponse(401, MISSING_KEY);
    if (key !== subscriptionKey) return gatewayResponse(401, INVALID_KEY);
    if (!limiter.take(key)) return gatewayResponse(429, RATE_LIMITED, sendRetryAfter ? { "retry-after": "1" } : {});
    await next();
  };
}
