/**
 * shared/api repeats the sync core's vocabulary (shared/ never imports the worker). These assignments fail the
 * type check the moment the two lists differ, in either direction.
 */
import type * as api from "../../../shared/api";
import type * as core from "../../core/types";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const VOCABULARY_MATCHES: [
  Same<api.Side, core.Side>,
  Same<api.DataflowId, core.DataflowId>,
  Same<api.Direction, core.Direction>,
  Same<api.LinkState, core.LinkState>,
  Same<api.ConflictPolicy, core.ConflictPolicy>,
  Same<api.ActivityAction, core.ActivityEntry["action"]>,
  Same<api.Conflict, core.Conflict>,
  Same<api.LinkError, core.LinkError>,
] = [true, true, true, true, true, true, true, true];
