/**
 * What both elements share: the `api-base` attribute, the in-memory `token` property and the token request, the
 * language (the element's or the page's `lang`), a periodic refresh while visible, and error events for the host.
 */
import { LitElement } from "lit";
import { property } from "lit/decorators.js";
import { SyncApi } from "./api/client";
import { type ApiFailure, failureDetail } from "./api/failure";
import { TokenSource } from "./api/token-source";
import { ERROR_EVENT, widgetEvent } from "./events";
import { languageOfElement, type Messages, messagesFor } from "./i18n";

export abstract class SyncElement extends LitElement {
  /** The sync worker's origin (and path prefix, if any), e.g. https://sync.example.no. */
  @property({ attribute: "api-base" }) accessor apiBase = "";
  /** Mirrors the `lang` attribute so a change of language re-renders; the page's `lang` is read when unset. */
  @property({ attribute: "lang" }) accessor language: string | null = null;
  /** Reload every this many seconds while the page is visible; 0 turns it off. */
  @property({ attribute: "refresh-seconds", type: Number }) accessor refreshSeconds = 30;

  protected readonly tokens = new TokenSource(this);
  protected readonly api = new SyncApi({ tokens: this.tokens, apiBase: () => this.apiBase });
  private refreshTimer: ReturnType<typeof setInterval> | null = null;

  constructor() {
    super();
    // A host may set `token` before this module loaded: that value is an own property shadowing the accessor.
    if (Object.hasOwn(this, "token")) {
      const early = (this as { token?: string | null }).token ?? null;
      delete (this as { token?: string | null }).token;
      this.token = early;
    }
  }

  /** The API token, held in memory only (never an attribute, so it does not show in the DOM). */
  set token(token: string | null) {
    this.tokens.set(token);
  }
  get token(): string | null {
    return this.tokens.get();
  }

  protected get messages(): Messages {
    return messagesFor(languageOfElement(this));
  }

  /** Starts (or restarts) whatever the element shows. */
  protected abstract load(): void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has("refreshSeconds")) this.schedule();
  }

  private schedule(): void {
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    if (!this.isConnected || !(this.refreshSeconds > 0)) return;
    this.refreshTimer = setInterval(() => {
      if (document.visibilityState === "visible") this.refresh();
    }, this.refreshSeconds * 1000);
  }

  /** A quiet reload (the timer's): subclasses skip it while the admin is in the middle of something. */
  protected refresh(): void {
    this.load();
  }

  protected get apiBaseMissing(): boolean {
    return !this.apiBase.trim();
  }

  protected reportFailure(failure: ApiFailure): void {
    this.dispatchEvent(widgetEvent(ERROR_EVENT, failureDetail(failure, this.messages)));
  }
}
