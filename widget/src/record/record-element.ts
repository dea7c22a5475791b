/**
 * <poweroffice-sync-record resource="orders" record-id="ord_000001">: one shop record's sync state for an order,
 * product or customer page of the shop admin, with "Push to PowerOffice".
 */
import { html, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import { RESOURCES, type Resource, type WebshopRecordStatus } from "../../../shared/api";
import { type ApiResult, describeFailure } from "../api/failure";
import { PUSHED_EVENT, widgetEvent } from "../events";
import { formatDateTime } from "../format";
import { newIdempotencyKey } from "../idempotency-key";
import { stateBadge } from "../state-badge";
import { SyncElement } from "../sync-element";
import { ApiTask } from "../task";
import { themeStyles } from "../theme";
import { recordStyles } from "./record-styles";

const PUSH_IN_PROGRESS_TRIES = 10;
const PUSH_IN_PROGRESS_WAIT_MS = 1000;

const inProgress = (result: ApiResult<unknown>) =>
  !result.ok && result.failure.kind === "api" && result.failure.code === "push_in_progress";

type PushOutcome = { ok: true; text: string } | { ok: false; text: string };

export class PowerOfficeSyncRecord extends SyncElement {
  static override styles = [themeStyles, recordStyles];

  /** customers, products or orders (the webshop's resource names). */
  @property() accessor resource = "";
  /** The shop's id of the record, e.g. ord_000001. */
  @property({ attribute: "record-id" }) accessor recordId = "";

  @state() private accessor pushing = false;
  @state() private accessor outcome: PushOutcome | null = null;
  /** "Stop syncing…" was clicked: the question is shown until answered. */
  @state() private accessor confirmingUnlink = false;
  @state() private accessor unlinking = false;

  /**
   * One key per intent to push: made at the click, kept until the worker answers, so a click repeated after a lost
   * answer (or a second click that slipped through) is the same push to the worker, not a second one.
   */
  private idempotencyKey: string | null = null;
  private pushController: AbortController | null = null;

  private readonly task = new ApiTask<WebshopRecordStatus>(this, (signal) =>
    this.api.webshopRecord(this.resource as Resource, this.recordId.trim(), signal),
  );

  private get problem(): string | null {
    const m = this.messages;
    if (this.apiBaseMissing) return m.errors.missingAttribute("api-base");
    if (!(RESOURCES as readonly string[]).includes(this.resource)) return m.errors.missingAttribute("resource");
    if (!this.recordId.trim()) return m.errors.missingAttribute("record-id");
    return null;
  }

  protected load(): void {
    if (this.problem) return;
    void this.task.run().then(() => {
      if (this.task.status === "failed" && this.task.failure) this.reportFailure(this.task.failure);
    });
  }

  protected override refresh(): void {
    if (!this.pushing && !this.unlinking) this.load();
  }

  private async askUnlink(): Promise<void> {
    this.confirmingUnlink = true;
    this.outcome = null;
    await this.updateComplete;
    // Keyboard users land on the safe answer.
    this.renderRoot.querySelector<HTMLButtonElement>("[part~=unlink-no]")?.focus();
  }

  private async cancelUnlink(): Promise<void> {
    this.confirmingUnlink = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>("[part~=unlink-button]")?.focus();
  }

  private async unlink(linkId: number): Promise<void> {
    if (this.unlinking) return;
    const m = this.messages;
    this.unlinking = true;
    try {
      const result = await this.api.unlink(linkId);
      if (result.ok) {
        this.outcome = { ok: true, text: result.value.message ?? m.unlinked };
        this.confirmingUnlink = false;
        await this.task.run();
      } else {
        this.outcome = { ok: false, text: m.errors.actionFailed(describeFailure(result.failure, m)) };
        this.reportFailure(result.failure);
      }
    } finally {
      this.unlinking = false;
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pushController?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has("apiBase") || changed.has("resource") || changed.has("recordId")) {
      this.outcome = null;
      this.load();
    }
  }

  private async push(): Promise<void> {
    if (this.pushing || this.problem) return;
    this.pushing = true;
    this.outcome = null;
    this.idempotencyKey ??= newIdempotencyKey();
    this.task.abort();
    const controller = new AbortController();
    this.pushController = controller;
    const m = this.messages;
    try {
      let result = await this.api.push(
        this.resource as Resource,
        this.recordId.trim(),
        this.idempotencyKey,
        controller.signal,
      );
      // The same push still running in the worker (a click from another tab with this key, or a retried request):
      // its answer is stored under the key, so asking again in a moment gets it, without a second push.
      for (let wait = 0; wait < PUSH_IN_PROGRESS_TRIES && inProgress(result); wait++) {
        await new Promise((resolve) => setTimeout(resolve, PUSH_IN_PROGRESS_WAIT_MS));
        controller.signal.throwIfAborted();
        result = await this.api.push(
          this.resource as Resource,
          this.recordId.trim(),
          this.idempotencyKey,
          controller.signal,
        );
      }
      if (!result.ok) {
        if (result.failure.kind !== "network") this.idempotencyKey = null;
        this.outcome = { ok: false, text: m.errors.actionFailed(describeFailure(result.failure, m)) };
        this.reportFailure(result.failure);
        return;
      }
      this.idempotencyKey = null;
      const status = result.value;
      this.task.value = status;
      this.task.status = "complete";
      this.task.failure = undefined;
      this.outcome =
        status.state === "error"
          ? { ok: false, text: m.errors.actionFailed(status.record?.lastError?.message ?? status.message ?? "") }
          : { ok: true, text: m.pushed(m.state[status.state], status.message) };
      this.dispatchEvent(
        widgetEvent(PUSHED_EVENT, {
          resource: this.resource as Resource,
          recordId: this.recordId.trim(),
          state: status.state,
          message: status.message,
        }),
      );
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      if (this.pushController === controller) this.pushController = null;
      if (!controller.signal.aborted) this.pushing = false;
    }
  }

  override render() {
    const m = this.messages;
    const resource = (RESOURCES as readonly string[]).includes(this.resource)
      ? m.resource[this.resource as Resource]
      : m.resource.orders;
    return html`<section class="root" part="root" aria-labelledby="heading" lang=${m.locale.slice(0, 2)}>
      <h2 id="heading" part="heading">${m.recordHeading(resource)}</h2>
      ${this.renderBody()}
    </section>`;
  }

  private renderBody() {
    const m = this.messages;
    const problem = this.problem;
    if (problem) return html`<p class="message tone-danger" part="error" role="alert">${problem}</p>`;
    const { status, value, failure } = this.task;
    if (!value) {
      if (status === "failed" && failure) {
        return html`<p class="message tone-danger" part="error" role="alert">
            ${m.errors.loadFailed(describeFailure(failure, m))}
          </p>
          <button part="button reload-button" @click=${() => this.load()}>${m.reload}</button>`;
      }
      return html`<p class="muted" role="status">${m.loading}</p>`;
    }
    const record = value.record;
    const poId = record?.ids.poweroffice ?? null;
    const number = record?.powerofficeNumber ?? null;
    const lastError = record?.lastError ?? null;
    return html`
      <dl class="facts">
        <div>
          <dt>${m.stateLabel}</dt>
          <dd>${stateBadge(m, value.state)}</dd>
        </div>
        <div>
          <dt>${m.poweroffice}</dt>
          <dd part="poweroffice-id">
            ${
              poId === null
                ? html`<span class="muted">${m.notInPowerOffice}</span>`
                : html`${number ? html`<strong>${m.powerofficeNumber(number)}</strong> ` : nothing}<span
                    class="muted"
                    >${m.powerofficeIdLabel(poId)}</span
                  >`
            }
          </dd>
        </div>
        <div>
          <dt>${m.lastSynced}</dt>
          <dd>${record ? html`<time datetime=${record.updatedAt}>${formatDateTime(m, record.updatedAt)}</time>` : m.never}</dd>
        </div>
        ${
          value.lastAdminAction
            ? html`<div>
              <dt>${m.lastAdminAction}</dt>
              <dd part="admin-action">
                ${m.activityAction[value.lastAdminAction.action]}
                <span part="admin-actor">${m.activityBy(value.lastAdminAction.actor?.sub ?? null)}</span>
                <time class="muted" datetime=${value.lastAdminAction.at}
                  >${formatDateTime(m, value.lastAdminAction.at)}</time
                >
              </dd>
            </div>`
            : nothing
        }
        ${
          lastError
            ? html`<div class="error-row">
              <dt>${value.state === "pending" ? m.waitingFor : m.lastError}</dt>
              <dd part="error" class="last-error ${value.state === "pending" ? "waiting" : ""}">${lastError.message}</dd>
            </div>`
            : nothing
        }
      </dl>
      ${
        status === "failed" && failure
          ? html`<p class="message tone-danger" part="error" role="alert">
            ${m.errors.loadFailed(describeFailure(failure, m))}
          </p>`
          : nothing
      }
      <div class="actions">
        <button
          class="primary"
          part="button push-button"
          aria-disabled=${this.pushing ? "true" : "false"}
          @click=${() => void this.push()}
        >
          ${this.pushing ? m.pushing : m.push}
        </button>
        ${
          record && value.state !== "skipped" && !this.confirmingUnlink
            ? html`<button part="button unlink-button" @click=${() => void this.askUnlink()}>${m.unlink}</button>`
            : nothing
        }
        <p
          class="outcome ${this.outcome ? (this.outcome.ok ? "shown tone-ok" : "shown tone-danger") : ""}"
          part="status"
          role="status"
          aria-live="polite"
        >${this.outcome?.text ?? ""}</p>
      </div>
      ${
        record && this.confirmingUnlink
          ? html`<div class="confirm" part="unlink-confirm" role="group" aria-labelledby="unlink-question">
              <p id="unlink-question">${m.unlinkQuestion}</p>
              <button
                class="danger"
                part="button unlink-yes"
                aria-disabled=${this.unlinking ? "true" : "false"}
                @click=${() => void this.unlink(record.linkId)}
              >
                ${this.unlinking ? m.unlinking : m.unlinkYes}
              </button>
              <button part="button unlink-no" @click=${() => void this.cancelUnlink()}>${m.unlinkNo}</button>
            </div>`
          : nothing
      }
    `;
  }
}
