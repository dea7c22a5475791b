/**
 * The widget API on a whole world (test/workerd/jobs/harness.ts: both simulators in-process, the real local D1 and
 * KV, one fake clock): the /api router mounted as worker/http/app.ts mounts it, with the world's overrides, and a
 * client that sends a token, checks every answer against its shared/api schema and keeps every answer it saw.
 */
import { Hono } from "hono";
import * as v from "valibot";
import { ApiErrorSchema, type ErrorCode } from "../../../../shared/api/errors";
import type { TokenScope } from "../../../../shared/api/token";
import { createRateLimiter } from "../../../../worker/connectors/poweroffice/rate-limiter";
import { createApi } from "../../../../worker/http/api/widget-api";
import { createWorld, type WorldOptions } from "../../jobs/harness";
import { simFetch } from "../../sim-fetch";
import { testToken } from "./tokens";

export const ADMIN_ORIGIN = "https://admin.shop.test";

export interface SeenAnswer {
  method: string;
  path: string;
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export interface CallOptions {
  /** The token's scope (default write), a token as is, or null for none. */
  token?: TokenScope | { raw: string } | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** The widget API wired to a world's simulators and clock, with `overrides` on top (a budget, a policy...). */
export function worldApi(
  world: Awaited<ReturnType<typeof createWorld>>,
  overrides: Partial<Parameters<typeof createApi>[0]> = {},
) {
  return createApi({
    fetch: simFetch({ "poweroffice.sim": world.poweroffice, "webshop.sim": { fetch: (r) => world.shop.fetch(r) } }),
    sleep: world.clock.sleep,
    now: world.clock.now,
    random: () => 0.5,
    limiter: createRateLimiter(),
    log: (line) => world.logs.push(line),
    ...overrides,
  });
}

export async function createApiWorld(options: WorldOptions = {}) {
  const world = await createWorld(options);
  const api = worldApi(world, options.overrides);
  const app = new Hono<{ Bindings: Env }>().route("/api", api);
  const seen: SeenAnswer[] = [];

  /** One request as a browser on the admin page would send it; the answer is kept in `seen`. */
  async function send(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    const headers = new Headers(options.headers);
    const token = options.token === undefined ? "write" : options.token;
    if (token !== null) {
      const raw = typeof token === "string" ? await testToken(token, world.clock.now()) : token.raw;
      headers.set("Authorization", `Bearer ${raw}`);
    }
    if (options.body !== undefined) headers.set("Content-Type", "application/json");
    const init: RequestInit = { method, headers };
    if (options.body !== undefined) init.body = JSON.stringify(options.body);
    const response = await app.request(`https://worker.test${path}`, init, world.env);
    const body = await response.text();
    seen.push({ method, path, status: response.status, headers: [...response.headers], body });
    return new Response(body, { status: response.status, headers: response.headers });
  }

  /** A request that must succeed with a body matching `schema`. */
  async function ok<S extends v.GenericSchema>(
    schema: S,
    method: string,
    path: string,
    options?: CallOptions,
  ): Promise<v.InferOutput<S>> {
    const response = await send(method, path, options);
    const body = await response.json();
    if (response.status !== 200) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(body)}`);
    return v.parse(schema, body);
  }

  /** A request that must be refused with `code` (and the status the shared errors give it). */
  async function refused(code: ErrorCode, method: string, path: string, options?: CallOptions) {
    const response = await send(method, path, options);
    const body = v.parse(ApiErrorSchema, await response.json());
    if (body.error.code !== code) {
      throw new Error(`${method} ${path}: expected ${code}, got ${response.status} ${JSON.stringify(body)}`);
    }
    return { status: response.status, message: body.error.message, headers: response.headers };
  }

  return { ...world, app, send, ok, refused, seen };
}

export type ApiWorld = Awaited<ReturnType<typeof createApiWorld>>;
