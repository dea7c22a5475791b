/** GET /api/status: the whole connection at a glance, per dataflow and direction, and what needs the admin. */
import * as v from "valibot";
import { ActivityEntrySchema } from "./values";
import {
  ApiTimestamp,
  ConflictPolicySchema,
  DataflowSchema,
  DirectionSchema,
  LINK_STATES,
  type LinkState,
  SideSchema,
} from "./vocabulary";

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));

/** Links per state (every state present, 0 when none). */
export const StateCountsSchema = v.object(
  Object.fromEntries(LINK_STATES.map((state) => [state, Count])) as Record<LinkState, typeof Count>,
);
export type StateCounts = v.InferOutput<typeof StateCountsSchema>;

export const DirectionStatusSchema = v.object({
  direction: DirectionSchema,
  /** Paused: the sync keeps reading both sides but writes nothing in this direction. */
  paused: v.boolean(),
  pausedAt: v.nullable(ApiTimestamp),
});
export type DirectionStatus = v.InferOutput<typeof DirectionStatusSchema>;

/** One side's change feed of the dataflow. */
export const FeedStatusSchema = v.object({
  side: SideSchema,
  /** The feed has been read at least once (a first page stored its cursor). */
  started: v.boolean(),
  /** When its cursor last moved (new changes were read), null before the first page. */
  advancedAt: v.nullable(ApiTimestamp),
});
export type FeedStatus = v.InferOutput<typeof FeedStatusSchema>;

/**
 * How far the first full sync has come. `total` counts the records seen so far on either side (a feed does not say
 * how many are still to come, so it grows while the feeds are read); `done` those settled (linked, archived or
 * skipped); `complete` once both feeds have been read and nothing is pending.
 */
export const BackfillSchema = v.object({
  done: Count,
  total: v.nullable(Count),
  complete: v.boolean(),
});
export type Backfill = v.InferOutput<typeof BackfillSchema>;

/** One side's change feed in the first sync: read to its end once, or not yet. */
export const FirstSyncFeedSchema = v.object({
  side: SideSchema,
  readToEnd: v.boolean(),
});

/**
 * The first sync of a dataflow while it runs (null once both feeds have been read to their end and nothing waits).
 * On Workers Free it paces itself: it uses at most a share of each daily allowance and goes on after 00:00 UTC
 * (docs/sync-engine.md, "First sync on Workers Free"). Figures that are not known are null, never guessed.
 */
export const FirstSyncSchema = v.object({
  /** Records settled so far: linked, archived or skipped. */
  linked: Count,
  /** Records seen and waiting for the sync (pending). */
  waiting: Count,
  /** Every record of the dataflow on both sides, once both feeds have been read to their end; null until then. */
  total: v.nullable(Count),
  feeds: v.array(FirstSyncFeedSchema),
  /** Records the first sync settled per hour it worked today; null before it worked today. */
  perHour: v.nullable(v.pipe(v.number(), v.minValue(0))),
  /** Records a whole Workers Free day allows at today's pacing; null on Workers Paid or before it worked today. */
  perDay: v.nullable(v.pipe(v.number(), v.minValue(0))),
  /** When it is expected to be done; null while the total or the rate is unknown. */
  estimatedDoneAt: v.nullable(ApiTimestamp),
  /** Paused for today to stay inside Workers Free's daily allowances: when it goes on (00:00 UTC). */
  pausedUntil: v.nullable(ApiTimestamp),
});
export type FirstSync = v.InferOutput<typeof FirstSyncSchema>;

/** The mass-change brake holds a dataflow that was about to rewrite too many records at once. */
export const BrakeSchema = v.object({
  since: v.nullable(ApiTimestamp),
  message: v.string(),
});
export type Brake = v.InferOutput<typeof BrakeSchema>;

export const DataflowStatusSchema = v.object({
  dataflow: DataflowSchema,
  directions: v.array(DirectionStatusSchema),
  counts: StateCountsSchema,
  /** Every link of the dataflow (the sum of `counts`). */
  total: Count,
  /** Records waiting for the sync: pending ones and ones whose next attempt is scheduled. */
  backlog: Count,
  backfill: BackfillSchema,
  /** The first sync's progress, pace and estimate while it runs; null once it is done. */
  firstSync: v.optional(v.nullable(FirstSyncSchema), null),
  feeds: v.array(FeedStatusSchema),
  /** When the sync last did something in this dataflow (a feed page read, a record written or decided). */
  lastRunAt: v.nullable(ApiTimestamp),
  /** When the cron reads the feeds next (it runs every minute). */
  nextRunAt: ApiTimestamp,
  brake: v.nullable(BrakeSchema),
});
export type DataflowStatus = v.InferOutput<typeof DataflowStatusSchema>;

/** What needs the admin, each with its action in the widget. */
export const AttentionSchema = v.object({
  /** Links in state error (retry, replay). */
  errors: Count,
  /** Links with open conflicts (resolve). */
  conflicts: Count,
  /** Records with more than one possible partner (link by hand). */
  ambiguous: Count,
  /** Records that used up their attempts and wait for a replay (a subset of `errors`). */
  deadLetters: Count,
  /**
   * Queue messages the worker gave up on (a webhook event, a poll, a retry...) and nobody sent again yet: listed by
   * GET /api/dead-letters, each with its replay.
   */
  queueDeadLetters: Count,
});
export type Attention = v.InferOutput<typeof AttentionSchema>;

/** Cloudflare's daily allowances on Workers Free that the sync can use up (docs/operations.md, Daily allowances). */
export const DAILY_ALLOWANCES = ["d1-rows-read", "d1-rows-written", "queue-operations", "kv-writes"] as const;
export type DailyAllowance = (typeof DAILY_ALLOWANCES)[number];

/** An allowance used up for the day: the sync stopped what it refuses and goes on by itself at `resetsAt`. */
export const DailyLimitSchema = v.object({
  allowance: v.picklist(DAILY_ALLOWANCES),
  /** 00:00 UTC of the next day, when Cloudflare resets the allowance. */
  resetsAt: ApiTimestamp,
});
export type DailyLimitView = v.InferOutput<typeof DailyLimitSchema>;

export const StatusResponseSchema = v.object({
  version: v.string(),
  generatedAt: ApiTimestamp,
  /** How a property changed on both sides is decided (CONFLICT_POLICY). */
  conflictPolicy: ConflictPolicySchema,
  dataflows: v.array(DataflowStatusSchema),
  attention: AttentionSchema,
  /** Newest first. */
  recentActivity: v.array(ActivityEntrySchema),
  /**
   * Cloudflare's daily allowances used up now (empty on a normal day). While D1's own allowance is used up its facts
   * cannot be read: the counts are then zero and this says why.
   */
  dailyLimits: v.optional(v.array(DailyLimitSchema), []),
});
export type StatusResponse = v.InferOutput<typeof StatusResponseSchema>;
