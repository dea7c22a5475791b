/**
 * The small interfaces through which the engine reaches the outside world: storage (D1 in production, an in-memory
 * twin in tests), the two systems (adapters over the connectors), and time. Their guarantees are in the comments.
 */
import type { Commit, CommitResult } from "./commit";
import type { ActivityEntry, Canonical, DataflowId, Link, LinkState, Side } from "./types";

/** Epoch milliseconds. The core and the engine never call Date.now() themselves. */
export interface Clock {
  now(): number;
}

/** A link as written: a new one has no id yet. */
export type LinkWrite = Omit<Link, "id" | "updatedAt"> & { id?: number };

export interface LinkFilter {
  dataflow?: DataflowId;
  state?: LinkState;
  /** Matches either side's id or match key, or text in the snapshots (names, e-mails, SKUs). */
  search?: string;
  /** Keyset paging: links with id greater than this. */
  afterId?: number;
  limit: number;
}

export interface SideIdOfLink {
  linkId: number;
  /** The record's id on the side asked for. */
  id: string;
}

export interface LinkStore {
  get(id: number): Promise<Link | null>;
  /** The link holding this side's record in this dataflow (unique per side and dataflow). */
  findBySideId(dataflow: DataflowId, side: Side, id: string): Promise<Link | null>;
  /** findBySideId for many records in one query (a feed page's): the links found, in no particular order. */
  findBySideIds(dataflow: DataflowId, side: Side, ids: string[]): Promise<Link[]>;
  /** Links whose record on `side` has this normalised match key. */
  findByMatchKey(dataflow: DataflowId, side: Side, key: string): Promise<Link[]>;
  /**
   * Links of the dataflow whose record on EITHER side has one of these match keys, in one query (a feed page's
   * unlinked records: their candidates on the other side and their rivals on their own): in no particular order.
   */
  findByMatchKeys(dataflow: DataflowId, keys: string[]): Promise<Link[]>;
  /**
   * Written on its own, BEFORE a create is sent, so that a crash after the create still finds the reference.
   * Idempotent: when a link already holds `link.ids[side]` for a given side, that link is returned unchanged.
   */
  insertPending(link: LinkWrite, claim?: PendingClaim): Promise<Link & { claimed?: boolean }>;
  /**
   * Claims link `id` for `holder` before writes are sent for it: takes the lease `claimName(id)` (free, expired, or
   * already `holder`'s) only while the link's rev is still `rev`. One conditional write; false when another run holds
   * the claim or wrote the link since it was read. Given back with `leases.release`.
   */
  claim(id: number, rev: number, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Links whose `nextRetryAt` is at or before `now` (RFC 3339), oldest first. */
  due(now: string, limit: number): Promise<Link[]>;
  list(filter: LinkFilter): Promise<Link[]>;
  /**
   * The PowerOffice ids of the open orders' links (an order's link in state linked or conflict, with a PowerOffice
   * record), in id order, at most `limit` (which ones, past the limit, is the store's choice): ids only, and on D1 a
   * snapshot of one row while the set has not changed (worker/store/open-orders.ts), as the cron asks every minute.
   */
  openOrderIds(limit: number): Promise<SideIdOfLink[]>;
  countByState(dataflow?: DataflowId): Promise<Record<LinkState, number>>;
  /** How many links the dataflow has, in any state, counted up to `limit`: reads at most `limit` entries. */
  countUpTo(dataflow: DataflowId, limit: number): Promise<number>;
}

/** A claim taken in the write of a pending link (see `claim`), on the link returned; `claimed` says if it was taken. */
export interface PendingClaim {
  holder: string;
  ttlMs: number;
  nowMs: number;
}

/** The lease a run holds on a link while it sends that link's writes and commits them. */
export const claimName = (linkId: number) => `link:${linkId}`;

/** The link a lease name claims (`claimName`'s inverse), or null for any other lease. */
export function claimedLinkId(name: string): number | null {
  const match = /^link:([1-9][0-9]*)$/.exec(name);
  return match ? Number(match[1]) : null;
}

export type { Commit, CommitActivity, CommitFence, CommitResult } from "./commit";

/**
 * Thrown by `Store.commit` when a link write would give one record a second link in its dataflow (UNIQUE per side and
 * dataflow), typically because another run linked the record first. Nothing of that commit was written: re-read the
 * links and plan again.
 */
export class DuplicateLinkError extends Error {
  override readonly name = "DuplicateLinkError";
  constructor(
    readonly side: Side,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Thrown by `Store.commit` when a link write carries a `rev` the row no longer has: another run wrote the link since
 * this one read it. Nothing of that commit was written: re-read the link and plan again.
 */
export class StaleLinkError extends Error {
  override readonly name = "StaleLinkError";
}

/**
 * Thrown by `Store.commit` (nothing written) when its fence's lease has expired or changed hands, and by work that
 * could not renew its lease: the work stops; whoever holds the lease now does it.
 */
export class LeaseLostError extends Error {
  override readonly name = "LeaseLostError";
}

/** A cursor moved past a page of echoes (`Store.cursors.skip`). */
export interface CursorSkip {
  from: unknown;
  to: unknown;
  lease: string;
  nowMs: number;
}

export interface Store {
  links: LinkStore;
  cursors: {
    get(dataflow: DataflowId, side: Side): Promise<unknown | null>;
    /** The cursor and the page kept with it (read at that cursor, not finished), in one read. */
    read(dataflow: DataflowId, side: Side): Promise<{ value: unknown | null; page: KeptPage | null }>;
    /**
     * Moves the cursor from `from` to `to` (past a page of echoes) in one conditional write: only while it is still
     * `from`, with no page kept beside it, and while no one holds the feed's poll lease `lease` (a chain reading the
     * feed moves the cursor itself). True when it moved.
     */
    skip(dataflow: DataflowId, side: Side, move: CursorSkip): Promise<boolean>;
  };
  /**
   * All or nothing; throws (nothing written) DuplicateLinkError when a write breaks a link's uniqueness,
   * StaleLinkError when a link changed since it was read, LeaseLostError when the fence's lease is not held.
   */
  commit(commit: Commit): Promise<CommitResult>;
  /**
   * A lease is held by one holder until it expires: acquire succeeds when the lease is free, expired, or already
   * this holder's (then it is extended). One conditional write, so two runs can never both hold it.
   */
  leases: {
    acquire(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
    /** Extends a lease `holder` still holds (not expired); false when it expired or changed hands. */
    renew(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
    release(name: string, holder: string): Promise<void>;
  };
  /** Small switches: pause flags, backfill gates, the mass-change brake. Null deletes. */
  settings: {
    get(key: string): Promise<string | null>;
    /** `get` for several keys in one query: every key asked for is in the answer, null where unset. */
    getMany(keys: string[]): Promise<Record<string, string | null>>;
    set(key: string, value: string | null): Promise<void>;
  };
  /** Newest first (in the order the entries were committed). */
  activity: { recent(limit: number, filter?: { dataflow?: DataflowId; linkId?: number }): Promise<ActivityEntry[]> };
}

/** A failure of one call to one system, normalised across both connectors. */
export interface SideError {
  side: Side;
  /** The connector's error kind, e.g. "rate-limited", "version-conflict", "not-found". */
  code: string;
  /** In words an admin can act on (the connector's message). */
  message: string;
  /** Worth trying again later (network, 5xx, 429); false for a refusal that will repeat until something changes. */
  retryable: boolean;
  retryAfterMs?: number;
}

export type SideResult<T> = { ok: true; value: T } | { ok: false; error: SideError };

/** A record as a side hands it to the core: the raw record plus what the engine needs without knowing its shape. */
export interface SideRecord {
  id: string;
  /** PowerOffice LastChangedDateTimeOffset or the webshop version, as text: what `Link.seen` stores. */
  marker: string;
  /** When it last changed, epoch ms (for `newest-wins`). */
  changedAt: number;
  /** Archived, inactive or cancelled. */
  archived: boolean;
  raw: unknown;
  /**
   * `raw` is a summary, not the whole record (PowerOffice's order feed lists headers without lines): `get` the record
   * before planning with it. The marker is exact, so a summary whose marker equals `Link.seen` needs no read at all.
   */
  partial?: boolean;
  /** Set when the link's snapshot stands in for a read (`raw` is then only the id and version): `canonicalOf`. */
  canonical?: Canonical;
}

/** How a create is sent. */
export interface CreateOptions {
  /**
   * An earlier attempt with this reference may have succeeded (a pending link already held it): look for that record
   * first where the system's own idempotency is not permanent (the webshop keeps Idempotency-Keys for 24 h only).
   */
  retry?: boolean;
}

export interface FeedPage {
  records: SideRecord[];
  cursor: unknown;
  done: boolean;
}

/**
 * A feed page read but not finished in one invocation: the records still to sync, kept with the cursor. `after` and
 * `done` are the page's own; `readAt` (epoch ms) lets a page left too long be read afresh.
 */
export interface KeptPage {
  records: SideRecord[];
  after: unknown;
  done: boolean;
  readAt: number;
}

/**
 * One system as the engine sees it. Payloads are built by the core's dataflow definitions for that side; the
 * adapter only calls its connector. Creates are idempotent by `reference` (ExternalImportReference, Code or
 * Idempotency-Key): sending the same create twice yields one record.
 */
export interface SidePort {
  side: Side;
  feedPage(dataflow: DataflowId, cursor: unknown | null, limit: number): Promise<SideResult<FeedPage>>;
  /** null: the record is gone (deleted, or for PowerOffice orders: invoiced). */
  get(dataflow: DataflowId, id: string): Promise<SideResult<SideRecord | null>>;
  /**
   * Candidates for a match key; `supported: false` where the system has no such search (PowerOffice customers).
   * `from` is the other side's record being matched: a system that compares a key case-sensitively (the shop's
   * department_code) also looks for that record's own spelling, since keys are case-folded.
   */
  findByMatchKey(
    dataflow: DataflowId,
    key: string,
    from?: SideRecord,
  ): Promise<SideResult<{ supported: true; records: SideRecord[] } | { supported: false }>>;
  create(
    dataflow: DataflowId,
    payload: Record<string, unknown>,
    reference: string,
    options?: CreateOptions,
  ): Promise<SideResult<SideRecord>>;
  /** Writes the difference between `current` and `desired` (JSON Patch or merge patch); null when nothing was sent. */
  update(
    dataflow: DataflowId,
    current: SideRecord,
    desired: Record<string, unknown>,
  ): Promise<SideResult<SideRecord | null>>;
  archive(dataflow: DataflowId, current: SideRecord): Promise<SideResult<SideRecord | null>>;
  /**
   * Every id the system still lists in `dataflow`, where a record can leave that list without a trace in any feed
   * (PowerOffice's sales orders: one sent as an invoice leaves /SalesOrders). Ids only, so it stays one cheap read;
   * null when the list is too long to read whole, or the dataflow has no such list.
   */
  listedIds?(dataflow: DataflowId): Promise<SideResult<string[] | null>>;
  /**
   * The id of the other side's record this one was created from or linked to, as its own fields say (PowerOffice's
   * ExternalImportReference `ws-c-<shop id>`, the shop's `external_ids.poweroffice_<entity>`); null when it says none.
   * It finds the partner of a record whose create was never confirmed (a crash), before any match key.
   */
  originOf?(dataflow: DataflowId, raw: unknown): string | null;
}

/** Resolves references between dataflows (an order's customer, a line's product) through the links. */
export interface LinkResolver {
  /** The link id of `side`'s record `id` in `dataflow`, or null when it is not linked yet (a dependency). */
  linkIdOf(dataflow: DataflowId, side: Side, id: string): string | null;
  /** The id on `side` of the record linked as `linkId`, or null when that side has none yet. */
  sideIdOf(linkId: string, side: Side): string | null;
}

export type { Canonical };
