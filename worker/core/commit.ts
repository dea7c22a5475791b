/**
 * What one step of the engine commits to the store (`Store.commit`, worker/core/ports.ts): links, activity, the feed
 * cursor and settings together, all or nothing.
 */
import type { KeptPage, LinkWrite } from "./ports";
import type { ActivityEntry, DataflowId, Side } from "./types";

/**
 * An activity entry as committed. A link that is new in the same commit has no id yet: `linkIndex` (its index in
 * `Commit.links`) gives the entry that link's id once written, and then takes precedence over `linkId`.
 */
export type CommitActivity = ActivityEntry & { linkIndex?: number };

/** Everything one step of the engine learned, written in ONE atomic D1 batch (all or nothing). */
export interface Commit {
  links: LinkWrite[];
  activity: CommitActivity[];
  /**
   * The feed cursor of the page these links came from: it advances together with them, never before. With `unless`
   * it does not move when setting `unless.key` holds a time (RFC 3339, UTC) after `unless.since` (the links and
   * the rest are written either way): a page begun before the other side's first read completed must not move past
   * the restart that completion wrote. `page` keeps the records of a page read but not finished (the cursor then
   * stays where the page was read from); a cursor written without one drops any kept page.
   */
  cursor?: { dataflow: DataflowId; side: Side; value: unknown; unless?: Unless; page?: KeptPage | null };
  /**
   * Links that only ever held one record waiting for the first read, whose record another link of this commit takes:
   * deleted before that link is written, while their rev is still `rev` (else StaleLinkError, nothing written).
   */
  dropLinks?: Array<{ id: number; rev: number }>;
  /**
   * Links of records waiting for the first read (first-read.ts), inserted after `links` unless a link holds their
   * record by then (another run's, which stands for it): never a DuplicateLinkError.
   */
  holdLinks?: LinkWrite[];
  /** Feeds to read again from their start: their cursors are removed in the same batch. */
  restartFeeds?: Array<{ dataflow: DataflowId; side: Side }>;
  settings?: Record<string, string | null>;
  /**
   * A run's claim on link `linkId` (`link:<id>`, claims.ts), taken first in the batch while the link's rev is the one
   * the commit's write of it carries: refused like a stale link (StaleLinkError, nothing written) when another run
   * holds it or the link moved on. A create's pending link and its claim so cost one request.
   */
  claim?: { linkId: number; holder: string; ttlMs: number; nowMs: number };
  /** The lease the work runs under: the commit is refused (LeaseLostError, nothing written) unless it is still held. */
  fence?: CommitFence;
  /**
   * Gives back, in the same batch (no extra request), the leases this holder holds and its claims on the links this
   * commit writes and on `releaseLinks`. A claim given back with its link's write costs no row of its own.
   */
  releaseHolder?: string;
  /** The other links whose claims `releaseHolder` gives back (the run's claims: claims.ts). */
  releaseLinks?: number[];
}

type Unless = { key: string; since: string };

/** A lease as a fencing token: held by `holder` at the moment of the commit (by the store's clock). */
export interface CommitFence {
  lease: string;
  holder: string;
}

/** What a commit wrote: the id of each of `Commit.links`, in the same order (new links get theirs here). */
export interface CommitResult {
  linkIds: number[];
}
