/**
 * The admin's actions (every one needs a `write` token): push a shop record now, retry or replay a failed record,
 * resolve conflicts, link / unlink / relink by hand, pause and resume a direction, release the mass-change brake.
 */
import * as v from "valibot";
import { RecordSummarySchema } from "./records";
import {
  ApiTimestamp,
  DataflowSchema,
  DirectionSchema,
  LinkId,
  LinkStateSchema,
  RecordId,
  ResourceSchema,
  SideSchema,
} from "./vocabulary";

/** Sent with every push; the same key answers the same again for 24 hours without a second sync. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const IdempotencyKeySchema = v.pipe(
  v.string(),
  v.regex(/^[\x21-\x7e]{1,255}$/, "Idempotency-Key must be 1-255 printable ASCII characters without spaces (a UUID)"),
);

/** POST /api/push: sync this shop record to PowerOffice now. Answers with a WebshopRecordStatus (records.ts). */
export const PushRequestSchema = v.object({
  resource: ResourceSchema,
  id: RecordId,
});
export type PushRequest = v.InferOutput<typeof PushRequestSchema>;

/** POST /api/records/:linkId/resolve: property → the side whose value wins; every open conflict needs a choice. */
export const ResolveRequestSchema = v.object({
  choices: v.pipe(
    v.record(v.pipe(v.string(), v.minLength(1)), SideSchema),
    v.check((choices) => Object.keys(choices).length > 0, "choices must name at least one property"),
  ),
});
export type ResolveRequest = v.InferOutput<typeof ResolveRequestSchema>;

/** POST /api/links: link two existing records by hand (after an ambiguous match, or to correct one). */
export const LinkRequestSchema = v.object({
  dataflow: DataflowSchema,
  powerofficeId: RecordId,
  webshopId: RecordId,
});
export type LinkRequest = v.InferOutput<typeof LinkRequestSchema>;

/**
 * POST /api/links/:linkId/relink: unlink, then link to the given records. An id left out keeps that side's record
 * of the link, so `{ webshopId }` gives the PowerOffice record another shop partner. At least one id is needed.
 */
export const RelinkRequestSchema = v.pipe(
  v.object({
    powerofficeId: v.optional(RecordId),
    webshopId: v.optional(RecordId),
  }),
  v.check(
    (body) => body.powerofficeId !== undefined || body.webshopId !== undefined,
    "name the new partner: powerofficeId, webshopId or both",
  ),
);
export type RelinkRequest = v.InferOutput<typeof RelinkRequestSchema>;

/**
 * What a record action did: the link's new state and, in words, what happened. A sync that failed answers 200 with
 * state "error" and the reason in `message` (the request itself was fine).
 */
export const ActionResultSchema = v.object({
  linkId: v.nullable(LinkId),
  state: LinkStateSchema,
  message: v.nullable(v.string()),
  record: v.nullable(RecordSummarySchema),
});
export type ActionResult = v.InferOutput<typeof ActionResultSchema>;

/** POST /api/dataflows/:dataflow/:direction/pause and /resume answer the direction's new state. */
export const PauseResultSchema = v.object({
  dataflow: DataflowSchema,
  direction: DirectionSchema,
  paused: v.boolean(),
  pausedAt: v.nullable(ApiTimestamp),
});
export type PauseResult = v.InferOutput<typeof PauseResultSchema>;

/** POST /api/dataflows/:dataflow/brake/release. */
export const BrakeReleaseResultSchema = v.object({
  dataflow: DataflowSchema,
  message: v.string(),
});
export type BrakeReleaseResult = v.InferOutput<typeof BrakeReleaseResultSchema>;

/** Path parameters. */
export const LinkIdParamSchema = v.pipe(
  v.string(),
  v.regex(/^[1-9]\d{0,14}$/, "the link id in the path must be a positive whole number"),
  v.transform(Number),
);
