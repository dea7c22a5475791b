/**
 * Leases on D1. Acquiring is ONE conditional upsert: D1 runs statements one at a time, so of two runs racing for a
 * free or expired lease exactly one changes the row; the other's WHERE is false and it changes nothing.
 * A lease named `link:<id>` is a run's claim on that link, which lives in the link's row (link-claim-sql.ts): the same
 * conditional write, on the link instead of a lease row. A link that does not exist cannot be claimed.
 */
import { claimedLinkId, type Store } from "../core/ports";
import { checkLease } from "./lease-rules";
import { ACQUIRE_CLAIM_SQL, RELEASE_CLAIM_SQL, RENEW_CLAIM_SQL } from "./link-claim-sql";

const ACQUIRE = `INSERT INTO leases (name, holder, expires_at) VALUES (?1, ?2, ?3)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
  WHERE leases.expires_at <= ?4 OR leases.holder = excluded.holder`;

const RENEW = "UPDATE leases SET expires_at = ?3 WHERE name = ?1 AND holder = ?2 AND expires_at > ?4";

const RELEASE = "DELETE FROM leases WHERE name = ?1 AND holder = ?2";

export function d1Leases(db: D1Database): Store["leases"] {
  /** One conditional write, on the lease's row or its link's: true when it changed that row. */
  const write = async (sql: { lease: string; claim: string }, name: string, holder: string, expires: number[]) => {
    const link = claimedLinkId(name);
    const result = await db
      .prepare(link === null ? sql.lease : sql.claim)
      .bind(link ?? name, holder, ...expires)
      .run();
    return result.meta.changes === 1;
  };
  return {
    acquire(name, holder, ttlMs, nowMs) {
      checkLease(name, holder, ttlMs, nowMs);
      return write({ lease: ACQUIRE, claim: ACQUIRE_CLAIM_SQL }, name, holder, [nowMs + ttlMs, nowMs]);
    },
    renew(name, holder, ttlMs, nowMs) {
      checkLease(name, holder, ttlMs, nowMs);
      return write({ lease: RENEW, claim: RENEW_CLAIM_SQL }, name, holder, [nowMs + ttlMs, nowMs]);
    },
    async release(name, holder) {
      await write({ lease: RELEASE, claim: RELEASE_CLAIM_SQL }, name, holder, []);
    },
  };
}
