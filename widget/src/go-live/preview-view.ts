/**
 * The first sync's preview before anything is written: how far both systems have been read, then per dataflow what
 * the first sync would do (in counts), the options chosen before starting, and "Start syncing".
 */
import { html, nothing } from "lit";
import {
  PREVIEW_ACTIONS,
  type PreviewAction,
  type PreviewCounts,
  type PreviewOptions,
  type PreviewResponse,
} from "../../../shared/api/preview";
import { DATAFLOWS, type DataflowId } from "../../../shared/api/vocabulary";
import { formatDateTime, formatNumber } from "../format";
import type { Messages } from "../i18n";
import type { GoLiveMessages, StartPlan } from "../i18n/go-live-messages";

export const REFRESH_KEY = "preview-refresh";
export const START_KEY = "preview-start";
export const optionKey = (name: string) => `option:${name}`;

const COUNT_OF: Record<PreviewAction, keyof PreviewCounts> = {
  link: "link",
  "create-in-poweroffice": "createInPowerOffice",
  "create-in-webshop": "createInWebshop",
  ambiguous: "ambiguous",
  skip: "skip",
  differing: "differing",
};

export interface PreviewHandlers {
  busy: string | null;
  canWrite: boolean;
  showCount(dataflow: DataflowId, action: PreviewAction): void;
  refresh(): void;
  setOptions(options: PreviewOptions, key: string): void;
  start(): void;
}

/** What Start would do under the options chosen: a direction switched off creates nothing that way. */
export function startPlan(m: Messages, preview: PreviewResponse): StartPlan {
  const sum = (count: (c: PreviewCounts, dataflow: DataflowId) => number) =>
    formatNumber(
      m,
      preview.dataflows.reduce((total, flow) => total + count(flow.counts, flow.dataflow), 0),
    );
  const directions = preview.options.directions;
  return {
    link: sum((c) => c.link),
    differing: sum((c) => c.differing),
    createInPowerOffice: sum((c, d) => (directions[d].toPowerOffice ? c.createInPowerOffice : 0)),
    createInWebshop: sum((c, d) => (directions[d].toWebshop ? c.createInWebshop : 0)),
    ambiguous: sum((c) => c.ambiguous),
    skip: sum((c) => c.skip),
  };
}

function progressView(m: Messages, g: GoLiveMessages, preview: PreviewResponse) {
  if (preview.progress.length === 0) return nothing;
  return html`<ul class="preview-progress" aria-label=${g.reading}>
    ${preview.progress.map(
      (p) => html`<li data-dataflow=${p.dataflow} data-side=${p.side} data-done=${String(p.readToEnd)}>
        ${g.progress(m.dataflow[p.dataflow], m.side[p.side], formatNumber(m, p.read), p.readToEnd)}
      </li>`,
    )}
  </ul>`;
}

