/**
 * The widget bundle (/widget.js): importing it defines <poweroffice-sync> and <poweroffice-sync-record>.
 * The classes and event names are exported for hosts that build on them.
 */
import "./dashboard/define";
import "./record/define";

export { PowerOfficeSync } from "./dashboard/dashboard-element";
export { DASHBOARD_TAG } from "./dashboard/define";
export * from "./events";
export { RECORD_TAG } from "./record/define";
export { PowerOfficeSyncRecord } from "./record/record-element";
