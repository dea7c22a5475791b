/**
 * A Cloudflare daily allowance used up (Workers Free): which one, and when the sync goes on by itself, in the admin's
 * own time (docs/operations.md, Daily allowances). Nothing to click: it passes at 00:00 UTC, or with Workers Paid.
 */
import { html, nothing } from "lit";
import type { DailyLimitView } from "../../../shared/api/status";
import { formatClock } from "../format";
import type { Messages } from "../i18n";

export function dailyLimitNotices(m: Messages, limits: DailyLimitView[] | undefined) {
  if (!limits || limits.length === 0) return nothing;
  return html`${limits.map(
    (limit) =>
      html`<p class="message tone-warning daily-limit" part="daily-limit" role="status" data-allowance=${limit.allowance}>
        ${m.dailyLimit(m.dailyAllowance[limit.allowance], formatClock(m, limit.resetsAt))}
      </p>`,
  )}`;
}
