/**
 * <poweroffice-sync api-base="https://sync.example.no">: the connection dashboard. One card per dataflow, what
 * needs the admin (each with its action), recent activity; actions announce their outcome in a live region.
 */
import { html, nothing } from "lit";
import { query, state } from "lit/decorators.js";
import type {
  DataflowStatus,
  DeadLetter,
  DeadLettersListResponse,
  Direction,
  LinkState,
  RecordSummary,
  Side,
  StatusResponse,
} from "../../../shared/api";
import { type Announcement, announcementLine } from "../announcement";
import type { ConnectionLineResponse } from "../api/client";
import type { ApiFailure, ApiResult } from "../api/failure";
import { describeFailure } from "../api/failure";
import { CONNECTION_TAG } from "../connection/connection-events";
import { firstFocusable, trapTab } from "../dialog-focus";
import { announcementStyles, choiceStyles, dialogStyles, fieldStyles } from "../panel-styles";
import { SyncElement } from "../sync-element";
import { ApiTask } from "../task";
import { themeStyles } from "../theme";
import { activityList } from "./activity-list";
import {
  type AttentionAction,
  type AttentionItem,
  attentionActionKey,
  attentionKindOf,
  attentionList,
} from "./attention-list";
import { connectionSlot, needsConnectionPanel } from "./connection-slot";
import { dailyLimitNotices } from "./daily-limit-notice";
import { dashboardStyles } from "./dashboard-styles";
import { brakeActionKey, dataflowCard, pauseActionKey } from "./dataflow-card";
import { DeadLetterPager, deadLetterList, SHOW_MORE_KEY, sendAgainKey } from "./dead-letter-list";
import { type DialogState, dialogBody, dialogTitle } from "./dialog-forms";
import { goLiveSlot, loadGoLiveViews } from "./go-live-slot";

/** Records listed per kind in "Needs attention"; the rest are counted ("and 12 more"). */
const ATTENTION_PER_STATE = 10;
const ATTENTION_STATES: LinkState[] = ["error", "conflict", "ambiguous"];

interface DashboardData {
  status: StatusResponse;
  attention: AttentionItem[];
  more: number;
  /** Queue messages the worker gave up on; null when there are none (the list is not asked for then). */
  deadLetters: DeadLettersListResponse | null;
}

export class PowerOfficeSync extends SyncElement {
  static override styles = [themeStyles, choiceStyles, dashboardStyles, announcementStyles, dialogStyles, fieldStyles];

  /** The control whose action is in flight (its data-action key), so it is disabled meanwhile. */
  @state() private accessor busy: string | null = null;
  @state() private accessor announcement: Announcement | null = null;
  @state() private accessor dialogState: DialogState | null = null;
  @state() private accessor activityExpanded = false;
  /** "before": the go-live views are shown (the sync is not live yet); "live": never asked again on this page. */
  @state() private accessor goLive: "unknown" | "before" | "live" = "unknown";
  private goLiveGeneration = 0;
  private readonly deadLetters = new DeadLetterPager(this.api);
  /** GET /api/connection as last read; the full panel (go-live.js) gets it as read, the line only its fields. */
  @state() private accessor connection: ConnectionLineResponse | null = null;
  /** The admin pressed Disconnect on the line before the panel was loaded: the panel opens with its question. */
  private askDisconnect = false;

  @query("dialog") private accessor dialog!: HTMLDialogElement | null;

  private readonly task = new ApiTask<DashboardData>(this, (signal) => this.fetchDashboard(signal));
  private dialogController: AbortController | null = null;
  /** The data-action key of the button that opened the dialog: focus goes back to it on close. */
  private dialogOpener: string | null = null;

  protected load(): void {
    if (this.apiBaseMissing) return;
    void this.loadConnection();
    this.goLiveGeneration += 1;
    void this.task.run().then(() => {
      if (this.task.status === "failed" && this.task.failure) this.reportFailure(this.task.failure);
    });
  }

  protected override refresh(): void {
    if (!this.busy && !this.dialogState) this.load();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.dialogController?.abort();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    super.willUpdate(changed);
    if (changed.has("apiBase")) this.load();
  }

