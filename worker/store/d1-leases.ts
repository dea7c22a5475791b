/**
 * Leases on D1. Acquiring is ONE conditional upsert: D1 runs statements one at a time, so of two runs racing for a
 * free or expired lease exactly one changes the row; the other's WHERE is false and it changes nothing.
 */
import type { Store } from "../core/ports";
import { checkLease } from "./lease-rules";

const ACQUIRE = `INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.expires_at <= ?4 OR leases.holder = excluded.holder`;

const RENEW = "UPDATE leases SET expires_at = ?3 WHERE name = ?1 AND holder = ?2 AND expires_at > ?4";

export function d1Leases(db: D1Database): Store["leases"] {
  /** One conditional write: true when it changed the lease row. */
  const write = async (sql: string, name: string, holder: string, ttlMs: number, nowMs: number) => {
    checkLease(name, holder, ttlMs, nowMs);
    const result = await db
      .prepare(sql)
      .bind(name, holder, nowMs + ttlMs, nowMs)
      .run();
    return result.meta.changes === 1;
  };
  return {
    acquire: (name, holder, ttlMs, nowMs) => write(ACQUIRE, name, holder, ttlMs, nowMs),
    renew: (name, holder, ttlMs, nowMs) => write(RENEW, name, holder, ttlMs, nowMs),
    async release(name, holder) {
      await db.prepare("DELETE FROM leases WHERE name = ? AND holder = ?").bind(name, holder).run();
    },
  };
}
