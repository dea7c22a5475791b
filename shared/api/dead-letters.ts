/**
 * GET /api/dead-letters (the queue messages the worker gave up on, newest first, keyset paged) and
 * POST /api/dead-letters/:id/replay (the same message back on the queue, once).
 */
import * as v from "valibot";
import { queryNumber } from "./records";
import { ApiTimestamp } from "./vocabulary";

export const DEAD_LETTERS_DEFAULT_LIMIT = 25;
export const DEAD_LETTERS_MAX_LIMIT = 100;

const DeadLetterId = v.pipe(v.number(), v.integer(), v.minValue(1));

/** One queue message given up on, in words. */
export const DeadLetterSchema = v.object({
  id: DeadLetterId,
  /** When it was given up on. */
  at: ApiTimestamp,
  /** The message's kind (`webshop-event`, `poll`, `retry`, `push`, `reconcile`, `gone-orders`); null when unreadable. */
  kind: v.nullable(v.string()),
  /** What the message asked for, in words. */
  summary: v.string(),
  /** Why it was given up on, in words (the last failure). */
  reason: v.string(),
  /** Deliveries tried. */
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** A replay would put it back on the queue: the worker can read it and it was not replayed yet. */
  replayable: v.boolean(),
  replayedAt: v.nullable(ApiTimestamp),
});
export type DeadLetter = v.InferOutput<typeof DeadLetterSchema>;

/** The list's query string. `cursor` is the previous `nextCursor`; `replayed=include` lists replayed ones too. */
export const DeadLettersQuerySchema = v.object({
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, "cursor must be a nextCursor this API gave"))),
  limit: v.optional(queryNumber(1, DEAD_LETTERS_MAX_LIMIT, "limit"), String(DEAD_LETTERS_DEFAULT_LIMIT)),
  replayed: v.optional(v.picklist(["include"], 'replayed must be "include" (or left out)')),
});
export type DeadLettersQueryInput = v.InferInput<typeof DeadLettersQuerySchema>;

export const DeadLettersListResponseSchema = v.object({
  /** Newest first. */
  data: v.array(DeadLetterSchema),
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: v.nullable(v.string()),
});
export type DeadLettersListResponse = v.InferOutput<typeof DeadLettersListResponseSchema>;

/** What a replay did, in words, and the dead letter as it now stands (`replayedAt` set). */
export const DeadLetterReplayResultSchema = v.object({
  deadLetter: DeadLetterSchema,
  message: v.string(),
});
export type DeadLetterReplayResult = v.InferOutput<typeof DeadLetterReplayResultSchema>;

/** Path parameter. */
export const DeadLetterIdParamSchema = v.pipe(
  v.string(),
  v.regex(/^[1-9]\d{0,14}$/, "the dead letter id in the path must be a positive whole number"),
  v.transform(Number),
);
