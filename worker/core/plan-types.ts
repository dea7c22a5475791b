/** What the planner takes and what it hands the engine (see plan.ts). */
import type { LinkResolver, SideRecord } from "./ports";
import type {
  ActivityEntry,
  Canonical,
  CanonicalValue,
  Conflict,
  ConflictPolicy,
  DataflowId,
  Link,
  LinkError,
  LinkState,
  Side,
} from "./types";

export interface PlanInput {
  dataflow: DataflowId;
  link: Link | null;
  /**
   * Each side's record as just read. null means: gone (deleted, or a PowerOffice order invoiced) when the link holds
   * an id for that side; no partner yet when it does not. PowerOffice orders must be complete (with their lines).
   */
  records: Record<Side, SideRecord | null>;
  policy: ConflictPolicy;
  resolver: LinkResolver;
  /** Epoch ms, for the activity log. */
  now: number;
  /** An admin's choices for open `manual` conflicts: property → the side whose value wins. */
  resolutions?: Readonly<Record<string, Side>>;
}

export interface PlannedWrite {
  side: Side;
  op: "create" | "update" | "archive";
  /** That side's field names, ready for SidePort.create / update (the desired values) / archive (informative). */
  payload: Record<string, unknown>;
  /** Canonical property → [before, after]. */
  changes: Record<string, [CanonicalValue, CanonicalValue]>;
  /** Creates: the deterministic key (ExternalImportReference, Code or Idempotency-Key) to send it with. */
  reference?: string;
}

export interface Plan {
  /** The link's state once the writes have succeeded. */
  state: LinkState;
  /** In order: updates before an archive on the same side. */
  writes: PlannedWrite[];
  /** Each side's canonical to store on the link after the writes succeed (the expected result: echoes compare to it). */
  snapshots: Record<Side, Canonical | null>;
  /** Every conflict found; those with `winner: null` are the open ones (policy `manual`). */
  conflicts: Conflict[];
  activity: ActivityEntry[];
  error: LinkError | null;
}
