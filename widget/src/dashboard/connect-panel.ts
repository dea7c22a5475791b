/**
 * PowerOffice's connection on the dashboard (docs/widget.md, "Connecting PowerOffice"): "Connected to <client>
 * (<org no>)" with the environment and any withheld privilege, Disconnect (asked once more); while not connected, the
 * organisation number and Connect, which sends the browser to PowerOffice. Back from there, `?poweroffice=<outcome>`
 * on the page is said as a sentence once, and taken off the address.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from "lit";
import {
  CONNECT_OUTCOME_PARAM,
  CONNECT_OUTCOMES,
  type ConnectionResponse,
  type ConnectOutcome,
} from "../../../shared/api/connection";
import type { SyncApi } from "../api/client";
import { describeFailure } from "../api/failure";
import type { Messages } from "../i18n";

export type Note = { ok: boolean; text: string };

export class ConnectPanel implements ReactiveController {
  view: ConnectionResponse | null = null;
  private asking = false;
  private busy = false;
  private outcome: ConnectOutcome | null = takeOutcome();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly api: SyncApi,
    private readonly messages: () => Messages,
    /** Says an outcome in the dashboard's one live region. */
    private readonly announce: (note: Note | null) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  async load(): Promise<void> {
    const result = await this.api.connection();
    if (!result.ok) return;
    this.view = result.value;
    if (this.outcome) {
      const m = this.messages();
      const ok = this.outcome === "connected";
      const problem = ok ? null : this.view.poweroffice.lastProblem?.message;
      this.announce({ ok, text: [m.connect.outcome[this.outcome], problem].filter(Boolean).join(" ") });
      this.outcome = null;
    }
    this.host.requestUpdate();
  }

  private set(change: { busy?: boolean; asking?: boolean; note?: Note | null }) {
    const { note, ...rest } = change;
    Object.assign(this, rest);
    if (note !== undefined) this.announce(note);
    this.host.requestUpdate();
  }

  private connect = async (event: Event) => {
    event.preventDefault();
    if (this.busy) return;
    const org = String(new FormData(event.target as HTMLFormElement).get("org") ?? "");
    this.set({ busy: true, note: null });
    const result = await this.api.connectStart(org, location.href);
    if (result.ok) {
      location.assign(result.value.redirectUrl);
      return;
    }
    const m = this.messages();
    const f = result.failure;
    const text =
      f.kind === "api" && f.code === "callback_not_whitelisted" && this.view
        ? m.connect.notWhitelisted(this.view.callbackUrl)
        : describeFailure(f, m);
    this.set({ busy: false, note: { ok: false, text } });
  };

  private disconnect = async () => {
    this.set({ busy: true, note: null });
    const result = await this.api.disconnect();
    const m = this.messages();
    if (result.ok) this.view = result.value;
    this.set({
      busy: false,
      asking: false,
      note: result.ok
        ? { ok: true, text: m.connect.disconnected }
        : { ok: false, text: describeFailure(result.failure, m) },
    });
  };

  /** The question replaces the button: focus goes to its safe answer, so the keyboard is never lost. */
  private ask = async () => {
    this.set({ asking: true });
    await (this.host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    this.host.shadowRoot?.querySelector<HTMLButtonElement>("[part~=disconnect-no]")?.focus();
  };

  render(canWrite: boolean) {
    const view = this.view;
    if (!view) return nothing;
    const m = this.messages();
    const c = m.connect;
    const po = view.poweroffice;
    const connected = po.state === "connected";
    const name = po.clientName ?? po.organizationNumber;
    return html`<section class="connect" part="connect" aria-labelledby="connect-heading">
      <h3 id="connect-heading">${c.heading}</h3>
      ${
        connected
          ? html`<p part="connected">
              ${name ? c.connectedTo(po.clientName ?? "", po.organizationNumber ?? "") : ""}
              · ${c.environment[po.environment]}${po.via === "secret" ? html`<br />${c.viaSecret}` : nothing}
            </p>`
          : html`<p>${c.notConnected}</p>`
      }
      ${
        po.missingPrivileges?.length
          ? html`<p>${c.missing}</p>
              <ul part="missing-privileges">
                ${po.missingPrivileges.map((p) => html`<li><strong>${p.privilege}</strong>: ${p.whatToDo}</li>`)}
              </ul>`
          : nothing
      }
      ${!connected && view.whyNot ? html`<p class="muted">${view.whyNot}</p>` : nothing}
      ${canWrite && !connected && view.canConnect ? this.form(m) : nothing}
      ${canWrite && connected && po.via === "onboarding" ? this.disconnectControls(m) : nothing}
    </section>`;
  }

  private form(m: Messages) {
    return html`<form class="field" @submit=${this.connect}>
      <label for="connect-org">${m.connect.orgLabel}</label>
      <input id="connect-org" name="org" inputmode="numeric" autocomplete="off" required pattern="[0-9 ]{9,11}" />
      <button part="button connect-button" type="submit" ?disabled=${this.busy}>${m.connect.connect}</button>
    </form>`;
  }

  private disconnectControls(m: Messages) {
    if (!this.asking) {
      return html`<button part="button disconnect-button" @click=${this.ask}>
        ${m.connect.disconnect}
      </button>`;
    }
    return html`<p role="alert">${m.connect.disconnectQuestion}</p>
      <button part="button disconnect-yes" ?disabled=${this.busy} @click=${this.disconnect}>${m.connect.disconnect}</button>
      <button part="button disconnect-no" @click=${() => this.set({ asking: false })}>${m.connect.keep}</button>`;
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
