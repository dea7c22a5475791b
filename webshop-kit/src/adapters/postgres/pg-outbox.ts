/** The webhook outbox on PostgreSQL: events due now in seq order, one record's events one at a time. */
import type { WebshopAdapter } from "../../adapter.js";
import { type EventRow, eventFromRow } from "../sql/rows.js";
import type { PgQueryable } from "./pg-types.js";

export function pgOutbox(db: PgQueryable): WebshopAdapter["outbox"] {
  return {
    async due(now, limit) {
      const { rows } = await db.query(
        `SELECT * FROM webshop_kit_outbox o
         WHERE o.state = 'pending' AND o.next_attempt_at <= $1
           AND NOT EXISTS (SELECT 1 FROM webshop_kit_outbox p WHERE p.state = 'pending' AND p.resource = o.resource
                           AND p.record_id = o.record_id AND p.seq < o.seq)
         ORDER BY o.seq LIMIT $2`,
        [Math.floor(now), limit],
      );
      return (rows as EventRow[]).map(eventFromRow);
    },
    async claim(seq, seen, leaseUntil) {
      const { rows } = await db.query(
        `UPDATE webshop_kit_outbox SET next_attempt_at = $2
         WHERE seq = $1 AND state = 'pending' AND attempts = $3 AND next_attempt_at IS NOT DISTINCT FROM $4 RETURNING seq`,
        [seq, Math.floor(leaseUntil), seen.attempts, seen.nextAttemptAt],
      );
      return rows.length > 0;
    },
    async attempted(seq, result) {
      await db.query(
        "UPDATE webshop_kit_outbox SET state = $2, attempts = $3, next_attempt_at = $4, last_error = $5 WHERE seq = $1",
        [seq, result.state, result.attempts, result.nextAttemptAt, result.lastError],
      );
    },
  };
}
