/**
 * A small client for the reference webshop's own tests: calls it in-process as the worker's connector would, and
 * checks every answer against the contract's schemas (shared/webshop), so each test also proves the shapes.
 */
import * as v from "valibot";
import { Customer, ErrorBody, ListEnvelope, Order, Product, type Resource } from "../../../shared/webshop";
import { TEST_VARS } from "../../test-vars";
import { createReferenceWebshop, type ReferenceWebshop, type ReferenceWebshopOptions } from "./index";

export const BASE = TEST_VARS.WEBSHOP_BASE_URL;
export const TOKEN = TEST_VARS.WEBSHOP_API_TOKEN;
export const SECRET = TEST_VARS.WEBSHOP_WEBHOOK_SECRET;

const ITEM: Record<Resource, v.GenericSchema> = { customers: Customer, products: Product, orders: Order };

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** POST only: the Idempotency-Key; a fresh random one when left out, none when null. */
  key?: string | null;
  ifMatch?: string | number;
  token?: string | null;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read replies field by field, as untyped JSON.
  json: any;
}

export function shopClient(shop: ReferenceWebshop) {
  async function call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (options.token !== null) headers.Authorization = `Bearer ${options.token ?? TOKEN}`;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (method === "POST" && options.key !== null) headers["Idempotency-Key"] = options.key ?? crypto.randomUUID();
    if (options.ifMatch !== undefined) headers["If-Match"] = String(options.ifMatch);
    const body =
      options.body === undefined
        ? undefined
        : typeof options.body === "string"
          ? options.body
          : JSON.stringify(options.body);
    const response = await shop.fetch(
      new Request(`${BASE}${path}`, { method, headers: { ...headers, ...options.headers }, body }),
    );
    const text = await response.text();
    const reply = {
      status: response.status,
      headers: response.headers,
      text,
      json: text ? JSON.parse(text) : undefined,
    };
    checkShape(method, path, reply);
    return reply;
  }
  return {
    call,
    get: (path: string, options?: CallOptions) => call("GET", path, options),
    post: (path: string, body: unknown, options?: CallOptions) => call("POST", path, { ...options, body }),
    patch: (path: string, body: unknown, options?: CallOptions) => call("PATCH", path, { ...options, body }),
    delete: (path: string, options?: CallOptions) => call("DELETE", path, options),
  };
}

/** Throws when an answer does not have the contract's shape for its endpoint. */
export function checkShape(method: string, path: string, reply: Reply): void {
  const [resourcePart, id] = path.split("?")[0]!.split("/").filter(Boolean) as [string, string | undefined];
  const item = ITEM[resourcePart as Resource];
  let schema: v.GenericSchema | undefined;
  if (reply.status === 204) {
    if (reply.text !== "") throw new Error(`${method} ${path}: 204 with a body`);
    return;
  }
  if (reply.status >= 400) schema = ErrorBody;
  else if (item && method === "GET" && !id) schema = ListEnvelope(item);
  else if (item) schema = item;
  if (!schema) throw new Error(`${method} ${path}: unexpected status ${reply.status}`);
  const parsed = v.safeParse(schema, reply.json);
  if (!parsed.success) {
    throw new Error(
      `${method} ${path} → ${reply.status}: body breaks the contract: ${JSON.stringify(v.flatten(parsed.issues))}`,
    );
  }
  if (reply.status === 412 && item) v.parse(item, reply.json.error.details.current);
}

/** A hand-driven clock for the `now` option. */
export function manualClock(start = Date.UTC(2026, 10, 26, 12, 0, 0)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}

export function testShop(options: ReferenceWebshopOptions = {}) {
  const clock = manualClock();
  const shop = createReferenceWebshop({ now: clock.now, ...options });
  return { shop, api: shopClient(shop), clock };
}

/** Reads a whole feed from a cursor (or the start), page by page; returns the records and the last cursor. */
export async function readAll(api: ReturnType<typeof shopClient>, resource: Resource, cursor?: string, limit = 2) {
  const seen: { id: string; version: number; updated_at: string }[] = [];
  let next = cursor;
  for (;;) {
    const query = new URLSearchParams({ limit: String(limit), ...(next ? { cursor: next } : {}) });
    const page = await api.get(`/${resource}?${query}`);
    if (page.status !== 200) throw new Error(`feed page: ${page.status} ${page.text}`);
    seen.push(...page.json.data);
    next = page.json.next_cursor;
    if (!page.json.has_more) return { seen, cursor: next! };
  }
}
