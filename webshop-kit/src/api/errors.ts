/** The contract's error envelope `{"error": {code, message, details}}`, and the one switch from failures to HTTP. */
import { describeFailure, type Failure } from "../core/failure.js";

export function errorResponse(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Response {
  const error = details ? { code, message, details } : { code, message };
  return Response.json({ error }, { status, headers });
}

export function failureResponse(failure: Failure): Response {
  const message = describeFailure(failure);
  switch (failure.reason) {
    case "invalid":
      return errorResponse(400, "validation_failed", message, { fields: failure.fields });
    case "not_found":
      return errorResponse(404, "not_found", message, { id: failure.id });
    case "duplicate":
      return errorResponse(409, "duplicate", message, {
        field: failure.field,
        value: failure.value,
        existing_id: failure.existingId,
      });
    case "unprocessable":
      return errorResponse(422, "unprocessable", message, { fields: failure.fields });
    case "version_mismatch":
      return errorResponse(412, "version_mismatch", message, {
        expected_version: failure.expected,
        current: failure.current,
      });
  }
}

/** A 400 about the request itself (query, headers, body syntax), with the bad parts named in `details.fields`. */
export function badRequest(what: string, fields: Record<string, string>): Response {
  return failureResponse({ reason: "invalid", what, fields });
}
