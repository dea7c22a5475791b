/**
 * Idempotent POST: the first completed answer (2xx or 4xx) to an Idempotency-Key is kept for 24 h, scoped to the
 * token and the resource. The same key with the same body (compared as JSON data, key order aside) gets that answer
 * again and creates nothing; with another body → 409 idempotency_mismatch. 5xx answers are not kept, so a retry
 * runs anew. A request arriving while the first with its key is still running waits for it and then gets its answer.
 *
 *   absent ──run──▶ running ──2xx/4xx──▶ stored (24 h) ──expiry──▶ absent
 *                      └──────5xx / throw────────▶ absent
 */
import { canonicalJson } from "../core/canonical-json";
import { errorResponse } from "./errors";

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

interface Entry {
  fingerprint: string;
  /** Set while the first request runs. */
  running?: Promise<void>;
  answer?: StoredAnswer;
  expiresAt: number;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  async run(scope: string, key: string, body: string, handler: () => Promise<Response>): Promise<Response> {
    const id = `${scope}\u0000${key}`;
    const fingerprint = fingerprintOf(body);
    for (;;) {
      const entry = this.entries.get(id);
      if (entry && entry.expiresAt <= this.now()) this.entries.delete(id);
      else if (entry) {
        if (entry.fingerprint !== fingerprint) return mismatch(key);
        if (entry.answer) return replay(entry.answer);
        await entry.running;
        continue;
      }
      return this.runFirst(id, fingerprint, handler);
    }
  }

  private async runFirst(id: string, fingerprint: string, handler: () => Promise<Response>): Promise<Response> {
    let finished = () => {};
    const entry: Entry = {
      fingerprint,
      running: new Promise<void>((resolve) => (finished = resolve)),
      expiresAt: Number.POSITIVE_INFINITY,
    };
    this.entries.set(id, entry);
    try {
      const response = await handler();
      if (response.status >= 500) {
        this.entries.delete(id);
        return response;
      }
      const headers: [string, string][] = [];
      response.headers.forEach((value, name) => {
        headers.push([name, value]);
      });
      const answer = { status: response.status, headers, body: await response.text() };
      Object.assign(entry, { answer, running: undefined, expiresAt: this.now() + IDEMPOTENCY_TTL_MS });
      return new Response(answer.body, { status: answer.status, headers: answer.headers });
    } catch (error) {
      this.entries.delete(id);
      throw error;
    } finally {
      finished();
    }
  }
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

/** The header's value, or the problem with it. */
export function readIdempotencyKey(request: Request): { key: string } | { problem: string } {
  const key = request.headers.get("idempotency-key");
  if (key === null) return { problem: "is required on POST (1 to 255 characters, unique per intended create)" };
  if (key.length < 1 || key.length > 255) return { problem: `must be 1 to 255 characters, got ${key.length}` };
  return { key };
}
