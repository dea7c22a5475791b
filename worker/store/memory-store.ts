/**
 * `Store` in memory, the twin of the D1 store for plain-node tests: the same rows (through the same mapping), the
 * same constraints, and a commit that is all or nothing (applied to a copy of the link table, swapped in at the
 * end). Every method does its work before its first await, so calls are as atomic as D1's statements.
 */
import {
  type Clock,
  type Commit,
  claimedLinkId,
  claimName,
  LeaseLostError,
  StaleLinkError,
  type Store,
} from "../core/ports";
import { expiredBefore, pruneWindow } from "./activity-retention";
import { type ActivityRow, fromActivityRow, toActivityRow } from "./activity-rows";
import { checkDrop, checkTime, linkAt, settingEntries, skipValues, toCursorRow } from "./commit-checks";
import { releasedLinks } from "./commit-claims";
import { keptPageOf } from "./kept-page";
import { canTake, checkFence, checkHolder, checkLease, isLive, type LeaseRow, stillHeld } from "./lease-rules";
import { checkLimit } from "./limits";
import { claimedRev, expectedRev, toLinkRow } from "./link-rows";
import { copyTable, insertIfFree, type LinkTable, memoryLinkStore, upsertRow } from "./memory-links";
import type { StoreOptions } from "./store-options";

const systemClock: Clock = { now: () => Date.now() };

