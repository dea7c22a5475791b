/** What <poweroffice-sync-go-live> tells the dashboard; both bundles import these two names. */

/** The admin acted (started the sync, say): the dashboard reloads. */
export const GO_LIVE_CHANGED_EVENT = "poweroffice-sync-go-live-changed";
/** The sync is live: the dashboard folds the go-live views away. */
export const GO_LIVE_DONE_EVENT = "poweroffice-sync-go-live-done";
