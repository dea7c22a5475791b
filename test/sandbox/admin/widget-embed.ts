/**
 * How the demo admin embeds the widget, exactly as docs/widget.md tells a shop to: one module script from the worker,
 * one element, and the page's answer to the widget's token request (a fetch to this shop's own backend, /token).
 */
import { html, raw } from "hono/html";
import type { Resource } from "../../../shared/api";
import type { Html } from "./layout";

/** Answers `poweroffice-sync-token-request`: the secret stays on the server; the page only relays a fresh token. */
const TOKEN_RELAY = `
document.addEventListener("poweroffice-sync-token-request", (event) => {
  event.detail.provide(
    fetch("/token", { method: "POST" }).then((response) => {
      if (!response.ok) throw new Error("the shop would not give a token: " + response.status);
      return response.json();
    }).then((body) => body.token),
  );
});`;

/** Shown until the element is defined (the bundle is loading, or the worker is not serving it). */
const PENDING_CSS = `
poweroffice-sync:not(:defined), poweroffice-sync-record:not(:defined) { display: block; padding: 12px 14px;
  border: 1px dashed #aab3bd; border-radius: 6px; color: #5b6572; background: #fff; }
poweroffice-sync:not(:defined)::before, poweroffice-sync-record:not(:defined)::before {
  content: "Loading the sync widget from the worker…"; }`;

export function widgetHead(workerUrl: string): Html {
  return html`<style>${raw(PENDING_CSS)}</style>
<script>${raw(TOKEN_RELAY)}</script>
<script type="module" src="${workerUrl}/widget.js"></script>`;
}

export function dashboardElement(workerUrl: string): Html {
  return html`<poweroffice-sync api-base="${workerUrl}"></poweroffice-sync>`;
}

export function recordElement(workerUrl: string, resource: Resource, recordId: string): Html {
  return html`<poweroffice-sync-record api-base="${workerUrl}" resource="${resource}" record-id="${recordId}"></poweroffice-sync-record>`;
}
