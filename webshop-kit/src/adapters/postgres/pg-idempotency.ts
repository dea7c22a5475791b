/**
 * Idempotency-Key claims on PostgreSQL: one statement takes the key when it is free or expired (INSERT … ON CONFLICT
 * DO UPDATE … WHERE expired); when it does not, what holds the key is read. A key released between the two is tried
 * again.
 */
import type { IdempotencyClaim, StoredAnswer, WebshopAdapter } from "../../adapter.js";
import { newWriteToken } from "../sql/rows.js";
import type { PgQueryable } from "./pg-types.js";

interface ClaimRow {
  fingerprint: string;
  answer: StoredAnswer | null;
}

/** Expired keys are swept a few at a time on each claim, so the table stays the size of a day's traffic. */
const SWEEP_PER_CLAIM = 20;
const ATTEMPTS = 5;

export function pgIdempotency(db: PgQueryable): WebshopAdapter["idempotency"] {
  return {
    async claim(scope, key, fingerprint, now, runningTtlMs): Promise<IdempotencyClaim> {
      await db.query(
        `DELETE FROM webshop_kit_idempotency WHERE ctid IN
           (SELECT ctid FROM webshop_kit_idempotency WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`,
        [Math.floor(now), SWEEP_PER_CLAIM],
      );
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        const taken = await db.query(
          `INSERT INTO webshop_kit_idempotency AS i (scope, key, fingerprint, answer, expires_at, claim_token)
           VALUES ($1, $2, $3, NULL, $4, $5)
           ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, answer = NULL,
             expires_at = EXCLUDED.expires_at, claim_token = EXCLUDED.claim_token
           WHERE i.expires_at <= $6
           RETURNING 1`,
          [scope, key, fingerprint, Math.floor(now + runningTtlMs), newWriteToken(), Math.floor(now)],
        );
        if (taken.rows.length > 0) return { state: "first" };
        const { rows } = await db.query(
          "SELECT fingerprint, answer FROM webshop_kit_idempotency WHERE scope = $1 AND key = $2 AND expires_at > $3",
          [scope, key, Math.floor(now)],
        );
        const row = rows[0] as ClaimRow | undefined;
        if (!row) continue;
        if (row.fingerprint !== fingerprint) return { state: "mismatch" };
        if (row.answer === null) return { state: "running" };
        return { state: "done", fingerprint: row.fingerprint, answer: row.answer };
      }
      throw new Error(`idempotency key '${key}' was released and taken again ${ATTEMPTS} times while claiming it`);
    },
    async complete(scope, key, answer, now, ttlMs) {
      await db.query(
        "UPDATE webshop_kit_idempotency SET answer = $3, expires_at = $4 WHERE scope = $1 AND key = $2 AND answer IS NULL",
        [scope, key, JSON.stringify(answer), Math.floor(now + ttlMs)],
      );
    },
    async release(scope, key) {
      await db.query("DELETE FROM webshop_kit_idempotency WHERE scope = $1 AND key = $2 AND answer IS NULL", [
        scope,
        key,
      ]);
    },
  };
}
