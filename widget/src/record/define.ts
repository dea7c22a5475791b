/** Registers <poweroffice-sync-record> (once, so two copies of the bundle on a page do not throw). */
import { PowerOfficeSyncRecord } from "./record-element";

export const RECORD_TAG = "poweroffice-sync-record";

if (!customElements.get(RECORD_TAG)) customElements.define(RECORD_TAG, PowerOfficeSyncRecord);

declare global {
  interface HTMLElementTagNameMap {
    "poweroffice-sync-record": PowerOfficeSyncRecord;
  }
}
