/**
 * The sync core's vocabulary: sides, dataflows, canonical values, links and the plan the core hands the engine.
 * Pure types: nothing here knows about Cloudflare, HTTP or D1 (see docs/sync-engine.md for the design).
 */

export const SIDES = ["poweroffice", "webshop"] as const;
export type Side = (typeof SIDES)[number];
export const otherSide = (side: Side): Side => (side === "poweroffice" ? "webshop" : "poweroffice");

/** Order lines are not a dataflow of their own: they live inside the orders dataflow's records and snapshots. */
export const DATAFLOWS = ["customers", "departments", "products", "orders"] as const;
export type DataflowId = (typeof DATAFLOWS)[number];

/** "poweroffice-to-webshop" writes into the webshop; pausing a direction stops those writes, not the reading. */
export const DIRECTIONS = ["poweroffice-to-webshop", "webshop-to-poweroffice"] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const directionInto = (target: Side): Direction =>
  target === "webshop" ? "poweroffice-to-webshop" : "webshop-to-poweroffice";

/**
 * A value in canonical form, the same for both sides: text trimmed with "" as null, org numbers digits only, money
 * as a two-decimal string, dates as YYYY-MM-DD, references to other records as link ids ("link:42").
 */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };
/** A record in canonical form, keyed by canonical property name (the webshop's field names, dotted when nested). */
export type Canonical = Record<string, CanonicalValue>;

export const LINK_STATES = ["pending", "linked", "conflict", "ambiguous", "error", "archived", "skipped"] as const;
export type LinkState = (typeof LINK_STATES)[number];

export const CONFLICT_POLICIES = ["newest-wins", "poweroffice-wins", "webshop-wins", "manual"] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

/** One property changed differently on both sides since the last sync. */
export interface Conflict {
  property: string;
  base: CanonicalValue;
  poweroffice: CanonicalValue;
  webshop: CanonicalValue;
  /** The side whose value was kept; null while a `manual` conflict waits for the admin. */
  winner: Side | null;
  policy: ConflictPolicy;
  /** In words, for the activity log and the widget. */
  reason: string;
}

/** The failure last seen on a link, in words an admin can act on. */
export interface LinkError {
  code: string;
  message: string;
  side: Side | null;
}

/** What D1 keeps per pair of records (table `links`). Ids are strings on both sides (PowerOffice int64 as text). */
export interface Link {
  id: number;
  dataflow: DataflowId;
  state: LinkState;
  ids: Record<Side, string | null>;
  /** The deterministic create key written before a create (ExternalImportReference, Code or Idempotency-Key). */
  reference: string | null;
  /** Canonical form of each side's record as it stood after the last successful sync (null before the first). */
  snapshots: Record<Side, Canonical | null>;
  /** Each side's change marker at that sync: PowerOffice LastChangedDateTimeOffset, webshop version (as text). */
  seen: Record<Side, string | null>;
  /** Normalised match key of each side's record (PowerOffice customers have no search filter: this is the index). */
  matchKeys: Record<Side, string | null>;
  lastError: LinkError | null;
  attempts: number;
  /** RFC 3339; null when nothing is due. */
  nextRetryAt: string | null;
  /** Conflicts left for the admin (policy `manual`). */
  openConflicts: Conflict[];
  updatedAt: string;
  /**
   * The row's version as read: every write moves it on. A write carrying it is a compare-and-set (refused when the row
   * changed since); links built by hand without it are written unconditionally.
   */
  rev?: number;
}

/** One entry of the activity log: what changed, on which side, which properties. */
export interface ActivityEntry {
  at: string;
  dataflow: DataflowId;
  linkId: number | null;
  /** The side that was written, or null for a decision without a write (a conflict, a skip, a brake). */
  side: Side | null;
  action:
    | "created"
    | "updated"
    | "archived"
    | "linked"
    | "matched"
    | "conflict"
    | "skipped"
    | "ambiguous"
    | "error"
    | "dead-lettered"
    | "braked"
    | "invoiced"
    | "flagged"
    // An admin's actions (the entry carries `actor`); "linked" and "braked" are written by the admin too.
    | "pushed"
    | "retried"
    | "replayed"
    | "unlinked"
    | "relinked"
    | "resolved"
    | "paused"
    | "resumed";
  /** Property → [before, after] for updates; empty otherwise. */
  changes: Record<string, [CanonicalValue, CanonicalValue]>;
  message: string;
  /** Who asked for it: set on an admin's actions only (the widget token's `sub`, null when it has none). */
  actor?: Actor;
}

/** The admin behind an action, as the widget token names them. */
export interface Actor {
  sub: string | null;
}
