/**
 * Why an API call did not give the widget what it asked for, as values (never thrown), and each in words an admin
 * can act on.
 */
import type { ErrorCode } from "../../../shared/api";
import type { ErrorDetail } from "../events";
import type { Messages } from "../i18n";

export type ApiFailure =
  /** fetch itself failed: offline, DNS, CORS refused, the worker down. */
  | { kind: "network" }
  /** The host page gave no token (no `token` property and no answer to the token request). */
  | { kind: "no-token" }
  /** The API's own error body: its message is for people already. */
  | { kind: "api"; status: number; code: ErrorCode; message: string }
  /** A status without an error body this widget knows (a proxy's 502 page, say). */
  | { kind: "status"; status: number }
  /** The body did not match the shared schema: `path` names the first place it did not. */
  | { kind: "unreadable"; path: string };

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export function describeFailure(failure: ApiFailure, m: Messages): string {
  switch (failure.kind) {
    case "network":
      return m.errors.network;
    case "no-token":
      return m.errors.noToken;
    case "api":
      return failure.message;
    case "status":
      return m.errors.status(failure.status);
    case "unreadable":
      return m.errors.unreadable(failure.path);
  }
}

export function failureDetail(failure: ApiFailure, m: Messages): ErrorDetail {
  const code =
    failure.kind === "api"
      ? failure.code
      : failure.kind === "no-token"
        ? "no_token"
        : failure.kind === "status"
          ? "http_status"
          : failure.kind;
  return { code, message: describeFailure(failure, m) };
}
