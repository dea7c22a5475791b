/**
 * The go-live checklist: each item ready or not, and for one that is not, what to do about it (the widget's own
 * sentence for a code it knows, the worker's otherwise), with "Check again" for the shop's API.
 */
import { html, nothing } from "lit";
import type { GoLiveItem, GoLiveProblemCode, GoLiveResponse } from "../../../shared/api/go-live";
import type { GoLiveMessages } from "../i18n/go-live-messages";

export const CHECK_WEBSHOP_KEY = "check-webshop";

export interface ChecklistHandlers {
  busy: string | null;
  canWrite: boolean;
  checkWebshop(): void;
}

export function problemText(g: GoLiveMessages, item: GoLiveItem): string | null {
  if (!item.problem) return null;
  const code = item.problem.code;
  return Object.hasOwn(g.problem, code) ? g.problem[code as GoLiveProblemCode] : item.problem.message;
}

/** What the worker found: open under an item that is not ready, folded under one that is. */
function details(g: GoLiveMessages, item: GoLiveItem) {
  if (item.details.length === 0) return nothing;
  const list = html`<ul class="checklist-details">${item.details.map((d) => html`<li>${d}</li>`)}</ul>`;
  return item.ready ? html`<details><summary>${g.whatWasFound}</summary>${list}</details>` : list;
}

export function goLiveChecklist(g: GoLiveMessages, goLive: GoLiveResponse, on: ChecklistHandlers) {
  return html`<section class="checklist" part="go-live" aria-labelledby="go-live-heading">
    <h3 id="go-live-heading">${g.checklistHeading}</h3>
    <p class="muted">${g.checklistIntro}</p>
    <ol class="checklist-items">
      ${goLive.items.map((item) => {
        const problem = item.ready ? null : problemText(g, item);
        return html`<li class="checklist-item" part="go-live-item" data-item=${item.id} data-ready=${String(item.ready)}>
          <span class="badge ${item.ready ? "tone-ok" : "tone-warning"}">
            <span class="icon" aria-hidden="true">${item.ready ? "✓" : "!"}</span>${item.ready ? g.ready : g.notReady}
          </span>
          <div class="checklist-text">
            <p class="checklist-title">${g.item[item.id]}</p>
            ${problem ? html`<p class="checklist-problem">${problem}</p>` : nothing}
            ${details(g, item)}
          </div>
          ${
            item.id === "webshop-api"
              ? html`<button
                  part="button check-again-button"
                  data-action=${CHECK_WEBSHOP_KEY}
                  ?disabled=${!on.canWrite}
                  aria-disabled=${on.busy === CHECK_WEBSHOP_KEY ? "true" : "false"}
                  @click=${on.checkWebshop}
                >${item.checkedAt ? g.checkAgain : g.checkNow}</button>`
              : nothing
          }
        </li>`;
      })}
    </ol>
  </section>`;
}
