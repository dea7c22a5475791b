/**
 * A run's claim on a link (docs/sync-engine.md, "One writer per record"), kept in the link's own row since migration
 * 0017: `claim_holder` (the run) and `claim_until` (epoch ms). Held while now < claim_until, free from then on, so a
 * crashed run frees it by itself. No index holds these columns and no trigger watches them: taking a claim on its own
 * is one row written, and taking or giving it back in the same UPDATE that writes the link is none beyond that write.
 * Through `Store.leases` a claim is still the lease named `link:<id>` (claimName), so both stores share one meaning.
 */

/** The claim's columns as D1 returns them with a link row (`SELECT *`). */
export interface ClaimColumns {
  claim_holder: string | null;
  claim_until: number | null;
}

/** The claim can be taken by holder `h` at time `n` (SQL parameters): nobody's, expired, or `h`'s already. */
const free = (h: string, n: string) => `(claim_until IS NULL OR claim_until <= ${n} OR claim_holder = ${h})`;

/** LinkStore.claim: ?1 id, ?2 the rev the run read, ?3 holder, ?4 expiry, ?5 now. Changes one row when taken. */
export const CLAIM_SQL = `UPDATE links SET claim_holder = ?3, claim_until = ?4
  WHERE id = ?1 AND rev = ?2 AND ${free("?3", "?5")}`;

/** `leases.acquire` of `link:<id>`: ?1 id, ?2 holder, ?3 expiry, ?4 now. */
export const ACQUIRE_CLAIM_SQL = `UPDATE links SET claim_holder = ?2, claim_until = ?3 WHERE id = ?1 AND ${free("?2", "?4")}`;

/** A commit's claim on a link it writes by its upsert, after the guard (?1 holder, ?2 expiry, ?3 id). */
export const TAKE_CLAIM_SQL = "UPDATE links SET claim_holder = ?1, claim_until = ?2 WHERE id = ?3";

/** `leases.renew` of `link:<id>`: extends only a claim still held (?1 id, ?2 holder, ?3 expiry, ?4 now). */
export const RENEW_CLAIM_SQL = `UPDATE links SET claim_until = ?3
  WHERE id = ?1 AND claim_holder = ?2 AND claim_until > ?4`;

/** `leases.release` of `link:<id>`: only the holder gives it back (?1 id, ?2 holder). */
export const RELEASE_CLAIM_SQL =
  "UPDATE links SET claim_holder = NULL, claim_until = NULL WHERE id = ?1 AND claim_holder = ?2";

/** A commit's release of claims on links it does not write: ?1 holder, ?2 a JSON array of link ids. */
export const RELEASE_CLAIMS_SQL = `UPDATE links SET claim_holder = NULL, claim_until = NULL
  WHERE id IN (SELECT value FROM json_each(?2)) AND claim_holder = ?1`;

/**
 * First in a commit that takes a claim (`Commit.claim`): fails the batch like a stale link (a NULL into
 * commit_guard) unless link ?1 still has rev ?2 and its claim is free to holder ?3 at ?4. The link's write in the same
 * batch then sets the claim (`claimColumns`), at no row of its own.
 */
export const CLAIM_GUARD_SQL = `INSERT INTO commit_guard (stale_link, lost_lease)
  SELECT NULL, 0 WHERE NOT EXISTS (SELECT 1 FROM links WHERE id = ?1 AND rev = ?2 AND ${free("?3", "?4")})`;

/**
 * The claim for the link READ_BACK_PENDING_SQL finds (link-sql.ts; ?1..?4 as there), in the batch after the insert of
 * a pending link: ?5 holder, ?6 expiry, ?7 now. A link the insert wrote carries the claim already (its claim columns
 * were inserted with it), and this changes nothing for it; one that was there first is claimed here if it is free.
 */
export const CLAIM_PENDING_SQL = `UPDATE links SET claim_holder = ?5, claim_until = ?6
  WHERE id = (SELECT id FROM links WHERE id = ?1 OR (dataflow = ?2 AND (poweroffice_id = ?3 OR webshop_id = ?4))
      ORDER BY id = ?1 DESC, poweroffice_id IS ?3 DESC LIMIT 1)
    AND ${free("?5", "?7")} AND NOT (claim_holder IS ?5 AND claim_until IS ?6)`;

/** What a link's write does with its claim: takes it for a holder until a time, or gives back a holder's. */
export type ClaimChange = { take: { holder: string; until: number } } | { release: string };

/** The SET clauses (with their parameters) that make a link's UPDATE take or give back its claim as well. */
export function claimColumns(change: ClaimChange): { set: string[]; binds: unknown[] } {
  if ("take" in change) {
    return { set: ["claim_holder = ?", "claim_until = ?"], binds: [change.take.holder, change.take.until] };
  }
  // An UPDATE's expressions all see the row as it was, so both test the holder before either is cleared.
  const mine = "claim_holder IS ?";
  return {
    set: [
      `claim_holder = CASE WHEN ${mine} THEN NULL ELSE claim_holder END`,
      `claim_until = CASE WHEN ${mine} THEN NULL ELSE claim_until END`,
    ],
    binds: [change.release, change.release],
  };
}
