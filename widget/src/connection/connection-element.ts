/**
 * <poweroffice-sync-connection>: PowerOffice's connection on the dashboard in full (docs/widget.md, "Connecting
 * PowerOffice"), part of the lazily loaded go-live.js: the line of connection-line.ts with any withheld privilege and
 * Disconnect (asked once more); while not connected, the organisation number and Connect, which sends the browser to
 * PowerOffice. Back from there, `?poweroffice=<outcome>` on the page is said once, and taken off the address.
 *
 * The dashboard reads GET /api/connection and hands the answer over (`connection`), so the page asks once; this element
 * parses it with the full schema. Its sentences go to the dashboard's one live region (CONNECTION_NOTE_EVENT).
 */
import { html, LitElement, nothing } from "lit";
import { property, state } from "lit/decorators.js";
import * as v from "valibot";
import {
  CONNECT_OUTCOME_PARAM,
  CONNECT_OUTCOMES,
  type ConnectionResponse,
  ConnectionResponseSchema,
  type ConnectOutcome,
} from "../../../shared/api/connection";
import { describeFailure } from "../api/failure";
import { issuePath } from "../api/request";
import type { TokenSource } from "../api/token-source";
import { languageOfElement, type Messages, messagesFor } from "../i18n";
import { type ConnectMessages, connectMessagesFor } from "../i18n/connect-messages";
import { fieldStyles } from "../panel-styles";
import { themeStyles } from "../theme";
import { ConnectionApi } from "./connection-api";
import { CONNECTION_CHANGED_EVENT, CONNECTION_NOTE_EVENT, type ConnectionNote } from "./connection-events";
import { connectionLine } from "./connection-line";

export class PowerOfficeSyncConnection extends LitElement {
  static override styles = [themeStyles, fieldStyles];

  @property({ attribute: false }) accessor tokens: TokenSource | null = null;
  @property({ attribute: false }) accessor apiBase = "";
  /** GET /api/connection's answer as the dashboard read it (unparsed beyond the fields of its own line). */
  @property({ attribute: false }) accessor connection: unknown = null;
  @property({ type: Boolean }) accessor canWrite = false;
  /** Set when the admin pressed Disconnect before this element was loaded: it opens with the question. */
  @property({ type: Boolean }) accessor ask = false;

  @state() private accessor asking = false;
  @state() private accessor busy = false;
  /** The answer of this element's own disconnect, shown until the dashboard hands over its next reading. */
  @state() private accessor own: ConnectionResponse | null = null;

  private outcome: ConnectOutcome | null = takeOutcome();

  private readonly api = this.makeApi();

  /** The token source is read at call time: the dashboard sets `tokens` after construction. */
  private makeApi(): ConnectionApi {
    const element = this;
    return new ConnectionApi({
      apiBase: () => element.apiBase,
      get tokens(): TokenSource {
        if (!element.tokens) throw new Error("poweroffice-sync-connection was given no token source");
        return element.tokens;
      },
    });
  }

  private get m(): Messages {
    return messagesFor(languageOfElement(this));
  }

  private get c(): ConnectMessages {
    return connectMessagesFor(languageOfElement(this));
  }

  private get parsed() {
    return v.safeParse(ConnectionResponseSchema, this.connection);
  }

