/** Every benchmark in issue 6's order. Those not built yet answer with a "not measured yet" row and the reason. */
import * as corePlanning from "./core-planning";
import { type Benchmark, notMeasured } from "./types";
import * as widget from "./widget";
import * as workerdBackfill from "./workerd/backfill";

const pending = (id: string, title: string, target: string, reason: string): Benchmark => ({
  id,
  title,
  run: async () => [notMeasured(`${id}. ${title}`, target, reason)],
});

export const BENCHMARKS: Benchmark[] = [
  { id: "1", title: "core planning throughput", run: corePlanning.run },
  { id: "2", title: "backfill, quiet cost and Workers limits (workerd)", run: workerdBackfill.run },
  pending(
    "3",
    "latency shop → PowerOffice",
    "p95 ≤ 2 s",
    "needs the app with D1, KV and a Queue (workerd); the node bench has no D1 shim yet",
  ),
  // 4 (quiet cost) is measured by the backfill module: the cycle after its backfill went quiet.
  pending(
    "5",
    "webhook intake under burst",
    "every event processed exactly once",
    "needs the app with D1, KV and a Queue (workerd); the node bench has no D1 shim yet",
  ),
  { id: "6", title: "widget", run: widget.run },
  pending(
    "7",
    "Workers limits during (2)",
    "≤ 50 subrequests per invocation (free plan)",
    "needs (2) inside workerd with per-invocation CPU and subrequest counts; (2) runs in node here. docs/sync-engine.md Limits cites test/worker/sync/limits.test.ts (at most 40 per invocation for a 63-product backfill)",
  ),
];
