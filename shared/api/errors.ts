/**
 * The one error body of /api/*: `{ error: { code, message } }`. `code` is for programs (the widget asks its host for
 * a new token on `token_expired`); `message` is for people, saying what to do about it.
 */
import * as v from "valibot";

export const ERROR_CODES = [
  // 401: the token (the widget's host mints it, docs/widget.md)
  "token_missing",
  "token_malformed",
  "token_wrong_algorithm",
  "token_bad_signature",
  "token_expired",
  "token_not_yet_valid",
  "token_wrong_audience",
  "token_too_long_lived",
  // 403
  "scope_insufficient",
  "origin_not_allowed",
  // 400 / 404 / 409 / 413 / 422 / 424: the request
  "invalid_request",
  "payload_too_large",
  "idempotency_key_missing",
  "idempotency_key_reused",
  "push_in_progress",
  "not_found",
  "link_not_found",
  "record_not_found",
  "no_open_conflicts",
  "already_linked",
  "wrong_dataflow",
  "record_unreadable",
  "dead_letter_not_found",
  "dead_letter_replayed",
  "dead_letter_unreadable",
  // PowerOffice's connection (docs/widget.md, "Connecting PowerOffice")
  "validation_failed",
  "not_connected",
  "cannot_connect",
  "callback_not_whitelisted",
  "poweroffice_refused",
  "poweroffice_unavailable",
  "first_sync_not_started",
  "preview_not_ready",
  // 503 / 500: the worker
  "not_configured",
  "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The HTTP status each code is answered with. */
export const ERROR_STATUS = {
  token_missing: 401,
  token_malformed: 401,
  token_wrong_algorithm: 401,
  token_bad_signature: 401,
  token_expired: 401,
  token_not_yet_valid: 401,
  token_wrong_audience: 401,
  token_too_long_lived: 401,
  scope_insufficient: 403,
  origin_not_allowed: 403,
  invalid_request: 400,
  payload_too_large: 413,
  idempotency_key_missing: 400,
  idempotency_key_reused: 422,
  push_in_progress: 409,
  not_found: 404,
  link_not_found: 404,
  record_not_found: 404,
  no_open_conflicts: 409,
  already_linked: 409,
  /** A shop record of another dataflow (a company named as a department). */
  wrong_dataflow: 422,
  /** A record a link by hand names could not be read now (the system did not answer): nothing was changed. */
  record_unreadable: 424,
  dead_letter_not_found: 404,
  /** Replayed before (a second click): the message went back on the queue once, nothing is sent again. */
  dead_letter_replayed: 409,
  /** A message the worker cannot read: a replay would only dead-letter it again. */
  dead_letter_unreadable: 422,
  /** A field of the connection's start is wrong: the message names it. */
  validation_failed: 400,
  /** The sync needs PowerOffice connected first. */
  not_connected: 409,
  /** Connecting from the widget is not possible here: POWEROFFICE_CLIENT_KEY is set, or CREDENTIALS_KEY is not. */
  cannot_connect: 409,
  /** PowerOffice refused the worker's callback URL: it must be whitelisted for this environment first. */
  callback_not_whitelisted: 502,
  /** PowerOffice refused the request for another reason, named in the message. */
  poweroffice_refused: 502,
  /** PowerOffice did not answer usably; try again. */
  poweroffice_unavailable: 503,
  /** The first sync is in preview: actions that sync a record wait for "Start syncing" (docs/widget.md, Preview). */
  first_sync_not_started: 409,
  /** The preview has not read both systems to their end yet, or PowerOffice is not connected. */
  preview_not_ready: 409,
  not_configured: 503,
  internal: 500,
} as const satisfies Record<ErrorCode, number>;

/** The codes after which a fresh token from the host page is worth one more try. */
export const TOKEN_REFRESH_CODES: readonly ErrorCode[] = ["token_expired", "token_not_yet_valid"];

export const ApiErrorSchema = v.object({
  error: v.object({
    code: v.picklist(ERROR_CODES),
    message: v.string(),
  }),
});
export type ApiError = v.InferOutput<typeof ApiErrorSchema>;
