/** One dataflow's card: counts by state, the first sync's progress, each direction's pause switch, the brake. */
import { html, nothing } from "lit";
import { type DataflowStatus, type Direction, LINK_STATES } from "../../../shared/api";
import { formatNumber, formatRelative } from "../format";
import type { Messages } from "../i18n";
import { toneOf } from "../state-badge";
import { firstSyncNotice } from "./first-sync-notice";

export interface CardActions {
  busy: string | null;
  setPaused(status: DataflowStatus, direction: Direction, paused: boolean): void;
  releaseBrake(status: DataflowStatus): void;
}

export const pauseActionKey = (flow: DataflowStatus, direction: Direction) => `pause:${flow.dataflow}:${direction}`;
export const brakeActionKey = (flow: DataflowStatus) => `brake:${flow.dataflow}`;

export function dataflowCard(m: Messages, flow: DataflowStatus, actions: CardActions) {
  const name = m.dataflow[flow.dataflow];
  const headingId = `flow-${flow.dataflow}`;
  return html`<li class="card" part="dataflow" data-dataflow=${flow.dataflow}>
    <article aria-labelledby=${headingId}>
      <header class="card-header">
        <h4 id=${headingId}>${name}</h4>
        <span class="muted">${formatNumber(m, flow.total)}</span>
      </header>
      ${flow.brake ? brake(m, flow, actions) : nothing}
      <dl class="counts" part="counts" aria-label=${m.countsLabel(name)}>
        ${LINK_STATES.map(
          (state) => html`<div class="count ${flow.counts[state] === 0 ? "zero" : ""}" data-state=${state}>
            <dt><span class="dot ${toneOf(state)}" aria-hidden="true"></span>${m.state[state]}</dt>
            <dd>${formatNumber(m, flow.counts[state])}</dd>
          </div>`,
        )}
      </dl>
      ${backfill(m, flow)}
      ${firstSyncNotice(m, flow)}
      <ul class="directions" aria-label=${name}>
        ${flow.directions.map((d) => {
          const key = pauseActionKey(flow, d.direction);
          return html`<li class="direction" data-direction=${d.direction}>
            <span class="direction-name">${m.direction[d.direction]}</span>
            <span class="badge ${d.paused ? "tone-warning" : "tone-ok"}" part="badge"
              ><span class="icon" aria-hidden="true">${d.paused ? "❚❚" : "▶"}</span>${d.paused ? m.paused : m.running}</span
            >
            <button
              part="button pause-button"
              data-action=${key}
              aria-disabled=${actions.busy === key ? "true" : "false"}
              @click=${() => actions.setPaused(flow, d.direction, !d.paused)}
            >
              ${d.paused ? m.resume(m.direction[d.direction]) : m.pause(m.direction[d.direction])}
            </button>
          </li>`;
        })}
      </ul>
      <p class="runs muted">
        <span>${m.lastRun}: ${lastRun(m, flow)}</span>
        <span>${m.nextRun}: ${flow.nextRunAt ? html`<time datetime=${flow.nextRunAt}>${formatRelative(m, flow.nextRunAt)}</time>` : m.never}</span>
        ${flow.backlog > 0 ? html`<span>${m.backlog(formatNumber(m, flow.backlog))}</span>` : nothing}
      </p>
    </article>
  </li>`;
}

function lastRun(m: Messages, flow: DataflowStatus) {
  return flow.lastRunAt ? html`<time datetime=${flow.lastRunAt}>${formatRelative(m, flow.lastRunAt)}</time>` : m.never;
}

function backfill(m: Messages, flow: DataflowStatus) {
  const { done, total, complete } = flow.backfill;
  const labelId = `backfill-${flow.dataflow}`;
  // Before the feeds have been read there is nothing to count yet: the bar has no value (indeterminate) until then.
  const known = total !== null && (total > 0 || complete);
  const max = total ?? 0;
  const percent = complete ? 100 : max > 0 ? Math.min(100, Math.round((done / max) * 100)) : 0;
  const text = complete
    ? m.backfillDone
    : known
      ? m.backfillProgress(formatNumber(m, done), formatNumber(m, max))
      : m.backfillNotStarted;
  return html`<div class="backfill">
    <div class="backfill-label"><span id=${labelId}>${m.backfill}</span><span class="muted">${text}</span></div>
    <div
      class="progress"
      part="progress"
      role="progressbar"
      aria-labelledby=${labelId}
      aria-valuemin="0"
      aria-valuemax=${known ? String(Math.max(max, done)) : nothing}
      aria-valuenow=${known ? String(done) : nothing}
      aria-valuetext=${text}
    >
      <div class="progress-bar ${complete ? "complete" : ""}" style="width: ${percent}%"></div>
    </div>
  </div>`;
}

function brake(m: Messages, flow: DataflowStatus, actions: CardActions) {
  const key = brakeActionKey(flow);
  return html`<div class="message tone-danger brake" part="brake" role="alert">
    <p>${m.brakeWarning(flow.brake?.message ?? "")}</p>
    <button part="button brake-button" data-action=${key} aria-disabled=${actions.busy === key ? "true" : "false"} @click=${() => actions.releaseBrake(flow)}>
      ${m.releaseBrake}
    </button>
  </div>`;
}
