/**
 * The go-live checklist's shop checks: a read-only subset of the conformance kit (test/conformance/rules: auth,
 * feed, lookups), run from the worker against the shop's API as configured. Every request is a GET, sent once
 * (no retries: a check reports what the shop answers now), so the checks never change anything in the shop.
 *
 *   GET /R?limit=1 with the token, for each resource ─ reachable? token accepted? the contract's envelope and records?
 *   GET /customers?limit=1 without a token, and with a wrong one ─ 401 with the contract's error envelope?
 *   GET /products?sku=<a product's sku> and GET /customers?external_id=<a pair nobody has> ─ lookups filter?
 *
 * Seven requests in all; the first failure is the one the admin is told to fix, every result is in the details.
 */
import * as v from "valibot";
import type { GoLiveProblemCode } from "../../shared/api/go-live";
import { ErrorBody, RESOURCES, type Resource } from "../../shared/webshop";
import { type FetchLike, fetchWithTimeout, queryString, type RawResponse } from "../connectors/http-exchange";
import { readPage } from "../connectors/webshop/validate";

/** A check waits this long for an answer; a shop that takes longer fails the check as unreachable. */
export const CHECK_TIMEOUT_MS = 10_000;

export interface ShopCheck {
  /** e.g. "feed:customers", "auth:missing-token", "lookup:sku". */
  id: string;
  passed: boolean;
  /** What was asked and found, in words (for a failure: what to fix). */
  message: string;
}

export interface WebshopCheckResult {
  ranAt: string;
  checks: ShopCheck[];
  /** The first failure, with what to do; null when every check passed. */
  problem: { code: GoLiveProblemCode; message: string } | null;
}

export interface WebshopCheckDeps {
  config: { baseUrl: string; apiToken: string };
  /** Counted against the invocation's budget (worker/budgets/metered.ts). */
  fetch: FetchLike;
  now: () => number;
  /** Makes the wrong token and the sku nobody has; crypto.randomUUID by default. */
  randomId?: () => string;
}

interface Failure {
  code: GoLiveProblemCode;
  message: string;
}

const CONTRACT = "docs/webshop-api.md";

