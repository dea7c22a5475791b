/** Recent activity: what the sync did, to which record, on which side, which properties. */
import { html, nothing } from "lit";
import type { ActivityEntry } from "../../../shared/api";
import { formatDateTime, formatList } from "../format";
import type { Messages } from "../i18n";

export function activityList(m: Messages, entries: ActivityEntry[]) {
  if (entries.length === 0) return html`<p class="muted empty">${m.activityEmpty}</p>`;
  return html`<ol class="activity" part="activity">
    ${entries.map((entry) => {
      const properties = Object.keys(entry.changes);
      return html`<li class="activity-item" data-action=${entry.action}>
        <time class="muted" datetime=${entry.at}>${formatDateTime(m, entry.at)}</time>
        <p>
          <strong>${m.activityAction[entry.action]}</strong>${entry.side ? ` ${m.activitySide(m.side[entry.side])}` : ""}
          <span class="muted">· ${m.dataflow[entry.dataflow]}</span>
          ${properties.length > 0 ? html`<span>· ${m.activityProperties(formatList(m, properties))}</span>` : nothing}
        </p>
        ${entry.message ? html`<p class="muted activity-message">${entry.message}</p>` : nothing}
      </li>`;
    })}
  </ol>`;
}
