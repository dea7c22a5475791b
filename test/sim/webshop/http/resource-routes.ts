/**
 * The five endpoints of one resource: the change feed and lookups (GET /), read (GET /{id}), idempotent create
 * (POST /), merge patch with If-Match (PATCH /{id}) and hard delete (DELETE /{id}).
 */
import { Hono } from "hono";
import { encodeCursor, encodeOffsetCursor } from "../core/cursor";
import { dropUnknownFields } from "../core/unknown-fields";
import { readFeed, readFeedByOffset } from "../domain/feed";
import { createRecord, deleteRecord, MODELS, type Precondition, patchRecord } from "../domain/operations";
import type { ShopState } from "../domain/state";
import type { ReferenceWebshopOptions, Resource } from "../types";
import { readJsonBody } from "./body";
import { badRequest, errorResponse, failureResponse } from "./errors";
import { type IdempotencyStore, readIdempotencyKey } from "./idempotency";
import { parseListQuery } from "./list-query";

export interface RouteDeps {
  state: ShopState;
  idempotency: IdempotencyStore;
  token: string;
  quirks: NonNullable<ReferenceWebshopOptions["quirks"]>;
}

export function resourceRoutes(resource: Resource, deps: RouteDeps): Hono {
  const { state, quirks } = deps;
  const model = MODELS[resource];
  const routes = new Hono();

  routes.get("/", (c) => {
    const params = new URL(c.req.url).searchParams;
    const options = {
      ignoreUnknown: Boolean(quirks.acceptUnknownFields),
      offsetCursors: Boolean(quirks.unstableCursors),
    };
    const parsed = parseListQuery(model, params, options);
    if (!parsed.ok) return badRequest("query", parsed.fields);
    const { start, offset, limit, filters } = parsed.query;
    const records = state.values(resource);
    if (quirks.unstableCursors) {
      const page = readFeedByOffset(records, offset, filters, limit);
      return c.json({
        data: page.data,
        next_cursor: encodeOffsetCursor(resource, page.nextOffset),
        has_more: page.has_more,
      });
    }
    const page = readFeed(records, start, filters, limit);
    return c.json({ data: page.data, next_cursor: encodeCursor(resource, page.next), has_more: page.has_more });
  });

  routes.get("/:id", (c) => {
    const record = state.get(resource, c.req.param("id"));
    if (!record) return failureResponse({ reason: "not_found", resource, id: c.req.param("id") });
    return withEtag(Response.json(record), record.version);
  });

  routes.post("/", async (c) => {
    const key = readIdempotencyKey(c.req.raw);
    if ("problem" in key) return badRequest("request", { "Idempotency-Key": key.problem });
    const request = c.req.raw;
    const text = await request.clone().text();
    const create = async () => {
      const body = await readJsonBody(request);
      if (!body.ok) return body.response;
      const input = quirks.acceptUnknownFields ? dropUnknownFields(body.value, model.createSchema) : body.value;
      const result = createRecord(state, resource, input);
      if (!result.ok) return failureResponse(result.failure);
      const location = `${new URL(c.req.url).pathname.replace(/\/$/, "")}/${result.value.id}`;
      return withEtag(
        Response.json(result.value, { status: 201, headers: { Location: location } }),
        result.value.version,
      );
    };
    if (quirks.ignoreIdempotencyKey) return create();
    return deps.idempotency.run(`${deps.token}\u0000${resource}`, key.key, text, create);
  });

  routes.patch("/:id", async (c) => {
    const precondition = readIfMatch(c.req.header("if-match"));
    if (precondition === null) return ifMatchProblem();
    const body = await readJsonBody(c.req.raw);
    if (!body.ok) return body.response;
    const input = quirks.acceptUnknownFields ? dropUnknownFields(body.value, model.patchSchema) : body.value;
    const result = patchRecord(
      state,
      resource,
      c.req.param("id"),
      input,
      quirks.ignoreIfMatch ? undefined : precondition,
    );
    if (!result.ok) return failureResponse(result.failure);
    return withEtag(Response.json(result.value.record), result.value.record.version);
  });

  routes.delete("/:id", (c) => {
    const precondition = readIfMatch(c.req.header("if-match"));
    if (precondition === null) return ifMatchProblem();
    const result = deleteRecord(state, resource, c.req.param("id"), precondition);
    return result.ok ? new Response(null, { status: 204 }) : failureResponse(result.failure);
  });

  routes.all("/", () => methodNotAllowed("GET, POST"));
  routes.all("/:id", () => methodNotAllowed("GET, PATCH, DELETE"));
  return routes;
}

/** `If-Match: 3`, or as an entity tag `"3"` / `W/"3"` (what ETag answers carry), or `*`; null when unreadable. */
export function readIfMatch(header: string | undefined): Precondition | null {
  if (header === undefined) return undefined;
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

function methodNotAllowed(allow: string): Response {
  return errorResponse(405, "method_not_allowed", `Use one of ${allow} here`, undefined, { Allow: allow });
}
