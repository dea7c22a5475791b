/**
 * `Store.commit` on D1: every link upsert, activity row, the cursor and the settings of one engine step in ONE
 * `db.batch()`, which D1 runs as one transaction, so a failing statement leaves nothing written, cursor included.
 */
import {
  type Clock,
  type Commit,
  type CommitResult,
  DuplicateLinkError,
  LeaseLostError,
  StaleLinkError,
} from "../core/ports";
import { activityInserts } from "./activity-insert";
import { expiredBefore, PRUNE_ACTIVITY_SQL, pruneWindow } from "./activity-retention";
import { checkDrop, checkTime, settingEntries, toCursorRow } from "./commit-checks";
import { claimChanges } from "./commit-claims";
import { checkFence, checkHolder } from "./lease-rules";
import {
  CLAIM_GUARD_SQL,
  type ClaimChange,
  RELEASE_CLAIM_SQL,
  RELEASE_CLAIMS_SQL,
  TAKE_CLAIM_SQL,
} from "./link-claim-sql";
import { claimedRev, expectedRev, toLinkRow } from "./link-rows";
import {
  bindRow,
  guardedUpdates,
  INSERT_PENDING_ROWS_SQL,
  LOST_LEASE_GUARD_SQL,
  STALE_LINK_GUARD_SQL,
  UPSERT_SQL,
  updateKnownRow,
} from "./link-sql";
import type { ReadRows } from "./read-rows";
import { jsonRowChunks } from "./rows-in-one-insert";
import type { StoreOptions } from "./store-options";

const UPSERT_CURSOR = `INSERT INTO cursors (dataflow, side, value, page, updated_at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (dataflow, side) DO UPDATE SET value = excluded.value, page = excluded.page,
    updated_at = excluded.updated_at`;
/** The same, unless the setting holds a time after the given one (the other side's first read completed since). */
const UPSERT_CURSOR_UNLESS = `INSERT INTO cursors (dataflow, side, value, page, updated_at)
  SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM settings WHERE key = ? AND value > ?)
  ON CONFLICT (dataflow, side) DO UPDATE SET value = excluded.value, page = excluded.page,
    updated_at = excluded.updated_at`;
const DROP_LINK = "DELETE FROM links WHERE id = ?";
const RESTART_FEED = "DELETE FROM cursors WHERE dataflow = ? AND side = ?";
export const UPSERT_SETTING = `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`;
export const DELETE_SETTING = "DELETE FROM settings WHERE key = ?";
const RELEASE_HOLDER = "DELETE FROM leases WHERE holder = ?";

