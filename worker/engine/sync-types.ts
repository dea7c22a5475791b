/** What syncing one record takes and gives back, shared by the engine's steps. */
import type { SideRecord } from "../core/ports";
import type { DataflowId, LinkState, Side } from "../core/types";
import type { Run } from "./run";

export interface RecordInput {
  id: string;
  /** As the feed or a webhook gave it; undefined: read it; null: known to be gone. */
  record?: SideRecord | null;
}

export interface SyncOptions {
  /** How deep in dependencies this record is (an order's customer is 1). */
  depth: number;
  /** Read and plan even when the record looks unchanged (reconcile, retries, admin actions). */
  full: boolean;
  /** Plans so far after the target changed under a write (412). */
  replans?: number;
  /** An admin's choices for open `manual` conflicts: property → the side whose value wins. */
  resolutions?: Record<string, Side>;
}

export interface RecordOutcome {
  linkId: number | null;
  state: LinkState;
  message: string | null;
  /** Side writes sent for this record. */
  written: number;
  failed: boolean;
}

export type SyncRecord = (
  run: Run,
  dataflow: DataflowId,
  side: Side,
  input: RecordInput,
  options: SyncOptions,
) => Promise<RecordOutcome>;
