/**
 * The answers of POST /api/push, kept per Idempotency-Key for 24 hours so a second click (or a retry after a lost
 * answer) gets the same answer without a second sync. In KV, which is only a cache here: an answer lost to KV's
 * eventual consistency means one more sync of the record, and the engine's writes are idempotent anyway. A D1 lease
 * per key keeps two requests with the same key from syncing at the same time.
 */
import * as v from "valibot";
import { WebshopRecordStatusSchema } from "../../../shared/api/records";
import type { KvLike } from "../../budgets/metered";

export const ANSWER_TTL_SECONDS = 24 * 60 * 60;
/** Renewed while the push works (worker/engine/lease-book.ts); a crashed request frees its key after this. */
export const PUSH_LEASE_TTL_MS = 20_000;

const StoredAnswerSchema = v.object({ request: v.string(), answer: WebshopRecordStatusSchema });
export type StoredAnswer = v.InferOutput<typeof StoredAnswerSchema>;

/** The key hashed: KV keys and lease names stay short whatever the client sends. */
export async function keyHash(idempotencyKey: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(idempotencyKey));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export const answerKey = (hash: string) => `api-push:v1:${hash}`;
export const pushLeaseName = (hash: string) => `api-push:${hash}`;

export async function readAnswer(kv: KvLike, hash: string): Promise<StoredAnswer | null> {
  const text = await kv.get(answerKey(hash));
  if (text === null) return null;
  try {
    const parsed = v.safeParse(StoredAnswerSchema, JSON.parse(text));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}

export async function rememberAnswer(kv: KvLike, hash: string, stored: StoredAnswer): Promise<void> {
  await kv.put(answerKey(hash), JSON.stringify(stored), { expirationTtl: ANSWER_TTL_SECONDS });
}
