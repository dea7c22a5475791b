/** The kit's output: one line per rule, a cleanup line and a summary, as the CLI prints them. */
import type { CleanupReport, ConformanceReport, RuleResult } from "./types";

export function resultLine(result: RuleResult): string {
  return result.outcome === "pass"
    ? `PASS ${result.id} — ${result.detail}`
    : `FAIL ${result.id} — expected: ${result.expected}; got: ${result.got}`;
}

export function cleanupLine(cleanup: CleanupReport, tag: string): string {
  switch (cleanup.kind) {
    case "deleted":
      return `cleanup: deleted the ${cleanup.count} records the kit made (tagged ${tag})`;
    case "archived":
      return `cleanup: DELETE not supported (${cleanup.why}); archived ${cleanup.count} records instead (active=false, orders cancelled), deleted ${cleanup.deleted}; they stay in the shop tagged ${tag}`;
    case "incomplete":
      return `cleanup: INCOMPLETE, deleted ${cleanup.deleted}, archived ${cleanup.archived}, left ${cleanup.left.length}: ${cleanup.left.map((l) => `${l.resource}/${l.id} (${l.why})`).join("; ")}`;
    case "kept":
      return `cleanup: skipped (--keep); ${cleanup.count} records tagged ${tag} stay in the shop`;
  }
}

export function summaryLine(report: ConformanceReport): string {
  const failed = report.results.filter((r) => r.outcome === "fail").length;
  const passed = report.results.length - failed;
  const verdict = failed ? "FAILED" : "PASSED";
  return `${verdict}: ${report.results.length} rules, ${passed} passed, ${failed} failed (run conformance-${report.runId})`;
}

export function failedIds(report: ConformanceReport): string[] {
  return report.results.filter((r) => r.outcome === "fail").map((r) => r.id);
}