  private async fetchDashboard(signal: AbortSignal): Promise<ApiResult<DashboardData>> {
    if (this.goLive !== "live") void this.probeGoLive(signal);
    const status = await this.api.status(signal);
    if (!status.ok) return status;
    const { attention } = status.value;
    const wanted = ATTENTION_STATES.filter(
      (s) => (s === "error" ? attention.errors : s === "conflict" ? attention.conflicts : attention.ambiguous) > 0,
    );
    const [letters, ...lists] = await Promise.all([
      this.deadLetters.load(attention.queueDeadLetters, signal),
      ...wanted.map((s) => this.api.records({ state: s, limit: ATTENTION_PER_STATE }, signal)),
    ]);
    if (letters && !letters.ok) return letters;
    const items: AttentionItem[] = [];
    for (const list of lists) {
      if (!list) continue;
      if (!list.ok) return list;
      for (const record of list.value.data) {
        const kind = attentionKindOf(record);
        if (kind) items.push({ kind, record });
      }
    }
    const total = attention.errors + attention.conflicts + attention.ambiguous;
    const more = Math.max(0, total - items.length);
    return { ok: true, value: { status: status.value, attention: items, more, deadLetters: letters?.value ?? null } };
  }

  private async loadConnection(): Promise<void> {
    const result = await this.api.connection();
    if (!result.ok) return;
    this.connection = result.value;
    if (needsConnectionPanel(result.value)) void this.loadConnectionPanel();
  }

  /** True once: for the panel that takes the place of the line whose Disconnect the admin pressed. */
  private takeDisconnectAsk(): boolean {
    const ask = this.askDisconnect && !!customElements.get(CONNECTION_TAG);
    if (ask) this.askDisconnect = false;
    return ask;
  }

  /** go-live.js holds the full connection panel: loaded when the line is not enough (it is, before go-live, anyway). */
  private async loadConnectionPanel(): Promise<void> {
    if (await loadGoLiveViews()) this.requestUpdate();
    else {
      const m = this.messages;
      this.announcement = { ok: false, text: m.errors.loadFailed(m.errors.network) };
    }
  }

  /** Loads the go-live views while the sync is not live; a worker without the checklist (404) is taken as live. */
  private async probeGoLive(signal: AbortSignal): Promise<void> {
    const probe = await this.api.goLive(signal).catch(() => null);
    if (!probe || signal.aborted) return;
    if (probe.ok) {
      if (probe.value.live) this.goLive = "live";
      else if (await loadGoLiveViews()) this.goLive = "before";
    } else if (probe.failure.kind === "api" && probe.failure.code === "not_found") {
      this.goLive = "live";
    }
  }

  /** Runs one admin action: its control disabled meanwhile, its outcome announced, then the dashboard reloaded. */
  private async act<T>(
    key: string,
    call: (signal: AbortSignal) => Promise<ApiResult<T>>,
    done: (value: T) => Announcement,
    /** A refusal that is news rather than a failure, said as such (null: a failure after all). */
    refused?: (failure: ApiFailure) => Announcement | null,
  ): Promise<boolean> {
    if (this.busy) return false;
    this.busy = key;
    this.announcement = null;
    const m = this.messages;
    try {
      const result = await call(new AbortController().signal);
      const news = result.ok ? null : (refused?.(result.failure) ?? null);
      if (news) {
        this.announcement = news;
        return false;
      }
      if (!result.ok) {
        this.announcement = { ok: false, text: m.errors.actionFailed(describeFailure(result.failure, m)) };
        this.reportFailure(result.failure);
        return false;
      }
      this.announcement = done(result.value);
      return true;
    } finally {
      this.busy = null;
      this.load();
    }
  }

  private outcomeOf(result: { state: LinkState; message: string | null }): Announcement {
    const m = this.messages;
    const text = `${m.actionDone} ${m.stateLabel}: ${m.state[result.state]}.${result.message ? ` ${result.message}` : ""}`;
    return { ok: result.state !== "error", text };
  }

  private setPaused = (flow: DataflowStatus, direction: Direction, paused: boolean) => {
    void this.act(
      pauseActionKey(flow, direction),
      (signal) => this.api.setPaused(flow.dataflow, direction, paused, signal),
      (r) => {
        const m = this.messages;
        return { ok: true, text: `${m.direction[r.direction]}: ${r.paused ? m.paused : m.running}.` };
      },
    );
  };

  private releaseBrake = (flow: DataflowStatus) => {
    void this.act(
      brakeActionKey(flow),
      (signal) => this.api.releaseBrake(flow.dataflow, signal),
      (r) => ({ ok: true, text: r.message }),
    );
  };

