/** The webhook outbox on D1: events due now in seq order, one record's events one at a time. */
import type { OutboxEvent, WebshopAdapter } from "../../adapter.js";
import { type EventRow, eventFromRow } from "../sql/rows.js";
import type { D1DatabaseLike } from "./d1-types.js";

export function d1Outbox(db: D1DatabaseLike): WebshopAdapter["outbox"] {
  return {
    async due(now: number, limit: number): Promise<OutboxEvent[]> {
      const { results } = await db
        .prepare(
          `SELECT * FROM webshop_kit_outbox o
           WHERE o.state = 'pending' AND o.next_attempt_at <= ?1
             AND NOT EXISTS (SELECT 1 FROM webshop_kit_outbox p WHERE p.state = 'pending' AND p.resource = o.resource
                             AND p.record_id = o.record_id AND p.seq < o.seq)
           ORDER BY o.seq LIMIT ?2`,
        )
        .bind(Math.floor(now), limit)
        .all<EventRow>();
      return results.map(eventFromRow);
    },
    async claim(seq, seen, leaseUntil): Promise<boolean> {
      // A compare-and-set on the values the caller saw: RETURNING answers a row only when this claim changed it.
      const taken = await db
        .prepare(
          `UPDATE webshop_kit_outbox SET next_attempt_at = ?2
           WHERE seq = ?1 AND state = 'pending' AND attempts = ?3 AND next_attempt_at IS ?4 RETURNING seq`,
        )
        .bind(seq, Math.floor(leaseUntil), seen.attempts, seen.nextAttemptAt)
        .first();
      return taken !== null;
    },
    async attempted(seq, result): Promise<void> {
      await db
        .prepare(
          "UPDATE webshop_kit_outbox SET state = ?2, attempts = ?3, next_attempt_at = ?4, last_error = ?5 WHERE seq = ?1",
        )
        .bind(seq, result.state, result.attempts, result.nextAttemptAt, result.lastError)
        .run();
    },
  };
}
