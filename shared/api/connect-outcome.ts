/**
 * The outcome of PowerOffice's onboarding on the admin page's address, apart from ./connection.ts so that /widget.js
 * can look for it without carrying that module's schemas.
 */

/** What `?poweroffice=` says on the admin page after PowerOffice sent the browser back through the worker. */
export const CONNECT_OUTCOMES = [
  "connected",
  "canceled",
  "client-not-found",
  "no-client-access",
  "integration-blocked",
  "expired",
  "failed",
] as const;
export type ConnectOutcome = (typeof CONNECT_OUTCOMES)[number];
export const CONNECT_OUTCOME_PARAM = "poweroffice";
