/**
 * The first sync of a dataflow in words (GET /api/status `firstSync`): how many records are linked of how many, whether
 * it is paused for today to stay inside Workers Free's daily allowances (and when it goes on, in the admin's own
 * time), and about how long it still takes. What the worker does not know yet is said, never guessed.
 */
import { html, nothing } from "lit";
import type { DataflowStatus, FirstSync } from "../../../shared/api/status";
import { formatClock, formatList, formatNumber } from "../format";
import type { Messages } from "../i18n";

const HOUR_MS = 3_600_000;

/** One sentence: progress; paused until; what is left. */
export function firstSyncText(m: Messages, flow: DataflowStatus, first: FirstSync, now = Date.now()): string {
  const records = m.firstSync.records[flow.dataflow];
  const linked = formatNumber(m, first.linked);
  const unread = first.feeds.filter((feed) => !feed.readToEnd).map((feed) => m.side[feed.side]);
  const parts = [
    first.total === null
      ? m.firstSync.progressUnknown(linked, records, formatList(m, unread), unread.length > 1)
      : m.firstSync.progress(linked, formatNumber(m, first.total), records),
  ];
  if (first.pausedUntil) parts.push(m.firstSync.paused(formatClock(m, first.pausedUntil)));
  if (first.estimatedDoneAt === null) parts.push(m.firstSync.noEstimate);
  else {
    const hours = Math.max(1, Math.round((Date.parse(first.estimatedDoneAt) - now) / HOUR_MS));
    parts.push(hours < 24 ? m.firstSync.moreHours(hours) : m.firstSync.moreDays(Math.round(hours / 24)));
  }
  return `${parts.join("; ")}.`;
}

export function firstSyncNotice(m: Messages, flow: DataflowStatus) {
  if (!flow.firstSync) return nothing;
  const tone = flow.firstSync.pausedUntil ? "message tone-warning" : "muted";
  // Not a live region: the sentence is read with its card, and a refresh every few seconds would only be chatter.
  return html`<p class="first-sync ${tone}" part="first-sync" data-paused=${flow.firstSync.pausedUntil ? "true" : "false"}>
    ${firstSyncText(m, flow, flow.firstSync)}
  </p>`;
}
