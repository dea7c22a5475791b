/**
 * Expected failures of /api/*: thrown as ApiFailure anywhere in a route and answered in one place (the router's
 * onError) as `{ error: { code, message } }` with the status shared/api/errors.ts assigns to the code.
 */
import type { Context } from "hono";
import { ERROR_STATUS, type ErrorCode } from "../../../shared/api/errors";

export class ApiFailure extends Error {
  override readonly name = "ApiFailure";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const fail = (code: ErrorCode, message: string): never => {
  throw new ApiFailure(code, message);
};

export function failureResponse(c: Context, failure: ApiFailure): Response {
  return c.json({ error: { code: failure.code, message: failure.message } }, ERROR_STATUS[failure.code]);
}
