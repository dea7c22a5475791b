/** Sums and maxima over the invocation reports of bench/workerd/entry.ts, and figure (7) built from them. */
import type { BenchRow } from "../types";
import type { InvocationReport } from "./report";

/** The Workers platform's limits per invocation (developers.cloudflare.com/workers/platform/limits). */
export const LIMITS = {
  freeSubrequests: 50,
  freeCpuMs: 10,
  paidSubrequests: 10_000,
  paidD1Queries: 1_000,
  paidCpuMs: 30_000,
};

export interface Tally {
  invocations: number;
  byKind: Record<string, number>;
  labels: Record<string, number>;
}

export function tally(reports: InvocationReport[]): Tally {
  const byKind: Record<string, number> = {};
  const labels: Record<string, number> = {};
  for (const r of reports) {
    for (const [k, v] of Object.entries(r.byKind)) byKind[k] = (byKind[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.labels)) labels[k] = (labels[k] ?? 0) + v;
  }
  return { invocations: reports.length, byKind, labels };
}

/** A subrequest that changes something: a D1 write statement or batch, a KV put, a queue send. */
export const isWrite = (label: string) => /^(d1 (INSERT|UPDATE|DELETE|REPLACE|batch|exec)|kv put|queue )/i.test(label);

/** The p-th percentile of ascending `sorted` (nearest rank); 0 for none. */
export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

const describe = (r: InvocationReport) =>
  `${r.kind} ${r.what}: ${r.subrequests} subrequests (${Object.entries(r.byKind)
    .map(([k, v]) => `${k} ${v}`)
    .join(", ")}), busy ${r.busyMs.toFixed(1)} ms of ${r.wallMs.toFixed(0)} ms wall`;

/** (7): the largest subrequest count and busy time of any single invocation, against the platform's limits. */
export function invocationFigures(reports: InvocationReport[], setup: string, plan: "free" | "paid"): BenchRow[] {
  // On Workers Paid, D1's 1,000 queries per invocation is the tighter limit (subrequests: 10,000).
  const limit = plan === "free" ? LIMITS.freeSubrequests : LIMITS.paidD1Queries;
  if (reports.length === 0) throw new Error("no invocation reports were collected");
  const bySubrequests = [...reports].sort((a, b) => b.subrequests - a.subrequests);
  const byBusy = [...reports].sort((a, b) => b.busyMs - a.busyMs);
  const busy = reports.map((r) => r.busyMs).sort((a, b) => a - b);
  const mostSub = bySubrequests[0]!;
  const mostBusy = byBusy[0]!;
  const overCpuFree = reports.filter((r) => r.busyMs > LIMITS.freeCpuMs).length;
  const kinds = tally(reports);
  return [
    {
      figure: "7. most subrequests in one invocation",
      value: `${mostSub.subrequests} (${describe(mostSub)}); ${reports.length} invocations, p95 ${percentile(
        reports.map((r) => r.subrequests).sort((a, b) => a - b),
        95,
      )}`,
      target:
        plan === "free"
          ? `≤ ${LIMITS.freeSubrequests} (free plan)`
          : `≤ ${LIMITS.paidD1Queries} (paid: D1 queries; subrequests ${LIMITS.paidSubrequests})`,
      met: mostSub.subrequests <= limit,
      setup: `every invocation during (2): cron, queue batches, webhook requests; counted where the worker makes each subrequest (fetch, D1 statement or batch, KV, queue send). ${setup}`,
      data: { top: bySubrequests.slice(0, 5), invocations: reports.length, byKind: kinds.byKind },
    },
    {
      figure: "7. most CPU in one invocation",
      value: `≤ ${mostBusy.busyMs.toFixed(1)} ms (${describe(mostBusy)}); p50 ${percentile(busy, 50).toFixed(1)} ms, p95 ${percentile(busy, 95).toFixed(1)} ms; ${overCpuFree} of ${reports.length} above the free plan's ${LIMITS.freeCpuMs} ms`,
      target: `≤ ${LIMITS.paidCpuMs / 1000} s (paid default; free plan ${LIMITS.freeCpuMs} ms)`,
      met: mostBusy.busyMs <= LIMITS.paidCpuMs,
      setup: `busy = wall time minus the time waiting on a subrequest or sleep, measured inside workerd on this machine (an upper bound on CPU: it also holds GC and scheduling). ${setup}`,
      data: { top: byBusy.slice(0, 5), p50: percentile(busy, 50), p95: percentile(busy, 95), overCpuFree },
    },
  ];
}