  private note(note: ConnectionNote | null): void {
    this.dispatchEvent(new CustomEvent(CONNECTION_NOTE_EVENT, { detail: note, bubbles: true, composed: true }));
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has("connection")) return;
    this.own = null;
    const parsed = this.parsed;
    if (this.outcome && parsed.success) {
      const ok = this.outcome === "connected";
      const problem = ok ? null : parsed.output.poweroffice.lastProblem?.message;
      this.note({ ok, text: [this.c.outcome[this.outcome], problem].filter(Boolean).join(" ") });
      this.outcome = null;
    }
  }

  protected override firstUpdated(): void {
    if (this.ask) void this.startAsking();
  }

  private connect = async (event: Event) => {
    event.preventDefault();
    if (this.busy) return;
    const org = String(new FormData(event.target as HTMLFormElement).get("org") ?? "");
    this.busy = true;
    this.note(null);
    const result = await this.api.connectStart(org, location.href);
    if (result.ok) {
      location.assign(result.value.redirectUrl);
      return;
    }
    const f = result.failure;
    const view = this.own ?? (this.parsed.success ? this.parsed.output : null);
    const text =
      f.kind === "api" && f.code === "callback_not_whitelisted" && view
        ? this.c.notWhitelisted(view.callbackUrl)
        : describeFailure(f, this.m);
    this.busy = false;
    this.note({ ok: false, text });
  };

  private disconnect = async () => {
    this.busy = true;
    this.note(null);
    const result = await this.api.disconnect();
    this.busy = false;
    this.asking = false;
    if (!result.ok) {
      this.note({ ok: false, text: describeFailure(result.failure, this.m) });
      return;
    }
    this.own = result.value;
    this.note({ ok: true, text: this.c.disconnected });
    this.dispatchEvent(new CustomEvent(CONNECTION_CHANGED_EVENT, { bubbles: true, composed: true }));
  };

  /** The question replaces the button: focus goes to its safe answer, so the keyboard is never lost. */
  private startAsking = async () => {
    this.asking = true;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>("[part~=disconnect-no]")?.focus();
  };

  override render() {
    const m = this.m;
    const parsed = this.parsed;
    const view = this.own ?? (parsed.success ? parsed.output : null);
    if (!view) {
      if (parsed.success) return nothing;
      const path = issuePath("connection", parsed.issues[0]);
      return html`<p class="message tone-danger" part="error" role="alert">
        ${m.errors.loadFailed(m.errors.unreadable(path))}
      </p>`;
    }
    const c = this.c;
    const po = view.poweroffice;
    const connected = po.state === "connected";
    return html`<section part="connect" aria-labelledby="connect-heading">
      <h3 id="connect-heading">${m.connect.heading}</h3>
      ${connectionLine(m, po)}
      ${
        po.missingPrivileges?.length
          ? html`<p>${c.missing}</p>
              <ul part="missing-privileges">
                ${po.missingPrivileges.map((p) => html`<li><strong>${p.privilege}</strong>: ${p.whatToDo}</li>`)}
              </ul>`
          : nothing
      }
      ${!connected && view.whyNot ? html`<p class="muted">${view.whyNot}</p>` : nothing}
      ${this.canWrite && !connected && view.canConnect ? this.form() : nothing}
      ${this.canWrite && connected && po.via === "onboarding" ? this.disconnectControls() : nothing}
    </section>`;
  }

  private form() {
    return html`<form class="field" @submit=${this.connect}>
      <label for="connect-org">${this.c.orgLabel}</label>
      <input id="connect-org" name="org" inputmode="numeric" autocomplete="off" required pattern="[0-9 ]{9,11}" />
      <button part="button connect-button" type="submit" ?disabled=${this.busy}>${this.c.connect}</button>
    </form>`;
  }

  private disconnectControls() {
    if (!this.asking) {
      return html`<button part="button disconnect-button" @click=${this.startAsking}>
        ${this.m.connect.disconnect}
      </button>`;
    }
    return html`<p role="alert">${this.c.disconnectQuestion}</p>
      <button part="button disconnect-yes" ?disabled=${this.busy} @click=${this.disconnect}>
        ${this.m.connect.disconnect}
      </button>
      <button part="button disconnect-no" @click=${() => (this.asking = false)}>${this.c.keep}</button>`;
  }
}

/** The outcome PowerOffice's round trip put on the page's address, removed so a reload does not say it again. */
function takeOutcome(): ConnectOutcome | null {
  const url = new URL(location.href);
  const value = url.searchParams.get(CONNECT_OUTCOME_PARAM);
  if (!value || !(CONNECT_OUTCOMES as readonly string[]).includes(value)) return null;
  url.searchParams.delete(CONNECT_OUTCOME_PARAM);
  history.replaceState(history.state, "", url.href);
  return value as ConnectOutcome;
}