export async function checkWebshop(deps: WebshopCheckDeps): Promise<WebshopCheckResult> {
  const randomId = deps.randomId ?? (() => crypto.randomUUID());
  const checks: ShopCheck[] = [];
  let problem: Failure | null = null;
  const pass = (id: string, message: string) => checks.push({ id, passed: true, message });
  const failed = (id: string, failure: Failure) => {
    checks.push({ id, passed: false, message: failure.message });
    problem ??= failure;
  };
  const base = deps.config.baseUrl.replace(/\/+$/, "");
  const get = (path: string, query: Record<string, string>, token: string | null) =>
    fetchWithTimeout(
      deps.fetch,
      (signal) => {
        const headers: Record<string, string> = { Accept: "application/json" };
        if (token !== null) headers.Authorization = `Bearer ${token}`;
        return new Request(`${base}${path}${queryString(query)}`, { method: "GET", headers, signal });
      },
      CHECK_TIMEOUT_MS,
    );
  const ranAt = () => new Date(deps.now()).toISOString();

  // 1. Each feed with the token: reachable, token accepted, a first page in the contract's shape.
  const firstRecords: Partial<Record<Resource, Record<string, unknown>>> = {};
  let tokenAccepted = true;
  for (const resource of RESOURCES) {
    const id = `feed:${resource}`;
    const operation = `GET ${base}/${resource}?limit=1`;
    const answer = await get(`/${resource}`, { limit: "1" }, deps.config.apiToken);
    if (!answer.ok) {
      failed(id, unreachable(operation, answer.cause));
      // Nothing else can be learned from a shop that does not answer.
      return { ranAt: ranAt(), checks, problem };
    }
    const res = answer.response;
    if (res.status === 401 || res.status === 403) {
      tokenAccepted = false;
      failed(id, {
        code: "webshop-token-refused",
        message: `Your shop refused the worker's token (HTTP ${res.status} on ${operation})${said(res)}: set WEBSHOP_API_TOKEN to the bearer token your shop's sync API accepts, with access to customers, products and orders, then check again.`,
      });
      continue;
    }
    if (res.status !== 200) {
      failed(id, {
        code: "webshop-feed-invalid",
        message: `Your shop answered HTTP ${res.status} to ${operation}${said(res)}: its change feed must answer 200 with {"data": [...], "next_cursor", "has_more"} (${CONTRACT}, section 3); have the shop's developer fix it, then check again.`,
      });
      continue;
    }
    const page = readPage(resource, res, operation);
    if (!page.ok) {
      failed(id, {
        code: "webshop-feed-invalid",
        message: `${page.error.message.replace(/ It was not synced; the shop must send it as the webshop contract says\.$/, "")} Have the shop's developer make the feed answer as ${CONTRACT} (sections 2 and 3) says, then check again.`,
      });
      continue;
    }
    const first = page.value.data[0];
    if (first) firstRecords[resource] = first as unknown as Record<string, unknown>;
    if (page.value.data.length > 1) {
      failed(id, {
        code: "webshop-feed-invalid",
        message: `Your shop answered ${page.value.data.length} records to ${operation}: the feed must honour limit (1 to 500, ${CONTRACT} section 3); have the shop's developer fix it, then check again.`,
      });
      continue;
    }
    pass(
      id,
      `${operation} with the token: the contract's envelope, ${page.value.data.length === 0 ? "no records yet" : "a valid first record"}.`,
    );
  }

  // 2. The token is required: without one and with a wrong one, 401 with the error envelope.
  for (const [id, token, what] of [
    ["auth:missing-token", null, "without a token"],
    ["auth:wrong-token", `wrong-${randomId()}`, "with a wrong token"],
  ] as const) {
    const operation = `GET ${base}/customers?limit=1`;
    const answer = await get("/customers", { limit: "1" }, token);
    if (!answer.ok) {
      failed(id, unreachable(operation, answer.cause));
      continue;
    }
    const res = answer.response;
    if (res.status >= 200 && res.status < 300) {
      failed(id, {
        code: "webshop-open-without-token",
        message: `Your shop answered ${operation} ${what} with HTTP ${res.status}: anyone could read your customers. Its sync API must refuse a request ${what} with 401 (${CONTRACT}, section 3); have the shop's developer fix it, then check again.`,
      });
      continue;
    }
    if (res.status !== 401 || !hasErrorEnvelope(res)) {
      failed(id, {
        code: "webshop-auth-refusal-invalid",
        message: `Your shop refused ${operation} ${what} with HTTP ${res.status}${hasErrorEnvelope(res) ? "" : " and a body that is not the contract's error envelope"}: it must answer 401 with {"error": {"code", "message"}} (${CONTRACT}, sections 1 and 3); have the shop's developer fix it, then check again.`,
      });
      continue;
    }
    pass(id, `${operation} ${what}: refused with 401 and the contract's error envelope.`);
  }

  // 3. Lookups answer with the records that match, and only those.
  if (tokenAccepted) {
    const product = firstRecords.products;
    const sku = typeof product?.sku === "string" ? product.sku : `go-live-check-${randomId()}`;
    await lookupCheck("lookup:sku", "products", { sku }, (records) => {
      const stray = records.find(
        (r) =>
          String(r.sku ?? "")
            .trim()
            .toLowerCase() !== sku.trim().toLowerCase(),
      );
      if (stray) return `it answered ${String(stray.id)}, whose sku is not ${JSON.stringify(sku)}`;
      if (product && !records.some((r) => r.id === product.id)) return `it did not answer ${String(product.id)}`;
      return null;
    });
    const pair = `poweroffice_customer:go-live-check-${randomId()}`;
    await lookupCheck("lookup:external-id", "customers", { external_id: pair }, (records) =>
      records.length > 0 ? `it answered ${String(records[0]!.id)}, which no record with that pair can be` : null,
    );
  }

  return { ranAt: ranAt(), checks, problem };

  async function lookupCheck(
    id: string,
    resource: Resource,
    query: Record<string, string>,
    wrong: (records: Record<string, unknown>[]) => string | null,
  ): Promise<void> {
    const operation = `GET ${base}/${resource}${queryString(query)}`;
    const answer = await get(`/${resource}`, query, deps.config.apiToken);
    if (!answer.ok) {
      failed(id, unreachable(operation, answer.cause));
      return;
    }
    const res = answer.response;
    const page = res.status === 200 ? readPage(resource, res, operation) : null;
    const problem = !page
      ? `it answered HTTP ${res.status}${said(res)}`
      : !page.ok
        ? page.error.message.replace(/ It was not synced;.*$/, "")
        : wrong(page.value.data as unknown as Record<string, unknown>[]);
    if (problem) {
      failed(id, {
        code: "webshop-lookup-invalid",
        message: `Your shop's lookup ${operation} is not as the contract says: ${problem.replace(/\.$/, "")}. It must answer 200 with exactly the records that match (${CONTRACT}, section 3); have the shop's developer fix it, then check again.`,
      });
      return;
    }
    pass(id, `${operation}: answered with exactly the matching records.`);
  }
}

function unreachable(operation: string, cause: string): Failure {
  return {
    code: "webshop-unreachable",
    message: `The worker could not reach your shop's API (${operation}: ${cause}): check that WEBSHOP_BASE_URL is your shop's sync API and that the shop is online, then check again.`,
  };
}

function hasErrorEnvelope(res: RawResponse): boolean {
  try {
    return v.is(ErrorBody, JSON.parse(res.body));
  } catch {
    return false;
  }
}

/** The shop's own words, when its answer carries the error envelope. */
function said(res: RawResponse): string {
  try {
    const body = v.parse(ErrorBody, JSON.parse(res.body));
    return body.error.message.trim() ? ` ("${body.error.message.trim().slice(0, 200)}")` : "";
  } catch {
    return "";
  }
}
