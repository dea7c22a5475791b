/** The connection panel's words in English (connect-messages.ts says which). */
import type { ConnectMessages } from "./connect-messages";

export const en: ConnectMessages = {
  missing: "PowerOffice withholds privileges the sync needs:",
  orgLabel: "Organisation number of the PowerOffice client",
  connect: "Connect PowerOffice",
  disconnectQuestion: "Stop syncing with PowerOffice? The links and history are kept, so connecting again resumes.",
  keep: "Keep connected",
  disconnected: "PowerOffice is disconnected. Nothing is synced until it is connected again.",
  notWhitelisted: (url) =>
    `PowerOffice does not accept this sync's address (${url}) yet: ask PowerOffice (go-api@poweroffice.no) to whitelist it, and meanwhile set the PowerOffice client key as a secret on the sync worker (see the deploy guide).`,
  outcome: {
    connected: "PowerOffice is connected.",
    canceled: "The connection was cancelled in PowerOffice; nothing was changed.",
    "client-not-found": "PowerOffice found no client with that organisation number for that user.",
    "no-client-access": "The PowerOffice user has no access to that client.",
    "integration-blocked": "The client has blocked this integration in PowerOffice.",
    expired: "The connection took longer than 15 minutes and was not used: connect again.",
    failed: "PowerOffice could not be connected.",
  },
};
