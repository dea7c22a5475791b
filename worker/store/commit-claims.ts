/**
 * What a commit does with run claims (link-claim-sql.ts): `Commit.claim` takes one on a link the commit writes, and
 * `releaseHolder` gives back the holder's claims on the links it writes and on `releaseLinks`. Each change rides on
 * the UPDATE that writes its link where there is one, so it costs no row of its own; a claim given back on a link the
 * commit does not write is one row, as it was as a lease. Both stores give back the claims `releasedLinks` names.
 */
import { type Commit, claimName } from "../core/ports";
import { checkHolder, checkLease } from "./lease-rules";
import type { ClaimChange } from "./link-claim-sql";

export interface ClaimChanges {
  /** The change for link `id`'s write, once: a write that takes it makes it part of that UPDATE. */
  take(id: number): ClaimChange | undefined;
  /** The links whose claims go back without a write of theirs in the commit (after every `take`). */
  releasedApart(): number[];
}

export function claimChanges(commit: Commit): ClaimChanges {
  const changes = new Map<number, ClaimChange>();
  if (commit.claim) {
    const { linkId, holder, ttlMs, nowMs } = commit.claim;
    checkLease(claimName(linkId), holder, ttlMs, nowMs);
    changes.set(linkId, { take: { holder, until: nowMs + ttlMs } });
  }
  if (commit.releaseHolder !== undefined) {
    const holder = checkHolder(commit.releaseHolder);
    // A claim taken and given back in one commit is given back: the guard still checks it could be taken.
    for (const id of releasedLinks(commit)) changes.set(id, { release: holder });
  }
  const apart = new Set([...changes].filter(([, change]) => "release" in change).map(([id]) => id));
  return {
    take(id) {
      const change = changes.get(id);
      changes.delete(id);
      apart.delete(id);
      return change;
    },
    releasedApart: () => [...apart],
  };
}

/** The links `releaseHolder` gives the claims of back: the commit's own and `releaseLinks`. */
export function releasedLinks(commit: Commit): Set<number> {
  const ids = new Set(commit.releaseLinks ?? []);
  for (const link of commit.links) if (link.id !== undefined) ids.add(link.id);
  return ids;
}
