/** What <poweroffice-sync-connection> tells the dashboard; both bundles import these names. */

/** An outcome to say in the dashboard's one live region (detail: `{ ok, text }`, or null to clear it). */
export const CONNECTION_NOTE_EVENT = "poweroffice-sync-connection-note";
/** The connection changed (disconnected): the dashboard reloads. */
export const CONNECTION_CHANGED_EVENT = "poweroffice-sync-connection-changed";

export type ConnectionNote = { ok: boolean; text: string };

export const CONNECTION_TAG = "poweroffice-sync-connection";

/** Its parts, styleable from the page as the dashboard's own (`poweroffice-sync::part(connected)`). */
export const CONNECTION_PARTS =
  "connect, connected, missing-privileges, error, button, connect-button, disconnect-button, disconnect-yes, disconnect-no";
