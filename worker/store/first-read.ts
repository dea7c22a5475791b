/**
 * The setting that says a change feed has been read to its end once (its first sync is through): written by the
 * triggers (worker/jobs/first-sync-pacing.ts), read by them and by the status view. Its value is when.
 */
import type { DataflowId, Side } from "../core/types";

export const readToEndKey = (dataflow: DataflowId | string, side: Side | string) => `backfill:read:${dataflow}:${side}`;
