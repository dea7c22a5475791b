/**
 * <poweroffice-sync-go-live>: the views the dashboard shows only before go-live (the checklist and the first sync's
 * preview), loaded lazily as go-live.js. It speaks through the dashboard's token source, so it never asks the page for
 * a token of its own, and tells the dashboard when it acted (`GO_LIVE_CHANGED_EVENT`) or found the sync live
 * (`GO_LIVE_DONE_EVENT`, the dashboard then folds it away).
 */
import { html, LitElement, nothing } from "lit";
import { property, query, state } from "lit/decorators.js";
import type { GoLiveResponse } from "../../../shared/api/go-live";
import type { PreviewAction, PreviewItem, PreviewOptions, PreviewResponse } from "../../../shared/api/preview";
import type { DataflowId, Side } from "../../../shared/api/vocabulary";
import { type Announcement, announcementLine } from "../announcement";
import { type ApiFailure, type ApiResult, describeFailure, failureDetail } from "../api/failure";
import type { TokenSource } from "../api/token-source";
import { firstFocusable, trapTab } from "../dialog-focus";
import { ERROR_EVENT, widgetEvent } from "../events";
import { formatDateTime } from "../format";
import { languageOfElement, type Messages, messagesFor } from "../i18n";
import { type GoLiveMessages, goLiveMessagesFor } from "../i18n/go-live-messages";
import { announcementStyles, choiceStyles, dialogStyles } from "../panel-styles";
import { themeStyles } from "../theme";
import { GoLiveApi, type PlanFilter } from "./go-live-api";
import { CHECK_WEBSHOP_KEY, goLiveChecklist } from "./go-live-checklist";
import { GO_LIVE_CHANGED_EVENT, GO_LIVE_DONE_EVENT } from "./go-live-events";
import { goLiveStyles } from "./go-live-styles";
import { CSV_KEY, itemLabel, linkKey, type PlanList, planList } from "./preview-list";
import { previewView, REFRESH_KEY, START_KEY, startPlan } from "./preview-view";

/** While both systems are read, the progress is asked for this often. */
const READING_POLL_MS = 2_000;
const PAGE_SIZE = 25;

type Dialog = { kind: "start" } | { kind: "link"; item: PreviewItem; failure: ApiFailure | null; saving: boolean };

export class PowerOfficeSyncGoLive extends LitElement {
  static override styles = [themeStyles, choiceStyles, goLiveStyles, announcementStyles, dialogStyles];

  /** The dashboard's token source: one token for both. */
  @property({ attribute: false }) accessor tokens: TokenSource | null = null;
  @property({ attribute: false }) accessor apiBase = "";
  /** Bumped by the dashboard on each of its reloads: this view reloads with it. */
  @property({ type: Number }) accessor generation = 0;

  @state() private accessor goLive: GoLiveResponse | null = null;
  @state() private accessor preview: PreviewResponse | null = null;
  @state() private accessor failure: ApiFailure | null = null;
  @state() private accessor busy: string | null = null;
  @state() private accessor announcement: Announcement | null = null;
  @state() private accessor list: PlanList | null = null;
  @state() private accessor dialogState: Dialog | null = null;

  @query("dialog") private accessor dialog!: HTMLDialogElement | null;

  private readonly api = this.makeApi();
  private loadController: AbortController | null = null;
  private listController: AbortController | null = null;
  private pollTimer: ReturnType<typeof setTimeout> | null = null;
  private dialogOpener: string | null = null;
  private reviewing = false;

  /** The token source is read at call time: the dashboard sets `tokens` after construction. */
  private makeApi(): GoLiveApi {
    const element = this;
    return new GoLiveApi({
      apiBase: () => element.apiBase,
      get tokens(): TokenSource {
        if (!element.tokens) throw new Error("poweroffice-sync-go-live was given no token source");
        return element.tokens;
      },
    });
  }

  private get m(): Messages {
    return messagesFor(languageOfElement(this));
  }

  private get g(): GoLiveMessages {
    return goLiveMessagesFor(languageOfElement(this));
  }

  private get canWrite(): boolean {
    return this.tokens?.scope() !== "read";
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loadController?.abort();
    this.listController?.abort();
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    if ((changed.has("generation") || changed.has("tokens") || changed.has("apiBase")) && this.tokens && this.apiBase) {
      if (!this.busy && !this.dialogState) void this.load();
    }
  }

