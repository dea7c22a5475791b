/**
 * A link as a row of the `links` table and back. Both stores go through this mapping, so the in-memory twin stores
 * exactly what D1 stores (JSON text, normalised times) and refuses exactly what D1's constraints refuse.
 */
import type { LinkWrite } from "../core/ports";
import {
  type Canonical,
  type Conflict,
  DATAFLOWS,
  type DataflowId,
  LINK_STATES,
  type Link,
  type LinkState,
  SIDES,
  type Side,
} from "../core/types";

export interface LinkRow {
  id: number | null;
  dataflow: DataflowId;
  poweroffice_id: string | null;
  webshop_id: string | null;
  state: LinkState;
  reference: string | null;
  poweroffice_snapshot: string | null;
  webshop_snapshot: string | null;
  poweroffice_seen: string | null;
  webshop_seen: string | null;
  match_key_po: string | null;
  match_key_shop: string | null;
  last_error: string | null;
  error_code: string | null;
  error_side: Side | null;
  attempts: number;
  next_retry_at: string | null;
  conflicts: string | null;
  created_at: string;
  updated_at: string;
  /** Moved on by every write (the D1 default 0 for a pending insert); not among LINK_COLUMNS: the SQL sets it. */
  rev: number;
}

/** The columns in the order the D1 statements bind them. */
export const LINK_COLUMNS = [
  "id",
  "dataflow",
  "poweroffice_id",
  "webshop_id",
  "state",
  "reference",
  "poweroffice_snapshot",
  "webshop_snapshot",
  "poweroffice_seen",
  "webshop_seen",
  "match_key_po",
  "match_key_shop",
  "last_error",
  "error_code",
  "error_side",
  "attempts",
  "next_retry_at",
  "conflicts",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof LinkRow)[];

/** A write or argument the schema would refuse: a bug in the caller, so it throws before anything is written. */
export class InvalidStoreInputError extends Error {
  override readonly name = "InvalidStoreInputError";
}

/** RFC 3339 UTC with milliseconds, the one form stored, so that text order is time order. */
export function normaliseTime(value: string, what: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new InvalidStoreInputError(`${what} is not a date-time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

/** JSON text of a value; throws for what JSON cannot hold (cycles, BigInt) instead of storing something else. */
export function jsonText(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new InvalidStoreInputError(`${what} cannot be stored as JSON: ${(error as Error).message}`);
  }
  if (text === undefined) throw new InvalidStoreInputError(`${what} cannot be stored as JSON`);
  return text;
}

const textOrNull = (value: unknown, what: string): string | null => {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw new InvalidStoreInputError(`${what} must be text or null`);
  return value;
};

/** The row a write becomes; `createdAt` only counts for a new row (an update keeps the stored one). */
export function toLinkRow(link: LinkWrite, now: string): LinkRow {
  if (!DATAFLOWS.includes(link.dataflow)) throw new InvalidStoreInputError(`unknown dataflow ${link.dataflow}`);
  if (!LINK_STATES.includes(link.state)) throw new InvalidStoreInputError(`unknown link state ${link.state}`);
  if (link.id !== undefined && !(Number.isSafeInteger(link.id) && link.id > 0))
    throw new InvalidStoreInputError(`link id must be a positive integer, not ${link.id}`);
  if (!(Number.isSafeInteger(link.attempts) && link.attempts >= 0))
    throw new InvalidStoreInputError(`attempts must be a whole number >= 0, not ${link.attempts}`);
  const ids = {
    poweroffice: textOrNull(link.ids.poweroffice, "ids.poweroffice"),
    webshop: textOrNull(link.ids.webshop, "ids.webshop"),
  };
  if (ids.poweroffice === null && ids.webshop === null)
    throw new InvalidStoreInputError("a link needs the id of at least one side's record");
  const error = link.lastError;
  if (error && error.side !== null && !SIDES.includes(error.side))
    throw new InvalidStoreInputError(`unknown side ${error.side} in lastError`);
  const snapshot = (side: Side) => {
    const value = link.snapshots[side];
    return value === null || value === undefined ? null : jsonText(value, `snapshots.${side}`);
  };
  return {
    id: link.id ?? null,
    dataflow: link.dataflow,
    poweroffice_id: ids.poweroffice,
    webshop_id: ids.webshop,
    state: link.state,
    reference: textOrNull(link.reference, "reference"),
    poweroffice_snapshot: snapshot("poweroffice"),
    webshop_snapshot: snapshot("webshop"),
    poweroffice_seen: textOrNull(link.seen.poweroffice, "seen.poweroffice"),
    webshop_seen: textOrNull(link.seen.webshop, "seen.webshop"),
    match_key_po: textOrNull(link.matchKeys.poweroffice, "matchKeys.poweroffice"),
    match_key_shop: textOrNull(link.matchKeys.webshop, "matchKeys.webshop"),
    last_error: error ? error.message : null,
    error_code: error ? error.code : null,
    error_side: error ? error.side : null,
    attempts: link.attempts,
    next_retry_at: link.nextRetryAt === null ? null : normaliseTime(link.nextRetryAt, "nextRetryAt"),
    conflicts: link.openConflicts.length === 0 ? null : jsonText(link.openConflicts, "openConflicts"),
    created_at: now,
    updated_at: now,
    rev: 0,
  };
}

/** The rev a commit's write of `link` expects the row to have; null for a new link or one built without a read. */
/** The rev a commit's claim is taken at: its write of the claimed link carries it (Commit.claim). */
export function claimedRev(commit: { links: LinkWrite[]; claim?: { linkId: number } }): number {
  const write = commit.links.find((link) => link.id === commit.claim?.linkId);
  const rev = write ? expectedRev(write) : null;
  if (rev === null) throw new InvalidStoreInputError("a commit's claim needs a write of its link at the rev it read");
  return rev;
}

export function expectedRev(link: LinkWrite): number | null {
  if (link.id === undefined || link.rev === undefined) return null;
  if (!Number.isSafeInteger(link.rev)) throw new InvalidStoreInputError(`link rev must be an integer, not ${link.rev}`);
  return link.rev;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function fromLinkRow(row: LinkRow): Link {
  return {
    id: row.id as number,
    dataflow: row.dataflow,
    state: row.state,
    ids: { poweroffice: row.poweroffice_id, webshop: row.webshop_id },
    reference: row.reference,
    snapshots: {
      poweroffice: parse<Canonical>(row.poweroffice_snapshot),
      webshop: parse<Canonical>(row.webshop_snapshot),
    },
    seen: { poweroffice: row.poweroffice_seen, webshop: row.webshop_seen },
    matchKeys: { poweroffice: row.match_key_po, webshop: row.match_key_shop },
    lastError:
      row.last_error === null && row.error_code === null
        ? null
        : { code: row.error_code ?? "", message: row.last_error ?? "", side: row.error_side },
    attempts: row.attempts,
    nextRetryAt: row.next_retry_at,
    openConflicts: parse<Conflict[]>(row.conflicts) ?? [],
    updatedAt: row.updated_at,
    rev: row.rev,
  };
}

/** The id column of `side` and its match key column. */
export const sideColumns = (side: Side) =>
  side === "poweroffice"
    ? ({ id: "poweroffice_id", matchKey: "match_key_po" } as const)
    : ({ id: "webshop_id", matchKey: "match_key_shop" } as const);
