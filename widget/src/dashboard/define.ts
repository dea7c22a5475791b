/** Registers <poweroffice-sync> (once, so two copies of the bundle on a page do not throw). */
import { PowerOfficeSync } from "./dashboard-element";

export const DASHBOARD_TAG = "poweroffice-sync";

if (!customElements.get(DASHBOARD_TAG)) customElements.define(DASHBOARD_TAG, PowerOfficeSync);

declare global {
  interface HTMLElementTagNameMap {
    "poweroffice-sync": PowerOfficeSync;
  }
}
