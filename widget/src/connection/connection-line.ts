/**
 * PowerOffice's connection in one line, as /widget.js shows it by itself and the connection panel (go-live.js) at its
 * top: "Connected to <client> (<org no>) · production", the note when the connection is the worker's secret, or that
 * PowerOffice is not connected.
 */
import { html, nothing } from "lit";
import type { Messages } from "../i18n";

/** The fields of ConnectionResponse's `poweroffice` (shared/api/connection.ts) that the line reads. */
export interface ConnectionLineFields {
  state: string;
  via: string | null;
  clientName: string | null;
  organizationNumber: string | null;
  environment: "demo" | "production";
}

export function connectionLine(m: Messages, po: ConnectionLineFields) {
  const c = m.connect;
  if (po.state !== "connected") return html`<p>${c.notConnected}</p>`;
  const named = po.clientName ?? po.organizationNumber;
  return html`<p part="connected">
    ${named ? c.connectedTo(po.clientName ?? "", po.organizationNumber ?? "") : ""}
    · ${c.environment[po.environment]}${po.via === "secret" ? html`<br />${c.viaSecret}` : nothing}
  </p>`;
}