export function createMemoryStore(options: StoreOptions = {}): Store {
  const clock = options.clock ?? systemClock;
  const now = () => new Date(clock.now()).toISOString();
  let links: LinkTable = { rows: new Map(), nextId: 1 };
  const cursors = new Map<string, { value: string; page: string | null }>();
  const leases = new Map<string, LeaseRow>();
  const settings = new Map<string, string>();
  const activity: Array<ActivityRow & { id: number }> = [];
  // As AUTOINCREMENT on D1: an id is never reused, also after the oldest entries expired.
  let nextActivityId = 1;
  const cursorKey = (dataflow: string, side: string) => `${dataflow}/${side}`;
  const setSetting = (key: string, value: string | null) =>
    value === null ? settings.delete(key) : settings.set(key, value);

  const take = (name: string, holder: string, ttlMs: number, nowMs: number) => {
    if (!canTake(leases.get(name), holder, nowMs)) return false;
    leases.set(name, { holder, expiresAt: nowMs + ttlMs });
    return true;
  };

  return {
    links: memoryLinkStore(() => links, now, { take }),
    cursors: {
      async get(dataflow, side) {
        const row = cursors.get(cursorKey(dataflow, side));
        return row === undefined ? null : JSON.parse(row.value);
      },
      async read(dataflow, side) {
        const row = cursors.get(cursorKey(dataflow, side));
        return row === undefined
          ? { value: null, page: null }
          : { value: JSON.parse(row.value), page: keptPageOf(row.page) };
      },
      async skip(dataflow, side, move) {
        const [from, to] = skipValues(dataflow, side, move);
        const row = cursors.get(cursorKey(dataflow, side));
        if (!row || row.value !== from || row.page !== null || isLive(leases.get(move.lease), move.nowMs)) return false;
        cursors.set(cursorKey(dataflow, side), { value: to, page: null });
        return true;
      },
    },
    async commit(commit) {
      const at = now();
      const rows = commit.links.map((link) => toLinkRow(link, at));
      const expected = commit.links.map(expectedRev);
      if (commit.fence) {
        const { lease, holder } = checkFence(commit.fence);
        if (!stillHeld(leases.get(lease), holder, clock.now()))
          throw new LeaseLostError(`The lease this work runs under expired or changed hands (${lease}).`);
      }
      const unless = commit.cursor?.unless;
      const held = unless !== undefined && (settings.get(unless.key) ?? "") > checkTime(unless.since);
      const cursor = commit.cursor && !held ? toCursorRow(commit.cursor) : null;
      const restarts = (commit.restartFeeds ?? []).map((feed) => toCursorRow({ ...feed, value: null }));
      const entries = settingEntries(commit.settings);
      const retention = options.activityRetentionDays;
      const expiry =
        commit.activity.length > 0 && retention !== undefined ? expiredBefore(clock.now(), retention) : undefined;
      const claim = commit.claim ? checkedClaim(commit, leases, links) : null;
      const next = copyTable(links);
      for (const drop of (commit.dropLinks ?? []).map(checkDrop)) {
        if (next.rows.get(drop.id)?.rev !== drop.rev)
          throw new StaleLinkError(
            `A link of this commit was written by another run since it was read (link ${drop.id}).`,
          );
        next.rows.delete(drop.id);
      }
      const linkIds = rows.map((row, i) => upsertRow(next, row, expected[i]));
      for (const link of commit.holdLinks ?? []) insertIfFree(next, toLinkRow(link, at));
      const activityRows = commit.activity.map((entry) =>
        toActivityRow(
          entry,
          entry.linkIndex === undefined ? entry.linkId : (linkIds[entry.linkIndex] ?? linkAt(rows, entry.linkIndex).id),
        ),
      );
      // Everything was checked and the link table built: from here on nothing can fail.
      links = next;
      if (claim) leases.set(claim.name, claim.row);
      for (const row of activityRows) activity.push({ ...row, id: nextActivityId++ });
      if (expiry !== undefined) pruneExpired(activity, pruneWindow(activityRows.length), expiry);
      if (cursor) cursors.set(cursorKey(cursor.dataflow, cursor.side), { value: cursor.value, page: cursor.page });
      for (const feed of restarts) cursors.delete(cursorKey(feed.dataflow, feed.side));
      for (const [key, value] of entries) setSetting(key, value);
      if (commit.releaseHolder !== undefined) {
        const holder = checkHolder(commit.releaseHolder);
        // As on D1: its leases, and its claims on the links this commit names (commit-claims.ts).
        const named = releasedLinks(commit);
        for (const [name, lease] of [...leases]) {
          const link = claimedLinkId(name);
          if (lease.holder === holder && (link === null || named.has(link))) leases.delete(name);
        }
      }
      return { linkIds };
    },
    leases: {
      async acquire(name, holder, ttlMs, nowMs) {
        checkLease(name, holder, ttlMs, nowMs);
        // A claim lives in its link's row on D1: a link that does not exist cannot be claimed.
        const link = claimedLinkId(name);
        if (link !== null && !links.rows.has(link)) return false;
        return take(name, holder, ttlMs, nowMs);
      },
      async renew(name, holder, ttlMs, nowMs) {
        checkLease(name, holder, ttlMs, nowMs);
        if (!stillHeld(leases.get(name), holder, nowMs)) return false;
        leases.set(name, { holder, expiresAt: nowMs + ttlMs });
        return true;
      },
      async release(name, holder) {
        if (leases.get(name)?.holder === holder) leases.delete(name);
      },
    },
    settings: {
      async get(key) {
        return settings.get(key) ?? null;
      },
      async getMany(keys) {
        return Object.fromEntries(keys.map((key) => [key, settings.get(key) ?? null]));
      },
      async set(key, value) {
        setSetting(key, value);
      },
    },
    activity: {
      async recent(limit, filter = {}) {
        checkLimit(limit);
        return activity
          .filter(
            (row) =>
              (filter.dataflow === undefined || row.dataflow === filter.dataflow) &&
              (filter.linkId === undefined || row.link_id === filter.linkId),
          )
          .reverse()
          .slice(0, limit)
          .map(fromActivityRow);
      },
    },
  };
}

/** As PRUNE_ACTIVITY_SQL: the expired among the `window` oldest entries go. */
function pruneExpired(activity: Array<ActivityRow & { id: number }>, window: number, before: string) {
  activity.splice(0, window, ...activity.slice(0, window).filter((row) => row.at >= before));
}

/** A commit's claim (Commit.claim), checked as D1's batch does: refused like a stale link unless it can be taken. */
function checkedClaim(commit: Commit, leases: Map<string, LeaseRow>, links: LinkTable) {
  const { linkId, holder, ttlMs, nowMs: at } = commit.claim!;
  const name = claimName(linkId);
  checkLease(name, holder, ttlMs, at);
  const rev = claimedRev(commit);
  if (links.rows.get(linkId)?.rev !== rev || !canTake(leases.get(name), holder, at))
    throw new StaleLinkError(`Another run holds link ${linkId}, or wrote it since it was read.`);
  return { name, row: { holder, expiresAt: at + ttlMs } };
}
