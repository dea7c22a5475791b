/**
 * Where the dashboard shows PowerOffice's connection. /widget.js renders its one line by itself ("Connected to … ·
 * production", and Disconnect); the rest (withheld privileges, the organisation number form, the disconnect question,
 * the `?poweroffice=` outcome) is <poweroffice-sync-connection> from go-live.js, shown in the line's place once that
 * file is loaded: before go-live it is anyway, after go-live only when the line is not enough.
 */
import { html, nothing } from "lit";
import { CONNECT_OUTCOME_PARAM } from "../../../shared/api/connect-outcome";
import type { ConnectionLineResponse } from "../api/client";
import type { TokenSource } from "../api/token-source";
import { CONNECTION_PARTS, CONNECTION_TAG, type ConnectionNote } from "../connection/connection-events";
import { connectionLine } from "../connection/connection-line";
import type { Messages } from "../i18n";

/** Not connected, a privilege withheld, or an outcome of PowerOffice's round trip on the address. */
export function needsConnectionPanel(view: ConnectionLineResponse): boolean {
  const po = view.poweroffice;
  return (
    po.state !== "connected" ||
    !!po.missingPrivileges?.length ||
    new URL(location.href).searchParams.has(CONNECT_OUTCOME_PARAM)
  );
}

export interface ConnectionSlot {
  tokens: TokenSource;
  apiBase: string;
  canWrite: boolean;
  /** The admin pressed Disconnect on the line: the panel opens with its question. */
  ask: boolean;
  disconnect(): void;
  note(note: ConnectionNote | null): void;
  changed(): void;
}

/** The element's events are named in ../connection/connection-events.ts. */
export function connectionSlot(m: Messages, view: ConnectionLineResponse, slot: ConnectionSlot) {
  if (customElements.get(CONNECTION_TAG)) {
    return html`<poweroffice-sync-connection
      exportparts=${CONNECTION_PARTS}
      .tokens=${slot.tokens}
      .apiBase=${slot.apiBase}
      .connection=${view}
      .canWrite=${slot.canWrite}
      .ask=${slot.ask}
      @poweroffice-sync-connection-note=${(event: CustomEvent<ConnectionNote | null>) => slot.note(event.detail)}
      @poweroffice-sync-connection-changed=${slot.changed}
    ></poweroffice-sync-connection>`;
  }
  const po = view.poweroffice;
  return html`<section part="connect" aria-labelledby="connect-heading">
    <h3 id="connect-heading">${m.connect.heading}</h3>
    ${connectionLine(m, po)}
    ${
      slot.canWrite && po.state === "connected" && po.via === "onboarding"
        ? html`<button part="button disconnect-button" @click=${slot.disconnect}>${m.connect.disconnect}</button>`
        : nothing
    }
  </section>`;
}
