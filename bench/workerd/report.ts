import type { Usage } from "../quota/arithmetic";

/** What bench/workerd/entry.ts logs at the end of each invocation, and the tag the stack finds those lines by. */
export const INVOCATION_TAG = "bench-invocation";

export interface InvocationReport {
  kind: "fetch" | "queue" | "scheduled";
  /** The path (fetch), the message kinds (queue) or the cron. */
  what: string;
  startedAt: number;
  wallMs: number;
  /** Time in which at least one subrequest or sleep was pending. */
  waitMs: number;
  /** wallMs − waitMs: an upper bound on the invocation's CPU time. */
  busyMs: number;
  subrequests: number;
  byKind: Record<string, number>;
  /** Each subrequest as the worker names it when it counts it, e.g. "d1 SELECT", "fetch GET 127.0.0.1:9204". */
  labels: Record<string, number>;
  /** What the invocation used of the billed services, counted at the platform's bindings (usage-meter.ts). */
  usage: Usage;
  /** D1 rows written by table and statement kind, e.g. "links insert" (usage-meter.ts). */
  rowsWrittenByTable?: Record<string, number>;
}
