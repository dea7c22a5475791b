/**
 * Record contents as the API shows them: canonical values (the same form for both sides), conflicts, errors in
 * words and activity entries. Mirrors the sync core's types of the same names (worker/core/types.ts).
 */
import * as v from "valibot";
import {
  ActivityActionSchema,
  ApiTimestamp,
  ConflictPolicySchema,
  DataflowSchema,
  LinkId,
  SideSchema,
} from "./vocabulary";

/**
 * Text trimmed with "" as null, org numbers digits only, money as a two-decimal string, dates as YYYY-MM-DD,
 * references to other records as link ids ("link:42"), order lines as an array of objects.
 */
export type CanonicalValue = string | number | boolean | null | CanonicalValue[] | { [key: string]: CanonicalValue };

export const CanonicalValueSchema: v.GenericSchema<CanonicalValue> = v.union([
  v.string(),
  v.number(),
  v.boolean(),
  v.null(),
  v.array(v.lazy(() => CanonicalValueSchema)),
  v.record(
    v.string(),
    v.lazy(() => CanonicalValueSchema),
  ),
]);

/** The failure last seen on a record, in words an admin can act on; `side` is null for a decision of the sync. */
export const LinkErrorSchema = v.object({
  code: v.string(),
  message: v.string(),
  side: v.nullable(SideSchema),
});
export type LinkError = v.InferOutput<typeof LinkErrorSchema>;

/** One property changed differently on both sides since the last sync. */
export const ConflictSchema = v.object({
  property: v.string(),
  base: CanonicalValueSchema,
  poweroffice: CanonicalValueSchema,
  webshop: CanonicalValueSchema,
  /** The side whose value was kept; null while a `manual` conflict waits for the admin. */
  winner: v.nullable(SideSchema),
  policy: ConflictPolicySchema,
  reason: v.string(),
});
export type Conflict = v.InferOutput<typeof ConflictSchema>;

/** One entry of the activity log: what the sync did, on which side, which properties (property → [before, after]). */
export const ActivityEntrySchema = v.object({
  at: ApiTimestamp,
  dataflow: DataflowSchema,
  linkId: v.nullable(LinkId),
  /** The side written, or null for a decision without a write (a conflict, a skip, a brake). */
  side: v.nullable(SideSchema),
  action: ActivityActionSchema,
  changes: v.record(v.string(), v.tuple([CanonicalValueSchema, CanonicalValueSchema])),
  message: v.string(),
  /**
   * The admin who asked for it (push, retry, replay, resolve, link, unlink, relink, pause, resume, brake release):
   * `sub` is the widget token's, null when the token had none. Null for what the sync did by itself.
   */
  actor: v.nullable(v.object({ sub: v.nullable(v.string()) })),
});
export type ActivityEntry = v.InferOutput<typeof ActivityEntrySchema>;
