/**
 * Deliberately broken shops for the conformance kit's negative tests: each quirk wraps the kit's handler and breaks
 * exactly one rule of the contract, the kit itself stays correct.
 */
import type * as v from "valibot";
import type { Resource } from "../../../webshop-kit/src/adapter";
import { knownListParameters } from "../../../webshop-kit/src/api/list-query";
import { readIfMatch } from "../../../webshop-kit/src/api/resource-handlers";
import { RESOURCES } from "../../../webshop-kit/src/contract/common";
import { textToBase64Url } from "../../../webshop-kit/src/core/base64";
import { parseCursor } from "../../../webshop-kit/src/core/cursor";
import { dropUnknownFields } from "../../../webshop-kit/src/core/unknown-fields";
import { MODELS } from "../../../webshop-kit/src/domain/operations";
import type { ReferenceWebshopOptions } from "./types";

type Handler = (request: Request) => Promise<Response>;
type Quirks = NonNullable<ReferenceWebshopOptions["quirks"]>;

export function withQuirks(handle: Handler, quirks: Quirks, basePath: string): Handler {
  let next = handle;
  if (quirks.ignoreIdempotencyKey) next = ignoringIdempotencyKey(next);
  if (quirks.ignoreIfMatch) next = ignoringIfMatch(next);
  if (quirks.acceptUnknownFields) next = acceptingUnknownFields(next, basePath);
  if (quirks.unstableCursors) next = withOffsetCursors(next, basePath);
  return next;
}

/** The resource and id a request's path names under the base path, if any. */
function target(request: Request, basePath: string): { resource: Resource; id?: string; url: URL } | undefined {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${basePath}/`)) return undefined;
  const [resource, id, ...rest] = url.pathname.slice(basePath.length).split("/").filter(Boolean);
  if (!(RESOURCES as readonly string[]).includes(resource ?? "") || rest.length > 0) return undefined;
  return { resource: resource as Resource, id, url };
}

/** POST creates anew on every call: each request gets a key of its own. */
function ignoringIdempotencyKey(handle: Handler): Handler {
  return (request) => {
    const key = request.headers.get("idempotency-key");
    if (request.method !== "POST" || key === null || key.length < 1 || key.length > 255) return handle(request);
    const headers = new Headers(request.headers);
    headers.set("idempotency-key", crypto.randomUUID());
    return handle(new Request(request, { headers }));
  };
}

/** PATCH never answers 412: a readable If-Match is treated as `*`. */
function ignoringIfMatch(handle: Handler): Handler {
  return (request) => {
    const header = request.headers.get("if-match");
    if (request.method !== "PATCH" || header === null || readIfMatch(header) === null) return handle(request);
    const headers = new Headers(request.headers);
    headers.set("if-match", "*");
    return handle(new Request(request, { headers }));
  };
}

/** Unknown query parameters and body fields are dropped instead of refused. */
function acceptingUnknownFields(handle: Handler, basePath: string): Handler {
  return async (request) => {
    const at = target(request, basePath);
    if (!at) return handle(request);
    if (request.method === "GET" && at.id === undefined) {
      const known = knownListParameters(at.resource);
      const url = new URL(at.url);
      for (const name of [...url.searchParams.keys()]) if (!known.includes(name)) url.searchParams.delete(name);
      return handle(new Request(url, request));
    }
    const schema = request.method === "POST" ? MODELS[at.resource].createSchema : MODELS[at.resource].patchSchema;
    if (request.method !== "POST" && request.method !== "PATCH") return handle(request);
    const text = await request.text();
    let body = text;
    try {
      body = JSON.stringify(dropUnknownFields(JSON.parse(text), schema as v.GenericSchema));
    } catch {
      // Not JSON: the kit says what is wrong with it.
    }
    const headers = new Headers(request.headers);
    headers.delete("content-length");
    return handle(new Request(request.url, { method: request.method, headers, body }));
  };
}

/**
 * The cursor is an offset into the feed as it is now (from its beginning, whatever the first page asked), so changes
 * between pages shift what it points at: records are missed or seen twice.
 */
function withOffsetCursors(handle: Handler, basePath: string): Handler {
  return async (request) => {
    const at = target(request, basePath);
    if (!at || request.method !== "GET" || at.id !== undefined) return handle(request);
    const params = new URLSearchParams(at.url.searchParams);
    const limitText = params.get("limit") ?? "100";
    const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN;
    const cursor = params.get("cursor");
    const decoded = cursor === null ? { r: at.resource, o: 0 } : parseCursor(cursor);
    const offset = decoded?.r === at.resource ? decoded.o : undefined;
    if (!(limit >= 1 && limit <= 500) || !Number.isInteger(offset) || (cursor && params.has("updated_after"))) {
      return handle(request);
    }
    params.delete("cursor");
    params.set("limit", "500");
    const all: unknown[] = [];
    for (;;) {
      const url = new URL(at.url);
      url.search = params.toString();
      const response = await handle(new Request(url, request));
      if (!response.ok) return response;
      const page = (await response.json()) as { data: unknown[]; next_cursor: string; has_more: boolean };
      all.push(...page.data);
      if (!page.has_more) break;
      params.delete("updated_after");
      params.set("cursor", page.next_cursor);
    }
    const start = offset as number;
    const data = all.slice(start, start + limit);
    const next = textToBase64Url(JSON.stringify({ v: 1, r: at.resource, o: start + data.length }));
    return Response.json({ data, next_cursor: next, has_more: all.length > start + limit });
  };
}