function countsTable(m: Messages, g: GoLiveMessages, preview: PreviewResponse, on: PreviewHandlers) {
  return html`<table class="preview-counts" part="preview-counts">
    <caption>${g.countsCaption}</caption>
    <thead>
      <tr>
        <th scope="col">${g.dataflowColumn}</th>
        ${PREVIEW_ACTIONS.map((action) => html`<th scope="col" title=${g.actionHelp[action]}>${g.action[action]}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${preview.dataflows.map(
        (flow) => html`<tr data-dataflow=${flow.dataflow}>
          <th scope="row">${m.dataflow[flow.dataflow]}</th>
          ${PREVIEW_ACTIONS.map((action) => {
            const count = flow.counts[COUNT_OF[action]];
            // A count is a way into the list: the plan filtered to that dataflow and action.
            return html`<td data-action=${action}>
              ${
                count > 0
                  ? html`<button
                      class="count-button"
                      aria-label=${`${m.dataflow[flow.dataflow]}, ${g.action[action]}: ${formatNumber(m, count)}`}
                      @click=${() => on.showCount(flow.dataflow, action)}
                    >${formatNumber(m, count)}</button>`
                  : html`<span class="muted">0</span>`
              }
            </td>`;
          })}
        </tr>`,
      )}
    </tbody>
  </table>
  <dl class="action-help">
    ${PREVIEW_ACTIONS.map((action) => html`<div><dt>${g.action[action]}</dt><dd>${g.actionHelp[action]}</dd></div>`)}
  </dl>`;
}

function optionsForm(m: Messages, g: GoLiveMessages, options: PreviewOptions, on: PreviewHandlers) {
  const disabled = !on.canWrite;
  const scope = (value: PreviewOptions["scope"], label: string, help: string) =>
    html`<label class="option">
      <input
        type="radio"
        name="scope"
        value=${value}
        .checked=${options.scope === value}
        ?disabled=${disabled}
        aria-describedby=${`scope-${value}-help`}
        @change=${() => on.setOptions({ ...options, scope: value }, optionKey("scope"))}
      />
      <span class="option-text">
        <span class="option-side">${label}</span>
        <span class="muted" id=${`scope-${value}-help`}>${help}</span>
      </span>
    </label>`;
  const direction = (dataflow: DataflowId, which: "toWebshop" | "toPowerOffice") =>
    html`<label class="direction-option">
      <input
        type="checkbox"
        name=${`${dataflow}-${which}`}
        .checked=${options.directions[dataflow][which]}
        ?disabled=${disabled}
        @change=${(event: Event) =>
          on.setOptions(
            {
              ...options,
              directions: {
                ...options.directions,
                [dataflow]: { ...options.directions[dataflow], [which]: (event.target as HTMLInputElement).checked },
              },
            },
            optionKey(`${dataflow}-${which}`),
          )}
      />
      ${which === "toWebshop" ? g.toWebshop : g.toPowerOffice}
    </label>`;
  return html`<section class="preview-options" aria-labelledby="options-heading">
    <h4 id="options-heading">${g.optionsHeading}</h4>
    <fieldset>
      <legend>${g.scopeLegend}</legend>
      ${scope("full", g.scope.full, g.scope.fullHelp)} ${scope("from-now", g.scope.fromNow, g.scope.fromNowHelp)}
    </fieldset>
    <fieldset>
      <legend>${g.directionsLegend}</legend>
      <p class="muted">${g.directionsHelp}</p>
      <div class="directions-grid">
        ${DATAFLOWS.map(
          (
            dataflow,
          ) => html`<div class="directions-row" role="group" aria-label=${m.dataflow[dataflow]} data-dataflow=${dataflow}>
            <span class="directions-name">${m.dataflow[dataflow]}</span>
            ${direction(dataflow, "toWebshop")} ${direction(dataflow, "toPowerOffice")}
          </div>`,
        )}
      </div>
    </fieldset>
  </section>`;
}

export function previewView(
  m: Messages,
  g: GoLiveMessages,
  preview: PreviewResponse,
  on: PreviewHandlers,
  list: unknown,
) {
  if (preview.state === "started") return nothing;
  const body =
    preview.state === "waiting-for-connection"
      ? html`<p class="muted">${g.waitingForConnection}</p>`
      : preview.state === "reading"
        ? html`<p role="status">${g.reading}</p>
            ${progressView(m, g, preview)}`
        : html`${preview.readAt ? html`<p class="muted">${g.readAt(formatDateTime(m, preview.readAt))}</p>` : nothing}
            ${countsTable(m, g, preview, on)} ${list} ${optionsForm(m, g, preview.options, on)}
            <section class="preview-start" aria-labelledby="start-heading">
              <h4 id="start-heading" class="visually-hidden">${g.startHeading}</h4>
              ${on.canWrite ? nothing : html`<p class="message tone-info">${g.readOnly}</p>`}
              <div class="start-actions">
                <button
                  part="button refresh-button"
                  data-action=${REFRESH_KEY}
                  ?disabled=${!on.canWrite}
                  aria-disabled=${on.busy === REFRESH_KEY ? "true" : "false"}
                  @click=${on.refresh}
                >${g.readAgain}</button>
                <button
                  part="button start-button"
                  class="primary"
                  data-action=${START_KEY}
                  ?disabled=${!on.canWrite}
                  aria-disabled=${on.busy === START_KEY ? "true" : "false"}
                  @click=${on.start}
                >${g.start}</button>
              </div>
            </section>`;
  return html`<section class="preview" part="preview" aria-labelledby="preview-heading" data-state=${preview.state}>
    <h3 id="preview-heading">${g.previewHeading}</h3>
    <p>${g.previewIntro}</p>
    ${body}
  </section>`;
}
