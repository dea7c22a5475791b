/** Authenticated calls to the webshop's sync API: bearer token, JSON bodies, non-2xx answers as typed errors. */
import { unsafePathSegment } from "../../../shared/api/record-ids";
import type { Resource } from "../../../shared/webshop";
import { exchange, networkError, queryString, type RawResponse } from "../http-exchange";
import { fail, invalidInput, ok, type Result } from "./errors";
import { retryPolicy, throttleWaitMs } from "./retry-policy";
import type { Runtime } from "./runtime";
import { errorForStatus, readShopError } from "./shop-error";

export type QueryValue = string | number | undefined;

export interface ApiRequest {
  method: "GET" | "POST" | "PATCH";
  /** Below the base URL, ids already encoded: "/customers/c_123". */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /** For messages. */
  resource: Resource;
  id?: string;
  /** Non-2xx statuses the caller reads itself (412 for updates, 409 for creates). */
  passThrough?: readonly number[];
}

/** A 2xx (or passed-through) answer, and how many attempts it took (a create re-sent more than once is checked). */
export type Answer = RawResponse & { attempts: number };

export interface Api {
  send(request: ApiRequest): Promise<Result<Answer>>;
  readonly rt: Runtime;
}

export function createApi(rt: Runtime): Api {
  return {
    rt,
    async send(request) {
      const operation = `${request.method} ${request.path}`;
      // An id of "." or ".." (or with a "/") would address another path than the record's: never sent.
      const unsafe = unsafePathSegment(request.path);
      if (unsafe !== null) {
        return fail(
          invalidInput(request.resource, "id", request.id ?? unsafe, 'is not a record id (".", ".." or with "/")'),
        );
      }
      const url = `${rt.config.baseUrl}${request.path}${queryString(request.query)}`;
      const answer = await exchange(rt, (signal) => buildRequest(rt, url, request, signal), retryPolicy(rt));
      if (!answer.ok) {
        return fail(
          networkError(
            operation,
            answer,
            `The webshop did not answer ${operation} (${answer.cause}) after ${answer.attempts} attempts; the sync will try again.`,
          ),
        );
      }
      const res = answer.response;
      if ((res.status >= 200 && res.status < 300) || request.passThrough?.includes(res.status)) {
        return ok({ ...res, attempts: answer.attempts });
      }
      const error = errorForStatus(res.status, readShopError(res.body), {
        operation,
        resource: request.resource,
        id: request.id,
      });
      if (error.kind === "rate-limited") error.retryAfterMs = throttleWaitMs(res, rt.now()) ?? 0;
      return fail(error);
    },
  };
}

function buildRequest(rt: Runtime, url: string, request: ApiRequest, signal: AbortSignal): Request {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${rt.config.apiToken}`,
    Accept: "application/json",
    ...request.headers,
  };
  let body: string | undefined;
  if (request.body !== undefined) {
    // Plain application/json for merge patches too: the contract names no media type, and every JSON stack parses
    // this one (some would silently skip an unknown application/merge-patch+json body).
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(request.body);
  }
  return new Request(url, { method: request.method, headers, body, signal });
}

/** "/customers/c%201": ids are opaque strings and may hold characters a path cannot (but no "/", see send). */
export const recordPath = (resource: Resource, id: string) => `/${resource}/${encodeURIComponent(id)}`;
