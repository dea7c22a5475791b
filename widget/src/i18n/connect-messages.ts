/**
 * The words of PowerOffice's connection panel beyond its one line (the organisation number form, the withheld
 * privileges, the disconnect question, the `?poweroffice=` outcomes): only the lazily loaded go-live.js shows them, so
 * they are kept apart from Messages and never weigh on /widget.js. The line itself is `Messages.connect`.
 */
import type { ConnectOutcome } from "../../../shared/api/connection";
import { en } from "./connect-en";
import { nb } from "./connect-nb";
import type { Language } from "./index";

export interface ConnectMessages {
  missing: string;
  orgLabel: string;
  connect: string;
  disconnectQuestion: string;
  keep: string;
  disconnected: string;
  notWhitelisted: (url: string) => string;
  outcome: Record<ConnectOutcome, string>;
}

export function connectMessagesFor(language: Language): ConnectMessages {
  return language === "nb" ? nb : en;
}
