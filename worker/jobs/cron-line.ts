/** The cron run's one JSON line (docs/operations.md): the counts of what it did, each feed's outcome, what went wrong. */
import { jobLine } from "../status/job-log";
import type { CronReport } from "./cron";
import { dailyLimitText } from "./daily-limit-stop";
import { goneOrdersText } from "./gone-orders";

export function cronLine(report: CronReport, startedMs: number): string {
  const outcome = report.schemaBehind
    ? "schema-behind"
    : report.errors.length > 0
      ? "failed"
      : report.dailyLimits.length > 0
        ? "daily-limit"
        : report.ran
          ? "ok"
          : "skipped";
  return jobLine({
    kind: "cron",
    correlationId: report.runId,
    action: "sync",
    outcome,
    startedMs,
    counts: {
      subrequests: report.subrequests,
      webhooksResent: report.sweep?.resent.length ?? 0,
      webhooksSettled: report.sweep?.settled.length ?? 0,
      retriesQueued: report.retriesQueued,
      feedsInline: report.feeds.filter((f) => f.outcome === "inline").length,
      feedsQueued: report.feeds.filter((f) => f.outcome === "queued").length,
      feedsPaused: report.feeds.filter((f) => f.outcome === "paused").length,
      processed: report.feeds.reduce((n, f) => n + (f.outcome === "inline" ? f.processed : 0), 0),
      written: report.feeds.reduce((n, f) => n + (f.outcome === "inline" ? f.written : 0), 0),
      ...(report.preview ? { previewPages: report.preview.pages, previewRecords: report.preview.records } : {}),
    },
    problems: [
      ...(report.schemaBehind ? [report.schemaBehind] : []),
      ...(report.syncOff ? [report.syncOff] : []),
      ...(report.leaseLost ? [`stopped, lease lost (${report.leaseLost})`] : []),
      ...report.dailyLimits.map(dailyLimitText),
      ...(report.preview?.problem ? [`preview: ${report.preview.problem}`] : []),
      ...report.errors,
    ],
    reconcileQueued: report.reconcileQueued,
    invoicedOrders: goneOrdersText(report.goneOrders),
    feeds: report.feeds.map(
      (f) => `${f.dataflow}/${f.side}:${f.outcome}${f.outcome === "inline" ? `(${f.processed}/${f.written})` : ""}`,
    ),
  });
}
