/** Recent activity: what the sync did, to which record, on which side, which properties, and which admin asked. */
import { html, nothing } from "lit";
import type { ActivityEntry } from "../../../shared/api";
import { formatDateTime, formatList, formatNumber } from "../format";
import type { Messages } from "../i18n";

/** Entries shown before "Show all": enough to see what just happened without pushing the rest off the page. */
export const ACTIVITY_SHOWN = 8;

/** Property lists help where something changed; a create lists every field, which says nothing. */
const LISTS_PROPERTIES = new Set<ActivityEntry["action"]>(["updated", "conflict", "linked", "matched"]);

export function activityList(m: Messages, entries: ActivityEntry[], expanded: boolean, toggle: () => void) {
  if (entries.length === 0) return html`<p class="muted empty">${m.activityEmpty}</p>`;
  const shown = expanded ? entries : entries.slice(0, ACTIVITY_SHOWN);
  return html`<ol class="activity" part="activity">
      ${shown.map((entry) => {
        const properties = LISTS_PROPERTIES.has(entry.action) ? Object.keys(entry.changes) : [];
        return html`<li class="activity-item" data-action=${entry.action}>
          <time class="muted" datetime=${entry.at}>${formatDateTime(m, entry.at)}</time>
          <p>
            <strong>${m.activityAction[entry.action]}</strong>${entry.side ? ` ${m.activitySide(m.side[entry.side])}` : ""}
            <span class="muted">· ${m.dataflow[entry.dataflow]}</span>
            ${entry.actor ? html`<span class="activity-actor" part="activity-actor">· ${m.activityBy(entry.actor.sub)}</span>` : nothing}
            ${properties.length > 0 ? html`<span>· ${m.activityProperties(formatList(m, properties))}</span>` : nothing}
          </p>
          ${entry.message ? html`<p class="muted activity-message">${entry.message}</p>` : nothing}
        </li>`;
      })}
    </ol>
    ${
      entries.length > ACTIVITY_SHOWN
        ? html`<button class="link-button" part="button" aria-expanded=${expanded ? "true" : "false"} @click=${toggle}>
          ${expanded ? m.activityShowFewer : m.activityShowAll(formatNumber(m, entries.length))}
        </button>`
        : nothing
    }`;
}
