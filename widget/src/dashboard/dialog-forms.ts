/**
 * The two forms the dashboard's dialog shows: resolving a conflict (both values side by side, one choice per
 * property) and linking an ambiguous record by hand (the id on each side).
 */
import { html, nothing } from "lit";
import type { RecordDetail, RecordSummary, Side } from "../../../shared/api";
import type { ApiFailure } from "../api/failure";
import { describeFailure } from "../api/failure";
import { formatValue } from "../format";
import type { Messages } from "../i18n";
import { recordLabel } from "./attention-list";

export type DialogState =
  | {
      kind: "resolve";
      record: RecordSummary;
      detail: RecordDetail | null;
      choices: Record<string, Side>;
      failure: ApiFailure | null;
      saving: boolean;
    }
  | { kind: "link"; record: RecordSummary; failure: ApiFailure | null; saving: boolean };

export interface DialogHandlers {
  choose(property: string, side: Side): void;
  submit(event: Event): void;
  cancel(): void;
}

export function dialogTitle(m: Messages, state: DialogState): string {
  const label = recordLabel(m, state.record);
  return state.kind === "resolve" ? m.resolveTitle(label) : m.linkTitle(label);
}

export function dialogBody(m: Messages, state: DialogState, on: DialogHandlers) {
  return state.kind === "resolve" ? resolveForm(m, state, on) : linkForm(m, state, on);
}

function failureLine(m: Messages, failure: ApiFailure | null) {
  return failure
    ? html`<p class="message tone-danger" role="alert" part="error">${m.errors.actionFailed(describeFailure(failure, m))}</p>`
    : nothing;
}

function resolveForm(m: Messages, state: Extract<DialogState, { kind: "resolve" }>, on: DialogHandlers) {
  if (!state.detail) {
    return html`${state.failure ? failureLine(m, state.failure) : html`<p class="muted" role="status">${m.loading}</p>`}
      <div class="dialog-actions"><button @click=${on.cancel}>${m.close}</button></div>`;
  }
  const conflicts = state.detail.conflicts;
  const complete = conflicts.every((c) => state.choices[c.property]);
  return html`<form @submit=${on.submit}>
    <p>${m.resolveIntro}</p>
    ${conflicts.map(
      (conflict, index) => html`<fieldset class="choice" data-property=${conflict.property}>
        <legend>${m.property}: <code>${conflict.property}</code></legend>
        ${(["poweroffice", "webshop"] as const).map(
          (side) => html`<label class="option">
            <input
              type="radio"
              name=${`choice-${index}`}
              value=${side}
              .checked=${state.choices[conflict.property] === side}
              @change=${() => on.choose(conflict.property, side)}
            />
            <span class="option-text">
              <span class="option-side">${m.keep(m.side[side])}</span>
              <span class="value">${formatValue(m, conflict[side])}</span>
            </span>
          </label>`,
        )}
      </fieldset>`,
    )}
    ${failureLine(m, state.failure)}
    <div class="dialog-actions">
      <button type="button" @click=${on.cancel}>${m.cancel}</button>
      <button
        type="submit"
        class="primary"
        ?disabled=${!complete}
        aria-disabled=${state.saving ? "true" : "false"}
      >
        ${m.save}
      </button>
    </div>
  </form>`;
}

function linkForm(m: Messages, state: Extract<DialogState, { kind: "link" }>, on: DialogHandlers) {
  const { record } = state;
  return html`<form @submit=${on.submit}>
    <p>${m.linkIntro}</p>
    ${record.lastError ? html`<p class="muted">${record.lastError.message}</p>` : nothing}
    <label class="field">
      <span>${m.powerofficeId}</span>
      <input name="powerofficeId" required autocomplete="off" .value=${record.ids.poweroffice ?? ""} />
    </label>
    <label class="field">
      <span>${m.webshopId}</span>
      <input name="webshopId" required autocomplete="off" .value=${record.ids.webshop ?? ""} />
    </label>
    ${failureLine(m, state.failure)}
    <div class="dialog-actions">
      <button type="button" @click=${on.cancel}>${m.cancel}</button>
      <button type="submit" class="primary" aria-disabled=${state.saving ? "true" : "false"}>${m.link}</button>
    </div>
  </form>`;
}
