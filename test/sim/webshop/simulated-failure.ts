/** The envelope an injected status fault answers with (faults skip the handler, so nothing is stored or changed). */
import { errorResponse } from "../../../webshop-kit/src/api/errors";

const CODE_BY_STATUS: Record<number, string> = {
  400: "validation_failed",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  412: "version_mismatch",
  422: "unprocessable",
  429: "rate_limited",
};

export function simulatedFailure(status: number, retryAfterSeconds?: number): Response {
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? "internal" : "error");
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) headers["Retry-After"] = String(retryAfterSeconds);
  else if (status === 429) headers["Retry-After"] = "1";
  if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="webshop"';
  return errorResponse(status, code, `Simulated failure (HTTP ${status})`, undefined, headers);
}