export function d1Commit(
  db: D1Database,
  clock: Clock,
  read: ReadRows,
  options: Pick<StoreOptions, "activityRetentionDays"> = {},
): (commit: Commit) => Promise<CommitResult> {
  return async (commit) => {
    const nowMs = clock.now();
    const now = new Date(nowMs).toISOString();
    // Everything is mapped and checked before the batch is sent: a bad write throws with nothing written.
    const rows = commit.links.map((link) => toLinkRow(link, now));
    const statements: D1PreparedStatement[] = [];
    if (commit.fence) {
      const { lease, holder } = checkFence(commit.fence);
      statements.push(db.prepare(LOST_LEASE_GUARD_SQL).bind(lease, holder, nowMs));
    }
    const claims = claimChanges(commit);
    if (commit.claim) {
      const { linkId, holder, nowMs: at } = commit.claim;
      statements.push(db.prepare(CLAIM_GUARD_SQL).bind(linkId, claimedRev(commit), holder, at));
    }
    for (const drop of commit.dropLinks ?? []) {
      const { id, rev } = checkDrop(drop);
      statements.push(db.prepare(STALE_LINK_GUARD_SQL).bind(id, rev), db.prepare(DROP_LINK).bind(id));
    }
    const upserts: number[] = [];
    rows.forEach((row, i) => {
      const rev = expectedRev(commit.links[i]!);
      if (rev !== null) statements.push(db.prepare(STALE_LINK_GUARD_SQL).bind(row.id, rev));
      upserts.push(statements.length);
      // The row D1 holds, when this store read it at the rev the guard checks: one update of what changes.
      const before = rev !== null && row.id !== null ? read.at(row.id, rev) : undefined;
      const claim = row.id === null ? undefined : claims.take(row.id);
      if (before !== undefined && row.id !== null) {
        const update = updateKnownRow(before, { ...row, id: row.id }, claim);
        statements.push(db.prepare(update.sql).bind(...update.binds));
        return;
      }
      statements.push(db.prepare(UPSERT_SQL).bind(...bindRow(row)));
      // A new row holds its indexed values already; an existing one gets only those that changed (link-sql.ts).
      if (row.id !== null) {
        for (const update of guardedUpdates({ ...row, id: row.id }))
          statements.push(db.prepare(update.sql).bind(...update.binds));
        if (claim) statements.push(claimUpdate(db, row.id, claim));
      }
    });
    // A record waiting for the first read whose record has a link by now (another run's) needs no link of its own.
    const held = (commit.holdLinks ?? []).map((link) => bindRow(toLinkRow(link, now)));
    for (const json of jsonRowChunks(held)) statements.push(db.prepare(INSERT_PENDING_ROWS_SQL).bind(json));
    statements.push(...activityInserts(db, commit.activity, rows));
    if (commit.activity.length > 0 && options.activityRetentionDays !== undefined) {
      const before = expiredBefore(nowMs, options.activityRetentionDays);
      statements.push(db.prepare(PRUNE_ACTIVITY_SQL).bind(pruneWindow(commit.activity.length), before));
    }
    if (commit.cursor) {
      const cursor = toCursorRow(commit.cursor);
      const unless = commit.cursor.unless;
      statements.push(
        unless === undefined
          ? db.prepare(UPSERT_CURSOR).bind(cursor.dataflow, cursor.side, cursor.value, cursor.page, now)
          : db
              .prepare(UPSERT_CURSOR_UNLESS)
              .bind(cursor.dataflow, cursor.side, cursor.value, cursor.page, now, unless.key, checkTime(unless.since)),
      );
    }
    for (const feed of commit.restartFeeds ?? []) {
      const row = toCursorRow({ ...feed, value: null });
      statements.push(db.prepare(RESTART_FEED).bind(row.dataflow, row.side));
    }
    for (const [key, value] of settingEntries(commit.settings)) {
      statements.push(
        value === null ? db.prepare(DELETE_SETTING).bind(key) : db.prepare(UPSERT_SETTING).bind(key, value, now),
      );
    }
    if (statements.length === 0 || (statements.length === 1 && commit.fence)) {
      if (commit.releaseHolder === undefined) return { linkIds: [] };
    }
    if (commit.releaseHolder !== undefined) {
      statements.push(db.prepare(RELEASE_HOLDER).bind(checkHolder(commit.releaseHolder)));
      const rest = claims.releasedApart();
      if (rest.length > 0)
        statements.push(db.prepare(RELEASE_CLAIMS_SQL).bind(commit.releaseHolder, JSON.stringify(rest)));
    }

    let results: D1Result<{ id: number; rev: number }>[];
    try {
      results = await db.batch<{ id: number; rev: number }>(statements);
    } catch (error) {
      throw asDuplicateLink(error) ?? asGuardFailure(error) ?? error;
    }
    const written = upserts.map((at) => results[at]?.results[0]);
    // The rows as D1 now holds them (in every indexed column), so a later commit of the same link from the rev it
    // got here is one update too.
    written.forEach((w, i) => {
      if (w) read.remember({ ...rows[i]!, id: w.id, rev: w.rev });
    });
    return { linkIds: written.map((w) => w?.id as number) };
  };
}

/** The claim change on its own statement, for a link the commit writes by its upsert (a row it has not read). */
function claimUpdate(db: D1Database, id: number, change: ClaimChange): D1PreparedStatement {
  if ("release" in change) return db.prepare(RELEASE_CLAIM_SQL).bind(id, change.release);
  return db.prepare(TAKE_CLAIM_SQL).bind(change.take.holder, change.take.until, id);
}

/** D1 names the violated constraint in its message: "UNIQUE constraint failed: links.dataflow, links.webshop_id". */
export function asDuplicateLink(error: unknown): DuplicateLinkError | null {
  const message = error instanceof Error ? error.message : String(error);
  const match = /UNIQUE constraint failed: links\.dataflow, links\.(poweroffice|webshop)_id/.exec(message);
  if (!match) return null;
  const side = match[1] === "poweroffice" ? "poweroffice" : "webshop";
  return new DuplicateLinkError(side, `Another link already holds this ${side} record in its dataflow (${message}).`);
}

/** A commit guard's NULL: "NOT NULL constraint failed: commit_guard.stale_link" (or `.lost_lease`). */
export function asGuardFailure(error: unknown): StaleLinkError | LeaseLostError | null {
  const message = error instanceof Error ? error.message : String(error);
  if (/commit_guard\.stale_link/.test(message))
    return new StaleLinkError(`A link of this commit was written by another run since it was read (${message}).`);
  if (/commit_guard\.lost_lease/.test(message))
    return new LeaseLostError(`The lease this work runs under expired or changed hands (${message}).`);
  return null;
}
