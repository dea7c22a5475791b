/**
 * The words the widget API speaks: sides, dataflows, directions, link states. The same lists as the sync core's
 * (worker/core/types.ts), kept here because shared/ never imports the worker; a type check in
 * worker/http/api/vocabulary-check.ts fails the build when the two drift apart.
 */
import * as v from "valibot";
import { RESOURCES } from "../webshop/common";
import { pathProblem } from "./record-ids";

export { RESOURCES, type Resource } from "../webshop/common";

export const SIDES = ["poweroffice", "webshop"] as const;
export type Side = (typeof SIDES)[number];

/** Order lines are not a dataflow of their own: they live inside the orders dataflow. */
export const DATAFLOWS = ["customers", "departments", "products", "orders"] as const;
export type DataflowId = (typeof DATAFLOWS)[number];

/** "poweroffice-to-webshop" writes into the webshop; pausing a direction stops its writes, not the reading. */
export const DIRECTIONS = ["poweroffice-to-webshop", "webshop-to-poweroffice"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const LINK_STATES = ["pending", "linked", "conflict", "ambiguous", "error", "archived", "skipped"] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** What the record widget shows for a shop record: a link's state, or "unlinked" when the sync has no link for it. */
export const RECORD_STATES = [...LINK_STATES, "unlinked"] as const;
export type RecordState = (typeof RECORD_STATES)[number];

export const CONFLICT_POLICIES = ["newest-wins", "poweroffice-wins", "webshop-wins", "manual"] as const;
export type ConflictPolicy = (typeof CONFLICT_POLICIES)[number];

export const ACTIVITY_ACTIONS = [
  "created",
  "updated",
  "archived",
  "linked",
  "matched",
  "conflict",
  "skipped",
  "ambiguous",
  "error",
  "dead-lettered",
  "braked",
  "invoiced",
  "flagged",
  // An admin's actions (entries with an actor); "linked" and "braked" are also written for the admin's link and
  // brake release.
  "pushed",
  "retried",
  "replayed",
  "unlinked",
  "relinked",
  "resolved",
  "paused",
  "resumed",
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export const SideSchema = v.picklist(SIDES);
export const DataflowSchema = v.picklist(DATAFLOWS);
export const DirectionSchema = v.picklist(DIRECTIONS);
export const LinkStateSchema = v.picklist(LINK_STATES);
export const RecordStateSchema = v.picklist(RECORD_STATES);
export const ConflictPolicySchema = v.picklist(CONFLICT_POLICIES);
export const ActivityActionSchema = v.picklist(ACTIVITY_ACTIONS);
export const ResourceSchema = v.picklist(RESOURCES);

/** RFC 3339 in UTC, as the worker writes every time (2026-11-26T12:00:00.000Z). */
export const ApiTimestamp = v.pipe(v.string(), v.isoTimestamp());

/** A link's id: a positive integer, never reused. */
export const LinkId = v.pipe(v.number(), v.integer(), v.minValue(1));

/** An id of a record in one of the systems (PowerOffice int64 as text, the shop's own id). */
export const RecordId = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, "must not be empty"),
  v.maxLength(255),
  v.check((id) => pathProblem(id) === null, 'must not be "." or ".." or contain "/"'),
);