  private async load(): Promise<void> {
    this.loadController?.abort();
    const controller = new AbortController();
    this.loadController = controller;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    try {
      const [goLive, preview] = await Promise.all([
        this.api.goLive(controller.signal),
        this.api.preview(controller.signal),
      ]);
      if (controller.signal.aborted) return;
      // A worker without the preview (404) still has its checklist: show what there is.
      const previewMissing = !preview.ok && preview.failure.kind === "api" && preview.failure.code === "not_found";
      const failure = !goLive.ok ? goLive.failure : !preview.ok && !previewMissing ? preview.failure : null;
      if (failure) this.failed(failure);
      else this.failure = null;
      this.take(goLive.ok ? goLive.value : null, preview.ok ? preview.value : null);
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  }

  private take(goLive: GoLiveResponse | null, preview: PreviewResponse | null): void {
    if (goLive) this.goLive = goLive;
    if (preview) {
      const wasReady = this.preview?.state === "ready";
      this.preview = preview;
      if (preview.state === "ready" && !wasReady && this.list) void this.loadList(this.list.filter);
    }
    if (this.goLive?.live) {
      this.dispatchEvent(new CustomEvent(GO_LIVE_DONE_EVENT, { bubbles: true, composed: true }));
      return;
    }
    if (this.preview?.state === "reading" && !this.pollTimer) {
      this.pollTimer = setTimeout(() => {
        this.pollTimer = null;
        if (!this.busy && !this.dialogState) void this.load();
      }, READING_POLL_MS);
    }
  }

  private failed(failure: ApiFailure): void {
    this.failure = failure;
    this.dispatchEvent(widgetEvent(ERROR_EVENT, failureDetail(failure, this.m)));
  }

  /** One admin action: its control busy meanwhile, its outcome announced. */
  private async act<T>(key: string, call: () => Promise<ApiResult<T>>, done: (value: T) => string): Promise<boolean> {
    if (this.busy) return false;
    this.busy = key;
    this.announcement = null;
    try {
      const result = await call();
      if (!result.ok) {
        this.announcement = { ok: false, text: this.m.errors.actionFailed(describeFailure(result.failure, this.m)) };
        this.dispatchEvent(widgetEvent(ERROR_EVENT, failureDetail(result.failure, this.m)));
        return false;
      }
      this.announcement = { ok: true, text: done(result.value) };
      return true;
    } finally {
      this.busy = null;
    }
  }

  private changed(): void {
    this.dispatchEvent(new CustomEvent(GO_LIVE_CHANGED_EVENT, { bubbles: true, composed: true }));
  }

  private checkWebshop = () => {
    void this.act(
      CHECK_WEBSHOP_KEY,
      () => this.api.checkWebshop(),
      (goLive) => {
        this.take(goLive, null);
        return this.g.checked;
      },
    );
  };

  private refreshPreview = () => {
    void this.act(
      REFRESH_KEY,
      () => this.api.refresh(),
      (preview) => {
        this.take(null, preview);
        return this.g.readingAgain;
      },
    );
  };

  private setOptions = (options: PreviewOptions, key: string) => {
    void this.act(
      key,
      () => this.api.setOptions(options),
      (preview) => {
        this.take(null, preview);
        return this.g.optionsSaved;
      },
    ).then((ok) => {
      // A refused change leaves the controls as the worker has them, not as they were clicked.
      if (!ok) this.requestUpdate();
    });
  };

  private togglePlan = () => {
    if (this.list) {
      this.listController?.abort();
      this.list = null;
      return;
    }
    void this.loadList({});
  };

  private showCount = (dataflow: DataflowId, action: PreviewAction) => {
    void this.loadList({ dataflow, action }).then(() =>
      this.renderRoot.querySelector<HTMLElement>("#plan-heading")?.scrollIntoView({ block: "nearest" }),
    );
  };

  /** Opens (or re-filters) the plan; the first time the admin opens it, the preview counts as reviewed. */
  private async loadList(filter: PlanFilter, append = false): Promise<void> {
    this.listController?.abort();
    const controller = new AbortController();
    this.listController = controller;
    const previous = append && this.list ? this.list : null;
    this.list = {
      filter,
      items: previous?.items ?? [],
      nextCursor: previous?.nextCursor ?? null,
      loading: true,
      failure: null,
    };
    if (this.preview && !this.preview.reviewedAt && this.canWrite) void this.markReviewed();
    try {
      const page = await this.api.items(filter, previous?.nextCursor ?? undefined, PAGE_SIZE, controller.signal);
      if (controller.signal.aborted) return;
      this.list = page.ok
        ? {
            filter,
            items: [...(previous?.items ?? []), ...page.value.data],
            nextCursor: page.value.nextCursor,
            loading: false,
            failure: null,
          }
        : { ...this.list, loading: false, failure: page.failure };
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  }

  private async markReviewed(): Promise<void> {
    if (this.reviewing) return;
    this.reviewing = true;
    const result = await this.api.reviewed();
    this.reviewing = false;
    if (result.ok) {
      this.preview = result.value;
      // The checklist's "preview reviewed" item follows.
      const goLive = await this.api.goLive();
      if (goLive.ok) this.take(goLive.value, null);
    }
  }

  private downloadCsv = () => {
    const filter = this.list?.filter ?? {};
    void this.act(
      CSV_KEY,
      () => this.api.csv(filter),
      (text) => {
        const name = `poweroffice-sync-preview${filter.dataflow ? `-${filter.dataflow}` : ""}${filter.action ? `-${filter.action}` : ""}.csv`;
        const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
        const anchor = document.createElement("a");
        anchor.href = url;
        anchor.download = name;
        anchor.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        return this.g.downloaded(name);
      },
    );
  };

  private linkCandidate = (item: PreviewItem, candidate: { side: Side; id: string; label: string }) => {
    const poweroffice = candidate.side === "poweroffice" ? candidate.id : item.poweroffice?.id;
    const webshop = candidate.side === "webshop" ? candidate.id : item.webshop?.id;
    if (!poweroffice || !webshop) return;
    void this.link(linkKey(item, `${candidate.side}:${candidate.id}`), item, poweroffice, webshop);
  };

  private async link(key: string, item: PreviewItem, powerofficeId: string, webshopId: string): Promise<boolean> {
    const ok = await this.act(
      key,
      () => this.api.link(item.dataflow, powerofficeId, webshopId),
      (linked) => {
        this.replaceItem(item, linked);
        return this.g.linkedByHand(itemLabel(linked));
      },
    );
    if (ok) void this.reloadCounts();
    return ok;
  }

  private replaceItem(old: PreviewItem, linked: PreviewItem): void {
    if (!this.list) return;
    const items = this.list.items.filter((i) => i.id !== linked.id).map((i) => (i.id === old.id ? linked : i));
    if (!items.includes(linked)) items.unshift(linked);
    this.list = { ...this.list, items };
  }

  private async reloadCounts(): Promise<void> {
    const preview = await this.api.preview();
    if (preview.ok) this.take(null, preview.value);
  }

  private linkByHand = (item: PreviewItem) =>
    this.openDialog(linkKey(item), { kind: "link", item, failure: null, saving: false });

  private askStart = () => this.openDialog(START_KEY, { kind: "start" });

  private openDialog(opener: string, next: Dialog): void {
    this.dialogOpener = opener;
    this.dialogState = next;
    void this.updateComplete.then(() => {
      const dialog = this.dialog;
      if (!dialog) return;
      if (!dialog.open) dialog.showModal();
      // The question before Start rests on "Not yet": Enter by habit does not start the sync.
      const focus =
        next.kind === "start" ? dialog.querySelector<HTMLElement>("[data-action=start-no]") : firstFocusable(dialog);
      focus?.focus();
    });
  }

  private closeDialog = () => this.dialog?.close();

  private onDialogClose = () => {
    this.dialogState = null;
    const opener = this.dialogOpener;
    this.dialogOpener = null;
    void this.updateComplete.then(() => {
      if (opener) this.renderRoot.querySelector<HTMLElement>(`[data-action="${opener}"]`)?.focus();
    });
  };

  private submitLink = async (event: Event) => {
    event.preventDefault();
    const current = this.dialogState;
    if (current?.kind !== "link" || current.saving) return;
    const data = new FormData(event.target as HTMLFormElement);
    const poweroffice = String(data.get("powerofficeId") ?? "").trim();
    const webshop = String(data.get("webshopId") ?? "").trim();
    this.dialogState = { ...current, saving: true, failure: null };
    const result = await this.api.link(current.item.dataflow, poweroffice, webshop);
    if (this.dialogState?.kind !== "link") return;
    if (!result.ok) {
      this.dialogState = { ...current, saving: false, failure: result.failure };
      return;
    }
    this.replaceItem(current.item, result.value);
    this.announcement = { ok: true, text: this.g.linkedByHand(itemLabel(result.value)) };
    this.closeDialog();
    void this.reloadCounts();
  };

  private confirmStart = async () => {
    this.closeDialog();
    const ok = await this.act(
      START_KEY,
      () => this.api.start(),
      (preview) => {
        this.preview = preview;
        return this.g.started(formatDateTime(this.m, preview.startedAt));
      },
    );
    if (ok) {
      this.list = null;
      this.changed();
      void this.load();
    }
  };

  override render() {
    const { m, g } = this;
    const canWrite = this.canWrite;
    return html`<div class="go-live">
      ${
        this.failure
          ? html`<p class="message tone-danger" role="alert" part="error">
            ${m.errors.loadFailed(describeFailure(this.failure, m))}
          </p>`
          : nothing
      }
      ${!this.goLive && !this.failure ? html`<p class="muted" role="status">${m.loading}</p>` : nothing}
      ${this.goLive ? goLiveChecklist(g, this.goLive, { busy: this.busy, canWrite, checkWebshop: this.checkWebshop }) : nothing}
      ${
        this.preview
          ? previewView(
              m,
              g,
              this.preview,
              {
                busy: this.busy,
                canWrite,
                showCount: this.showCount,
                refresh: this.refreshPreview,
                setOptions: this.setOptions,
                start: this.askStart,
              },
              html`<button
                  part="button plan-button"
                  data-action="plan-toggle"
                  aria-expanded=${this.list ? "true" : "false"}
                  @click=${this.togglePlan}
                >${this.list ? g.hidePlan : g.showPlan}</button>
                ${
                  this.list
                    ? planList(m, g, this.list, {
                        busy: this.busy,
                        canWrite,
                        filter: (filter) => void this.loadList(filter),
                        more: () => this.list && !this.list.loading && void this.loadList(this.list.filter, true),
                        csv: this.downloadCsv,
                        linkCandidate: this.linkCandidate,
                        linkByHand: this.linkByHand,
                      })
                    : nothing
                }`,
            )
          : nothing
      }
      ${announcementLine(this.announcement, "go-live-status")}
      ${this.renderDialog()}
    </div>`;
  }

  private renderDialog() {
    const { m, g } = this;
    const state = this.dialogState;
    let body: unknown = nothing;
    if (state?.kind === "start" && this.preview) {
      const plan = startPlan(m, this.preview);
      body = html`<h3 id="go-live-dialog-title">${g.startTitle}</h3>
        <p class="start-plan">
          ${this.preview.options.scope === "full" ? g.startFull(plan) : g.startFromNow(plan)} ${g.startLeftAlone(plan)}
        </p>
        <p class="muted">${g.startReplan}</p>
        <div class="dialog-actions">
          <button data-action="start-no" @click=${this.closeDialog}>${g.startNo}</button>
          <button class="primary" data-action="start-yes" @click=${() => void this.confirmStart()}>${g.startYes}</button>
        </div>`;
    } else if (state?.kind === "link") {
      const { item } = state;
      body = html`<h3 id="go-live-dialog-title">${g.linkByHandTitle(itemLabel(item))}</h3>
        <form @submit=${(event: Event) => void this.submitLink(event)}>
          <p>${g.linkByHandIntro}</p>
          <label class="field">
            <span>${m.powerofficeId}</span>
            <input name="powerofficeId" required autocomplete="off" .value=${item.poweroffice?.id ?? ""} />
          </label>
          <label class="field">
            <span>${m.webshopId}</span>
            <input name="webshopId" required autocomplete="off" .value=${item.webshop?.id ?? ""} />
          </label>
          ${
            state.failure
              ? html`<p class="message tone-danger" role="alert" part="error">
                ${m.errors.actionFailed(describeFailure(state.failure, m))}
              </p>`
              : nothing
          }
          <div class="dialog-actions">
            <button type="button" @click=${this.closeDialog}>${g.cancel}</button>
            <button type="submit" class="primary" aria-disabled=${state.saving ? "true" : "false"}>${g.link}</button>
          </div>
        </form>`;
    }
    return html`<dialog
      part="dialog"
      aria-labelledby="go-live-dialog-title"
      @close=${this.onDialogClose}
      @keydown=${(event: KeyboardEvent) => this.dialog && trapTab(event, this.dialog)}
    >${body}</dialog>`;
  }
}
