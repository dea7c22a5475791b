/**
 * One call to the widget API: the token in `Authorization`, one retry with a fresh token from the host when the
 * API says it expired, and the answer parsed with the shared schema, so a worker newer or older than the widget
 * shows up as a sentence naming the field, not as a crash somewhere in rendering.
 */
import * as v from "valibot";
import { ApiErrorSchema, TOKEN_REFRESH_CODES } from "../../../shared/api";
import type { ApiFailure, ApiResult } from "./failure";
import type { TokenSource } from "./token-source";

export interface ApiRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface Transport {
  /** Read at call time, so a changed `api-base` attribute takes effect on the next call. */
  apiBase: () => string;
  tokens: TokenSource;
}

/**
 * Resolves with the parsed answer or a failure; rejects only when `signal` aborts (the caller asked for that).
 * `root` names the answer in an unreadable-path message: "status" gives "status.dataflows[0].counts".
 */
export async function callApi<S extends v.GenericSchema>(
  transport: Transport,
  schema: S,
  root: string,
  request: ApiRequest,
): Promise<ApiResult<v.InferOutput<S>>> {
  const response = await sendWithToken(transport, request);
  return "failure" in response ? response : read(response, schema, root);
}

/** The request sent with the token (renewed once when refused as expired); the answer unread, whatever its status. */
export async function sendWithToken(
  transport: Transport,
  request: ApiRequest,
): Promise<Response | { ok: false; failure: ApiFailure }> {
  let token = await transport.tokens.usable();
  if (!token) return fail({ kind: "no-token" });
  request.signal?.throwIfAborted();

  let response = await send(transport.apiBase, request, token);
  if ("failure" in response) return response;
  if (response.status === 401 && refreshable(await peekError(response))) {
    const fresh = await transport.tokens.renew(token);
    if (!fresh) return fail({ kind: "no-token" });
    token = fresh;
    request.signal?.throwIfAborted();
    response = await send(transport.apiBase, request, token);
  }
  return response;
}

async function send(
  apiBase: () => string,
  request: ApiRequest,
  token: string,
): Promise<Response | { ok: false; failure: ApiFailure }> {
  const headers: Record<string, string> = {
    Accept: "application/json",
    Authorization: `Bearer ${token}`,
    ...request.headers,
  };
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  try {
    return await fetch(`${apiBase().trim().replace(/\/+$/, "")}${request.path}`, {
      method: request.method ?? "GET",
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: request.signal,
      // The token is the only credential: no cookies of the admin's site ride along to the worker.
      credentials: "omit",
      cache: "no-store",
    });
  } catch (error) {
    if (request.signal?.aborted) throw error;
    return fail({ kind: "network" });
  }
}

async function peekError(response: Response): Promise<string | null> {
  try {
    const parsed = v.safeParse(ApiErrorSchema, await response.clone().json());
    return parsed.success ? parsed.output.error.code : null;
  } catch {
    return null;
  }
}

function refreshable(code: string | null): boolean {
  return code !== null && (TOKEN_REFRESH_CODES as readonly string[]).includes(code);
}

export async function read<S extends v.GenericSchema>(
  response: Response,
  schema: S,
  root: string,
): Promise<ApiResult<v.InferOutput<S>>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if ((error as Error)?.name === "AbortError") throw error;
    return fail(response.ok ? { kind: "unreadable", path: root } : { kind: "status", status: response.status });
  }
  if (!response.ok) {
    const parsed = v.safeParse(ApiErrorSchema, body);
    return fail(
      parsed.success
        ? { kind: "api", status: response.status, code: parsed.output.error.code, message: parsed.output.error.message }
        : { kind: "status", status: response.status },
    );
  }
  const parsed = v.safeParse(schema, body);
  if (parsed.success) return { ok: true, value: parsed.output };
  return fail({ kind: "unreadable", path: issuePath(root, parsed.issues[0]) });
}

/** "status.dataflows[0].counts" from a valibot issue's path. */
export function issuePath(root: string, issue: v.BaseIssue<unknown> | undefined): string {
  let path = root;
  for (const item of issue?.path ?? []) {
    const key = (item as { key: unknown }).key;
    path += typeof key === "number" ? `[${key}]` : `.${String(key)}`;
  }
  return path;
}

function fail(failure: ApiFailure): { ok: false; failure: ApiFailure } {
  return { ok: false, failure };
}
