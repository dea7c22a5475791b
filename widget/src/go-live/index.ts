/**
 * go-live.js: the views the dashboard needs only before go-live (the checklist and the first sync's preview), and
 * PowerOffice's connection panel in full, loaded by the dashboard with one dynamic import while the sync is not live
 * (and after go-live only when the connection needs more than its one line), so /widget.js stays small for every day
 * after. Importing it defines <poweroffice-sync-go-live> and <poweroffice-sync-connection>.
 */
import { PowerOfficeSyncConnection } from "../connection/connection-element";
import { CONNECTION_TAG } from "../connection/connection-events";
import { PowerOfficeSyncGoLive } from "./go-live-element";

export const GO_LIVE_TAG = "poweroffice-sync-go-live";

if (!customElements.get(GO_LIVE_TAG)) customElements.define(GO_LIVE_TAG, PowerOfficeSyncGoLive);
if (!customElements.get(CONNECTION_TAG)) customElements.define(CONNECTION_TAG, PowerOfficeSyncConnection);

declare global {
  interface HTMLElementTagNameMap {
    "poweroffice-sync-go-live": PowerOfficeSyncGoLive;
    "poweroffice-sync-connection": PowerOfficeSyncConnection;
  }
}
