/**
 * The five endpoints of one resource: the change feed and lookups (GET /), read (GET /{id}), idempotent create
 * (POST /), merge patch with If-Match (PATCH /{id}) and hard delete (DELETE /{id}).
 */
import type { Resource, WebshopAdapter } from "../adapter.js";
import { encodeCursor } from "../core/cursor.js";
import { createRecord, deleteRecord, type Precondition, patchRecord } from "../domain/operations.js";
import { runAsync } from "../domain/steps.js";
import { readJsonBody } from "./body.js";
import { badRequest, failureResponse } from "./errors.js";
import { readPage } from "./feed.js";
import { readIdempotencyKey, runIdempotent } from "./idempotency.js";
import { parseListQuery } from "./list-query.js";

export interface HandlerDeps {
  adapter: WebshopAdapter;
  now: () => number;
}

export async function listRecords(deps: HandlerDeps, resource: Resource, url: URL): Promise<Response> {
  const parsed = parseListQuery(resource, url.searchParams);
  if (!parsed.ok) return badRequest("query", parsed.fields);
  const { start, lookups, limit } = parsed.query;
  const page = await readPage(deps.adapter, resource, start, lookups, limit);
  return Response.json({ data: page.data, next_cursor: encodeCursor(resource, page.next), has_more: page.has_more });
}

export async function readRecord(deps: HandlerDeps, resource: Resource, id: string): Promise<Response> {
  const record = await deps.adapter.get(resource, id);
  if (!record) return failureResponse({ reason: "not_found", resource, id });
  return withEtag(Response.json(record), record.version);
}

/** `scope` keeps idempotency keys apart per token and resource. */
export async function createOne(
  deps: HandlerDeps,
  resource: Resource,
  request: Request,
  scope: string,
): Promise<Response> {
  const key = readIdempotencyKey(request);
  if ("problem" in key) return badRequest("request", { "Idempotency-Key": key.problem });
  const text = await request.clone().text();
  const create = async () => {
    const body = await readJsonBody(request);
    if (!body.ok) return body.response;
    const result = await runAsync(createRecord(resource, body.value, deps.now()), deps.adapter);
    if (!result.ok) return failureResponse(result.failure);
    const location = `${new URL(request.url).pathname.replace(/\/$/, "")}/${encodeURIComponent(result.value.id)}`;
    return withEtag(
      Response.json(result.value, { status: 201, headers: { Location: location } }),
      result.value.version,
    );
  };
  return runIdempotent(deps.adapter.idempotency, { scope, key: key.key, body: text, now: deps.now }, create);
}

export async function patchOne(deps: HandlerDeps, resource: Resource, id: string, request: Request): Promise<Response> {
  const precondition = readIfMatch(request.headers.get("if-match"));
  if (precondition === null) return ifMatchProblem();
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  const result = await runAsync(patchRecord(resource, id, body.value, precondition, deps.now()), deps.adapter);
  if (!result.ok) return failureResponse(result.failure);
  return withEtag(Response.json(result.value.record), result.value.record.version);
}

export async function deleteOne(deps: HandlerDeps, resource: Resource, id: string, request: Request) {
  const precondition = readIfMatch(request.headers.get("if-match"));
  if (precondition === null) return ifMatchProblem();
  const result = await runAsync(deleteRecord(resource, id, precondition, deps.now()), deps.adapter);
  return result.ok ? new Response(null, { status: 204 }) : failureResponse(result.failure);
}

/** `If-Match: 3`, or as an entity tag `"3"` / `W/"3"` (what ETag answers carry), or `*`; null when unreadable. */
export function readIfMatch(header: string | null): Precondition | null {
  if (header === null) return undefined;
  const value = header.trim();
  if (value === "*") return "*";
  const match = /^(?:W\/)?"?(\d{1,15})"?$/.exec(value);
  return match ? Number(match[1]) : null;
}

function ifMatchProblem(): Response {
  return badRequest("request", { "If-Match": 'must be the version number you read, like 3 (or "3")' });
}

function withEtag(response: Response, version: number): Response {
  response.headers.set("ETag", `"${version}"`);
  return response;
}
