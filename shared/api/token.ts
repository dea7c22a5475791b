/**
 * The widget token: an HS256 JWT the shop's backend signs with WIDGET_TOKEN_SECRET for the admin signed in there,
 * short-lived (at most 5 minutes), with the audience below and a scope. The worker checks it on every /api request.
 */
import * as v from "valibot";

/** `aud` must be (or contain) this, so a token the shop mints for something else is never accepted here. */
export const WIDGET_TOKEN_AUDIENCE = "poweroffice-sync-widget";
/** The only algorithm accepted: a token saying anything else (none, RS256, …) is refused before its signature. */
export const WIDGET_TOKEN_ALGORITHM = "HS256";
/** A token lives at most this long: `exp - iat` and `exp - now` may not exceed it. */
export const MAX_TOKEN_LIFETIME_SECONDS = 300;
/** Clocks of the shop's server and the worker may differ by this much. */
export const CLOCK_SKEW_SECONDS = 30;

/** read: see the status and records. write: also push, retry, resolve, link, pause (every POST and DELETE). */
export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

const NumericDate = v.pipe(v.number(), v.integer(), v.minValue(0));

/** The claims the worker reads; others are allowed and ignored. Times are seconds since 1970 (JWT NumericDate). */
export const WidgetTokenClaimsSchema = v.looseObject({
  aud: v.union([v.string(), v.array(v.string())]),
  exp: NumericDate,
  /** Checked when present: exp - iat ≤ MAX_TOKEN_LIFETIME_SECONDS. */
  iat: v.optional(NumericDate),
  nbf: v.optional(NumericDate),
  scope: v.picklist(TOKEN_SCOPES),
  /** Who the admin is in the shop; optional. Recorded with each of their actions in the activity log. */
  sub: v.optional(v.string()),
  iss: v.optional(v.string()),
});
export type WidgetTokenClaims = v.InferOutput<typeof WidgetTokenClaimsSchema>;
