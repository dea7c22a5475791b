/**
 * Idempotent POST through the adapter's idempotency store: the first completed answer (2xx or 4xx, except 401, 403
 * and 429, which say nothing about the request) to an Idempotency-Key is kept for 24 h, scoped to the token and the
 * resource. The same key with the same body (compared as JSON data, key order aside) gets that answer again and
 * creates nothing; with another body → 409 idempotency_mismatch. 5xx answers are not kept, so a retry runs anew.
 * A request arriving while the first with its key is still running waits for it, asking the store again with a
 * growing pause, up to WAIT_MS; then it answers 409 idempotency_in_progress with Retry-After.
 *
 *   absent ──claim──▶ running ──2xx/4xx──▶ stored (24 h) ──expiry──▶ absent
 *                        └──────5xx / throw──▶ released (absent)
 */
import type { StoredAnswer, WebshopAdapter } from "../adapter.js";
import { canonicalJson } from "../core/canonical-json.js";
import { errorResponse } from "./errors.js";

export interface IdempotencyTimes {
  /** How long a stored answer is kept. */
  ttlMs: number;
  /** How long a claim counts as running: a request that died without releasing its key holds it no longer. */
  runningTtlMs: number;
  /** How long a second request waits for the first before answering 409 idempotency_in_progress. */
  waitMs: number;
}

export const IDEMPOTENCY_TIMES: IdempotencyTimes = {
  ttlMs: 24 * 60 * 60 * 1000,
  runningTtlMs: 60_000,
  waitMs: 10_000,
};

const NOT_STORED = new Set([401, 403, 429]);

export async function runIdempotent(
  store: WebshopAdapter["idempotency"],
  request: { scope: string; key: string; body: string; now: () => number },
  handler: () => Promise<Response>,
  times: IdempotencyTimes = IDEMPOTENCY_TIMES,
): Promise<Response> {
  const { scope, key, now } = request;
  const fingerprint = fingerprintOf(request.body);
  // Waiting is measured in real time: the shop's clock may be a test's frozen one.
  const started = Date.now();
  for (let pause = 5; ; pause = Math.min(pause * 2, 250)) {
    const claim = await store.claim(scope, key, fingerprint, now(), times.runningTtlMs);
    if (claim.state === "first") return runFirst(store, request, handler, times);
    if (claim.state === "done") return replay(claim.answer);
    if (claim.state === "mismatch") return mismatch(key);
    if (Date.now() - started >= times.waitMs) return inProgress(key);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

async function runFirst(
  store: WebshopAdapter["idempotency"],
  request: { scope: string; key: string; now: () => number },
  handler: () => Promise<Response>,
  times: IdempotencyTimes,
): Promise<Response> {
  let response: Response;
  try {
    response = await handler();
  } catch (error) {
    await store.release(request.scope, request.key);
    throw error;
  }
  if (response.status >= 500 || NOT_STORED.has(response.status)) {
    await store.release(request.scope, request.key);
    return response;
  }
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    headers.push([name, value]);
  });
  const answer: StoredAnswer = { status: response.status, headers, body: await response.text() };
  await store.complete(request.scope, request.key, answer, request.now(), times.ttlMs);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** Same data in any key order is the same request; a body that is not JSON is compared as text. */
function fingerprintOf(body: string): string {
  try {
    return `json:${canonicalJson(JSON.parse(body))}`;
  } catch {
    return `text:${body}`;
  }
}

function replay(answer: StoredAnswer): Response {
  const headers = new Headers(answer.headers);
  headers.set("Idempotent-Replayed", "true");
  return new Response(answer.body, { status: answer.status, headers });
}

function mismatch(key: string): Response {
  return errorResponse(
    409,
    "idempotency_mismatch",
    `Idempotency-Key '${key}' was already used with a different body; use a new key for a different request`,
    { idempotency_key: key },
  );
}

function inProgress(key: string): Response {
  return errorResponse(
    409,
    "idempotency_in_progress",
    `A request with Idempotency-Key '${key}' is still running; send the same request again in a few seconds`,
    { idempotency_key: key },
    { "Retry-After": "2" },
  );
}

/** The header's value, or the problem with it. */
export function readIdempotencyKey(request: Request): { key: string } | { problem: string } {
  const key = request.headers.get("idempotency-key");
  if (key === null) return { problem: "is required on POST (1 to 255 characters, unique per intended create)" };
  if (key.length < 1 || key.length > 255) return { problem: `must be 1 to 255 characters, got ${key.length}` };
  return { key };
}