  /** The worker puts the message back on the queue once; a replay done elsewhere first is said in its words. */
  private sendAgain = (letter: DeadLetter) => {
    void this.act(
      sendAgainKey(letter),
      (signal) => this.api.replayDeadLetter(letter.id, signal),
      (r) => ({ ok: true, text: r.message }),
      (failure) =>
        failure.kind === "api" && failure.code === "dead_letter_replayed" ? { ok: true, text: failure.message } : null,
    );
  };

  private showMoreDeadLetters = async () => {
    const value = this.task.value;
    if (this.busy || !value?.deadLetters) return;
    this.busy = SHOW_MORE_KEY;
    const next = await this.deadLetters.more(value.deadLetters);
    this.busy = null;
    if (!next.ok) {
      const m = this.messages;
      this.announcement = { ok: false, text: m.errors.loadFailed(describeFailure(next.failure, m)) };
      this.reportFailure(next.failure);
    } else if (this.task.value === value) {
      this.task.value = { ...value, deadLetters: next.value };
    }
  };

  private onAttention = (item: AttentionItem, action: AttentionAction) => {
    const key = attentionActionKey(item);
    const linkId = item.record.linkId;
    switch (action) {
      case "retry":
        void this.act(
          key,
          (signal) => this.api.retry(linkId, signal),
          (r) => this.outcomeOf(r),
        );
        return;
      case "replay":
        void this.act(
          key,
          (signal) => this.api.replay(linkId, signal),
          (r) => this.outcomeOf(r),
        );
        return;
      case "resolve":
        this.openDialog(key, {
          kind: "resolve",
          record: item.record,
          detail: null,
          choices: {},
          failure: null,
          saving: false,
        });
        void this.loadConflicts(item.record);
        return;
      case "link":
        this.openDialog(key, { kind: "link", record: item.record, failure: null, saving: false });
        return;
    }
  };

  private openDialog(opener: string, next: DialogState): void {
    this.dialogController?.abort();
    this.dialogController = new AbortController();
    this.dialogOpener = opener;
    this.dialogState = next;
    void this.updateComplete.then(() => {
      const dialog = this.dialog;
      if (!dialog) return;
      if (!dialog.open) dialog.showModal();
      firstFocusable(dialog)?.focus();
    });
  }

