/** A refused widget token in words for the developer wiring the shop's token endpoint (docs/widget.md). */
import { CLOCK_SKEW_SECONDS, MAX_TOKEN_LIFETIME_SECONDS, WIDGET_TOKEN_AUDIENCE } from "../../../shared/api/token";
import { ApiFailure } from "./api-failure";
import type { TokenFailure } from "./widget-token";

const MINT = "Mint widget tokens as docs/widget.md shows.";

export function tokenFailure(failure: TokenFailure): ApiFailure {
  switch (failure.reason) {
    case "malformed":
      return new ApiFailure("token_malformed", `The widget token is not usable: ${failure.detail}. ${MINT}`);
    case "wrong-algorithm":
      return new ApiFailure(
        "token_wrong_algorithm",
        `The widget token says alg ${failure.alg === null ? "(none given)" : `"${failure.alg}"`}; only HS256 signed with WIDGET_TOKEN_SECRET is accepted.`,
      );
    case "bad-signature":
      return new ApiFailure(
        "token_bad_signature",
        "The widget token's signature does not match: sign it with HS256 and the same WIDGET_TOKEN_SECRET the worker has.",
      );
    case "wrong-audience":
      return new ApiFailure(
        "token_wrong_audience",
        `The widget token is for ${JSON.stringify(failure.aud)}; its aud must be "${WIDGET_TOKEN_AUDIENCE}".`,
      );
    case "expired":
      return new ApiFailure(
        "token_expired",
        `The widget token expired ${failure.secondsAgo} s ago; ask the shop for a new one (tokens live at most ${MAX_TOKEN_LIFETIME_SECONDS} s).`,
      );
    case "not-yet-valid":
      return new ApiFailure(
        "token_not_yet_valid",
        `The widget token's ${failure.claim} is ${failure.secondsAhead} s in the future (more than the ${CLOCK_SKEW_SECONDS} s allowed); check the clock of the shop's server.`,
      );
    case "too-long-lived":
      return new ApiFailure(
        "token_too_long_lived",
        `The widget token lives ${failure.lifetime} s; a widget token may live at most ${MAX_TOKEN_LIFETIME_SECONDS} s (exp at most ${MAX_TOKEN_LIFETIME_SECONDS} s after iat and after now).`,
      );
  }
}
