/**
 * Idempotency-Key claims on D1: one batch takes the key when it is free or expired and reads back what holds it; the
 * claim token written with a take says whether the take was this caller's.
 */
import type { IdempotencyClaim, StoredAnswer, WebshopAdapter } from "../../adapter.js";
import { newWriteToken } from "../sql/rows.js";
import type { D1DatabaseLike } from "./d1-types.js";

interface ClaimRow {
  fingerprint: string;
  answer: string | null;
  claim_token: string;
}

/** Expired keys are swept a few at a time on each claim, so the table stays the size of a day's traffic. */
const SWEEP_PER_CLAIM = 20;

export function d1Idempotency(db: D1DatabaseLike): WebshopAdapter["idempotency"] {
  return {
    async claim(scope, key, fingerprint, now, runningTtlMs): Promise<IdempotencyClaim> {
      const token = newWriteToken();
      const [, , read] = await db.batch([
        db
          .prepare(
            "DELETE FROM webshop_kit_idempotency WHERE rowid IN (SELECT rowid FROM webshop_kit_idempotency WHERE expires_at <= ?1 LIMIT ?2)",
          )
          .bind(Math.floor(now), SWEEP_PER_CLAIM),
        db
          .prepare(
            `INSERT INTO webshop_kit_idempotency (scope, key, fingerprint, answer, expires_at, claim_token)
             VALUES (?1, ?2, ?3, NULL, ?4, ?5)
             ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint, answer = NULL,
               expires_at = excluded.expires_at, claim_token = excluded.claim_token
             WHERE webshop_kit_idempotency.expires_at <= ?6`,
          )
          .bind(scope, key, fingerprint, Math.floor(now + runningTtlMs), token, Math.floor(now)),
        db
          .prepare("SELECT fingerprint, answer, claim_token FROM webshop_kit_idempotency WHERE scope = ?1 AND key = ?2")
          .bind(scope, key),
      ]);
      const row = read?.results[0] as ClaimRow | undefined;
      if (!row) throw new Error(`idempotency key '${key}' was neither taken nor held`);
      if (row.claim_token === token) return { state: "first" };
      if (row.fingerprint !== fingerprint) return { state: "mismatch" };
      if (row.answer === null) return { state: "running" };
      return { state: "done", fingerprint: row.fingerprint, answer: JSON.parse(row.answer) as StoredAnswer };
    },
    async complete(scope, key, answer, now, ttlMs): Promise<void> {
      await db
        .prepare(
          "UPDATE webshop_kit_idempotency SET answer = ?3, expires_at = ?4 WHERE scope = ?1 AND key = ?2 AND answer IS NULL",
        )
        .bind(scope, key, JSON.stringify(answer), Math.floor(now + ttlMs))
        .run();
    },
    async release(scope, key): Promise<void> {
      await db
        .prepare("DELETE FROM webshop_kit_idempotency WHERE scope = ?1 AND key = ?2 AND answer IS NULL")
        .bind(scope, key)
        .run();
    },
  };
}
