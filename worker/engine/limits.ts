/** The engine's limits and timings, named so tests and docs can point at them. */
import type { DataflowId } from "../core/types";

/** Waits before attempt 2, 3, … of a failed record; after the last one the record is dead-lettered. */
export const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000] as const;
/** The first attempt plus one per backoff step. */
export const DEFAULT_MAX_ATTEMPTS = BACKOFF_MS.length + 1;

/** Records per feed page unless the triggers ask for fewer (they size pages to the invocation's budget). */
export const DEFAULT_PAGE_SIZE = 25;
/**
 * A page kept unfinished (KeptPage) is synced from what was read while it is younger than this; an older one is read
 * again from its cursor (a page kept over a pause or a daily-limit stop would hold old copies of its records).
 */
export const KEPT_PAGE_MAX_AGE_MS = 10 * 60_000;
/** Writes one engine call makes before it stops early (the cursor stays before the records not yet done). */
export const DEFAULT_MAX_WRITES_PER_RUN = 200;

/** The mass-change brake: more than this share of a dataflow's linked records archived or rewritten in the window… */
export const DEFAULT_BRAKE_SHARE = 0.2;
/**
 * …and more than this many distinct records (an owner editing 6 of 25 products in an hour is no accident; a shop
 * with 25 links or fewer never brakes)…
 */
export const BRAKE_MIN_RECORDS = 25;
/** …within this window; after the admin releases the brake it stays off for one window. */
export const BRAKE_WINDOW_MS = 3_600_000;

/** A pending link written before a create is retried from the links after this long if no confirm followed. */
export const CONFIRM_GRACE_MS = 2 * 60_000;
/** How often a record waiting for the first PowerOffice customers read is looked at again (the gate opening also
 * makes them due at once; this is the safety net). */
export const GATE_RECHECK_MS = 10 * 60_000;
/**
 * How soon an order waiting for its customer or products (pending, e.g. paused) is looked at again. The run that
 * links what it waits for makes it due at once (waiting-orders.ts); this is the safety net.
 */
export const DEPENDENCY_RECHECK_MS = 60_000;
/** Dependencies of dependencies (an order's customer) are synced this deep at most. */
export const MAX_DEPENDENCY_DEPTH = 2;
/** Plans of one record after its target changed under our write (412) before it waits for a retry. */
export const MAX_REPLANS = 3;
/**
 * A run's claim on a link while it sends that link's writes and commits them (renewed while it works, given back
 * after the commit): a crashed run holds the record up for this long at most.
 */
export const CLAIM_TTL_MS = 20_000;
/** A link another run wrote while this one worked is re-read and planned again at most this many times in a row. */
export const MAX_RESYNCS = 3;

export interface EngineLimits {
  pageSize?: number;
  /**
   * Whether what comes next still fits what the invocation has left, with the page's commit after it (the triggers
   * answer from their budget): `record`, one more record of `dataflow` in a page; `dependency`, a record of
   * `dataflow` that an order brings along and that must be synced before it. A page stops before a record that does
   * not fit, or at an order whose dependency does not, and keeps the rest for the next invocation. The first record
   * of a page always runs: the trigger asked for the page because one fits.
   */
  room?: (dataflow: DataflowId, what: "record" | "dependency") => boolean;
  maxWritesPerRun?: number;
  brakeShare?: number;
  maxAttempts?: number;
}

export type ResolvedLimits = Required<EngineLimits>;

export function resolveLimits(limits: EngineLimits = {}): ResolvedLimits {
  return {
    pageSize: limits.pageSize ?? DEFAULT_PAGE_SIZE,
    room: limits.room ?? (() => true),
    maxWritesPerRun: limits.maxWritesPerRun ?? DEFAULT_MAX_WRITES_PER_RUN,
    brakeShare: limits.brakeShare ?? DEFAULT_BRAKE_SHARE,
    maxAttempts: limits.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
  };
}

/** When attempt `attempts + 1` is due, or null when `attempts` failures are enough to give up. */
export function nextRetryAt(nowMs: number, attempts: number, maxAttempts: number, retryAfterMs = 0): number | null {
  if (attempts >= maxAttempts) return null;
  const step = BACKOFF_MS[Math.min(attempts, BACKOFF_MS.length) - 1] ?? BACKOFF_MS[0];
  return nowMs + Math.max(step, retryAfterMs);
}
