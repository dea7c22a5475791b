/**
 * Widget tokens for tests, the browser tests and the demo: valid ones through the same mintWidgetToken a shop would
 * use, and forged ones (wrong key, alg none, RS256, other audience, odd lifetimes) through signJwt.
 */
import { mintWidgetToken, signJwt } from "../../../../shared/api/mint-token";
import { type TokenScope, WIDGET_TOKEN_AUDIENCE } from "../../../../shared/api/token";
import { TEST_VARS } from "../../../test-vars";

export const TEST_WIDGET_SECRET = TEST_VARS.WIDGET_TOKEN_SECRET;

/** A valid token for `scope`, issued at `nowMs` (the worker's clock in the test), living 5 minutes. */
export function testToken(scope: TokenScope, nowMs: number, secret = TEST_WIDGET_SECRET): Promise<string> {
  return mintWidgetToken(secret, { scope, sub: "test-admin", now: nowMs });
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** Claims of a valid write token at `nowMs`, to change one thing at a time. */
export const validClaims = (nowMs: number) => ({
  aud: WIDGET_TOKEN_AUDIENCE,
  iat: seconds(nowMs),
  exp: seconds(nowMs) + 300,
  scope: "write",
});

/** Any header and claims, signed with `secret` (HS256 over exactly what is sent), for tokens the worker must refuse. */
export function craftedToken(claims: object, options: { header?: object; secret?: string } = {}): Promise<string> {
  return signJwt(options.secret ?? TEST_WIDGET_SECRET, options.header ?? { alg: "HS256", typ: "JWT" }, claims);
}
