/** Every benchmark, numbered as in docs/performance.md; (4) and (7) come out of the backfill's run. */
import * as corePlanning from "./core-planning";
import * as openOrderIds from "./open-order-ids";
import type { Benchmark } from "./types";
import * as widget from "./widget";
import * as workerdBackfill from "./workerd/backfill";
import * as burst from "./workerd/burst";
import * as latency from "./workerd/latency";

export const BENCHMARKS: Benchmark[] = [
  { id: "1", title: "core planning throughput", run: corePlanning.run },
  { id: "1", title: "CPU of the open orders' ids", run: openOrderIds.run },
  { id: "2", title: "backfill, quiet cost and Workers limits (workerd)", run: workerdBackfill.run },
  { id: "3", title: "latency shop → PowerOffice (workerd)", run: latency.run },
  // 4 (quiet cost) is measured by the backfill module: the cycle after its backfill went quiet.
  { id: "5", title: "webhook intake under burst (workerd)", run: burst.run },
  { id: "6", title: "widget", run: widget.run },
  // 7 (Workers limits) is measured by the backfill module: every invocation of its run.
];