  private async loadConflicts(record: RecordSummary): Promise<void> {
    const signal = this.dialogController!.signal;
    try {
      const result = await this.api.record(record.linkId, signal);
      if (signal.aborted || this.dialogState?.kind !== "resolve") return;
      this.dialogState = result.ok
        ? { ...this.dialogState, detail: result.value.record, failure: null }
        : { ...this.dialogState, failure: result.failure };
      await this.updateComplete;
      if (this.dialog) firstFocusable(this.dialog)?.focus();
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  private closeDialog = () => {
    this.dialog?.close();
  };

  /** The dialog closed (a button, Escape, or a finished action): forget it and give focus back to its opener. */
  private onDialogClose = () => {
    this.dialogController?.abort();
    this.dialogController = null;
    this.dialogState = null;
    const opener = this.dialogOpener;
    this.dialogOpener = null;
    void this.updateComplete.then(() => {
      if (opener) this.renderRoot.querySelector<HTMLElement>(`[data-action="${opener}"]`)?.focus();
    });
  };

  private choose = (property: string, side: Side) => {
    if (this.dialogState?.kind !== "resolve") return;
    this.dialogState = { ...this.dialogState, choices: { ...this.dialogState.choices, [property]: side } };
  };

  private submitDialog = async (event: Event) => {
    event.preventDefault();
    const current = this.dialogState;
    if (!current || current.saving) return;
    const signal = this.dialogController?.signal ?? new AbortController().signal;
    this.dialogState = { ...current, saving: true, failure: null };
    let result: ApiResult<{ state: LinkState; message: string | null }>;
    if (current.kind === "resolve") {
      result = await this.api.resolve(current.record.linkId, current.choices, signal);
    } else {
      const form = event.target as HTMLFormElement;
      const data = new FormData(form);
      const poId = String(data.get("powerofficeId") ?? "").trim();
      const shopId = String(data.get("webshopId") ?? "").trim();
      result = await this.api.link(current.record.dataflow, poId, shopId, signal);
    }
    if (signal.aborted) return;
    if (!result.ok) {
      this.dialogState = { ...current, saving: false, failure: result.failure };
      this.reportFailure(result.failure);
      return;
    }
    this.announcement = this.outcomeOf(result.value);
    this.closeDialog();
    this.load();
  };

  override render() {
    const m = this.messages;
    return html`<div class="root" part="root" lang=${m.locale.slice(0, 2)}>
      <header class="top" part="header">
        <h2 part="heading">${m.title}</h2>
        <button part="button reload-button" data-action="reload" @click=${() => this.load()}>
          ${m.reload}
        </button>
      </header>
      ${this.renderBody()}
      ${announcementLine(this.announcement, "status")}
      ${this.renderDialog()}
    </div>`;
  }

  private renderBody() {
    const m = this.messages;
    if (this.apiBaseMissing) {
      return html`<p class="message tone-danger" part="error" role="alert">${m.errors.missingAttribute("api-base")}</p>`;
    }
    const { value, status, failure } = this.task;
    const failed = status === "failed" && failure ? this.failureMessage(failure) : nothing;
    if (!value) {
      return status === "failed" ? failed : html`<p class="muted" role="status">${m.loading}</p>`;
    }
    const s = value.status;
    return html`${failed}${
      this.connection
        ? connectionSlot(m, this.connection, {
            tokens: this.tokens,
            apiBase: this.apiBase,
            canWrite: this.tokens.scope() !== "read",
            ask: this.takeDisconnectAsk(),
            disconnect: () => {
              this.askDisconnect = true;
              void this.loadConnectionPanel();
            },
            note: (note) => {
              this.announcement = note;
            },
            changed: () => this.load(),
          })
        : nothing
    }${
      this.goLive === "before"
        ? goLiveSlot({
            tokens: this.tokens,
            apiBase: this.apiBase,
            generation: this.goLiveGeneration,
            changed: () => this.load(),
            done: () => {
              this.goLive = "live";
            },
          })
        : nothing
    }${dailyLimitNotices(m, s.dailyLimits)}
      <section aria-labelledby="flows-heading">
        <h3 id="flows-heading">${m.dataflowsHeading}</h3>
        ${
          s.dataflows.length === 0
            ? html`<p class="muted empty">${m.noDataflows}</p>`
            : html`<ul class="cards">
              ${s.dataflows.map((flow) =>
                dataflowCard(m, flow, { busy: this.busy, setPaused: this.setPaused, releaseBrake: this.releaseBrake }),
              )}
            </ul>`
        }
      </section>
      <section aria-labelledby="attention-heading" class="attention-section">
        <h3 id="attention-heading">${m.attentionHeading}</h3>
        ${
          value.deadLetters && value.attention.length === 0
            ? nothing
            : attentionList(m, value.attention, value.more, this.busy, this.onAttention)
        }
        ${
          value.deadLetters
            ? deadLetterList(m, value.deadLetters, {
                canSend: this.tokens.scope() !== "read",
                busy: this.busy,
                sendAgain: this.sendAgain,
                showMore: () => void this.showMoreDeadLetters(),
              })
            : nothing
        }
      </section>
      <section aria-labelledby="activity-heading">
        <h3 id="activity-heading">${m.activityHeading}</h3>
        ${activityList(m, s.recentActivity, this.activityExpanded, () => {
          this.activityExpanded = !this.activityExpanded;
        })}
      </section>`;
  }

  private failureMessage(failure: ApiFailure) {
    const m = this.messages;
    return html`<p class="message tone-danger" part="error" role="alert">
      ${m.errors.loadFailed(describeFailure(failure, m))}
    </p>`;
  }

  private renderDialog() {
    const m = this.messages;
    const state = this.dialogState;
    return html`<dialog
      part="dialog"
      aria-labelledby="dialog-title"
      @close=${this.onDialogClose}
      @keydown=${(event: KeyboardEvent) => this.dialog && trapTab(event, this.dialog)}
    >
      ${
        state
          ? html`<h3 id="dialog-title">${dialogTitle(m, state)}</h3>
            ${dialogBody(m, state, {
              choose: this.choose,
              submit: (event) => void this.submitDialog(event),
              cancel: this.closeDialog,
            })}`
          : nothing
      }
    </dialog>`;
  }
}
