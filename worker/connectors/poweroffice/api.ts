/** Authenticated calls to the v2 API: bearer token plus subscription key on every call, one retry on 401. */
import { unsafePathSegment } from "../../../shared/api/record-ids";
import { exchange, networkError, queryString, type RawResponse } from "../http-exchange";
import { type EntityName, errorForStatus, fail, invalidInput, ok, type Result } from "./errors";
import { readProblem } from "./problem";
import { retryPolicy, throttleWaitMs } from "./retry-policy";
import type { Runtime } from "./runtime";
import { createTokenSource, type TokenSource } from "./token";

export type QueryValue = string | number | boolean | undefined;

export interface ApiRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below the base URL, ids already encoded: "/Customers/123". */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body; a PATCH body is sent as application/json-patch+json. */
  body?: unknown;
  /** For messages. */
  entity: EntityName;
  id?: string;
}

export interface Api {
  /** 2xx answers as values; anything else as a typed error. */
  send(request: ApiRequest): Promise<Result<RawResponse>>;
  readonly rt: Runtime;
}

export function createApi(rt: Runtime, tokens: TokenSource = createTokenSource(rt)): Api {
  return {
    rt,
    async send(request) {
      const operation = `${request.method} ${request.path}`;
      // An id of "." or ".." (or with a "/") would address another path than the record's: never sent.
      const unsafe = unsafePathSegment(request.path);
      if (unsafe !== null) {
        return fail(
          invalidInput(request.entity, "id", request.id ?? unsafe, 'is not a record id (".", ".." or with "/")'),
        );
      }
      const url = `${rt.config.baseUrl}${request.path}${queryString(request.query)}`;
      // Creates are not replayed blindly: idempotent-create.ts finds out whether a lost one happened.
      const replayable = request.method !== "POST";
      let refreshed = false;
      for (;;) {
        const token = await tokens.get();
        if (!token.ok) return token;
        const answer = await exchange(
          rt,
          (signal) => buildRequest(rt, url, request, token.value, signal),
          retryPolicy(rt, replayable),
        );
        if (!answer.ok) {
          return fail(
            networkError(
              operation,
              answer,
              `PowerOffice did not answer ${operation} (${answer.cause}); the sync will try again.`,
            ),
          );
        }
        const res = answer.response;
        // One fresh token per call, never a loop: a second 401 means the keys themselves are refused.
        if (res.status === 401 && !refreshed) {
          refreshed = true;
          tokens.reject(token.value);
          continue;
        }
        if (res.status >= 200 && res.status < 300) return ok(res);
        const error = errorForStatus(res.status, readProblem(res.body), {
          operation,
          entity: request.entity,
          id: request.id,
        });
        if (error.kind === "rate-limited") error.retryAfterMs = throttleWaitMs(res, rt.now());
        return fail(error);
      }
    },
  };
}

function buildRequest(rt: Runtime, url: string, request: ApiRequest, token: string, signal: AbortSignal): Request {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${token}`,
    "Ocp-Apim-Subscription-Key": rt.config.subscriptionKey,
    Accept: "application/json",
  };
  let body: string | undefined;
  if (request.body !== undefined) {
    headers["Content-Type"] = request.method === "PATCH" ? "application/json-patch+json" : "application/json";
    body = JSON.stringify(request.body);
  }
  return new Request(url, { method: request.method, headers, body, signal });
}
