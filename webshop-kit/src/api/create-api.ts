/**
 * The kit's entry point: the whole contract (docs/webshop-api.md) under `basePath`, from the shop's adapter.
 * Bearer auth first for every path under the base, then `/{resource}` and `/{resource}/{id}`. Unknown paths answer
 * 404, other methods 405, and unexpected errors 500, all in the contract's error envelope.
 */
import type { Resource } from "../adapter.js";
import { RESOURCES } from "../contract/common.js";
import { bearerCheck } from "./auth.js";
import { errorResponse } from "./errors.js";
import type { WebshopApi, WebshopApiOptions } from "./options.js";
import { createOne, deleteOne, type HandlerDeps, listRecords, patchOne, readRecord } from "./resource-handlers.js";

export function createWebshopApi(options: WebshopApiOptions): WebshopApi {
  const basePath = normaliseBase(options.basePath ?? "");
  const checkToken = bearerCheck(options.tokens);
  const deps: HandlerDeps = { adapter: options.adapter, now: options.now ?? Date.now };

  async function route(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (path !== basePath && !path.startsWith(`${basePath}/`)) return noRoute(request.method, path);
    const refused = await checkToken(request);
    if (refused) return refused;
    const segments = path.slice(basePath.length).split("/").filter(Boolean).map(decodeSegment);
    const [resource, id, ...rest] = segments;
    if (!isResource(resource) || rest.length > 0 || id === null) return noRoute(request.method, path);
    const method = request.method.toUpperCase();
    if (id === undefined) {
      if (method === "GET" || method === "HEAD") return listRecords(deps, resource, url);
      if (method === "POST") return createOne(deps, resource, request, await scopeOf(request, resource));
      return methodNotAllowed("GET, POST");
    }
    if (method === "GET" || method === "HEAD") return readRecord(deps, resource, id);
    if (method === "PATCH") return patchOne(deps, resource, id, request);
    if (method === "DELETE") return deleteOne(deps, resource, id, request);
    return methodNotAllowed("GET, PATCH, DELETE");
  }

  return {
    async fetch(request) {
      try {
        return await route(request);
      } catch (error) {
        console.error(`webshop-kit: unhandled error on ${request.method} ${new URL(request.url).pathname}:`, error);
        const message = error instanceof Error ? error.message : String(error);
        return errorResponse(500, "internal", `The shop failed unexpectedly: ${message}`);
      }
    },
  };
}

/** "" for the root; otherwise "/api" (leading slash, no trailing one). */
function normaliseBase(basePath: string): string {
  const trimmed = basePath.replace(/\/+$/, "");
  return trimmed === "" || trimmed.startsWith("/") ? trimmed : `/${trimmed}`;
}

function isResource(value: string | null | undefined): value is Resource {
  return (RESOURCES as readonly (string | null | undefined)[]).includes(value);
}

/** null for a segment that is not valid percent-encoding (no record has such an id). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Idempotency keys are kept per token (a digest of it, never the token itself) and resource. */
async function scopeOf(request: Request, resource: Resource): Promise<string> {
  const token = request.headers.get("authorization") ?? "";
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token.trim())));
  const hex = Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex}/${resource}`;
}

function noRoute(method: string, path: string): Response {
  return errorResponse(404, "not_found", `No route for ${method} ${path}`);
}

function methodNotAllowed(allow: string): Response {
  return errorResponse(405, "method_not_allowed", `Use one of ${allow} here`, undefined, { Allow: allow });
}
