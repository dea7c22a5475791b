/**
 * go-live.js: the views the dashboard needs only before go-live (the checklist and the first sync's preview), loaded
 * by the dashboard with one dynamic import while the sync is not live, so /widget.js stays small for every day after.
 * Importing it defines <poweroffice-sync-go-live>.
 */
import { PowerOfficeSyncGoLive } from "./go-live-element";

export const GO_LIVE_TAG = "poweroffice-sync-go-live";

if (!customElements.get(GO_LIVE_TAG)) customElements.define(GO_LIVE_TAG, PowerOfficeSyncGoLive);

declare global {
  interface HTMLElementTagNameMap {
    "poweroffice-sync-go-live": PowerOfficeSyncGoLive;
  }
}
