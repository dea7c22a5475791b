/**
 * The events the widget's elements fire, prefixed `poweroffice-sync-`, bubbling and composed so a listener on the
 * document hears them from inside any shadow root.
 */
import type { ErrorCode, RecordState, Resource } from "../../shared/api";

export const TOKEN_REQUEST_EVENT = "poweroffice-sync-token-request";
export const PUSHED_EVENT = "poweroffice-sync-pushed";
export const ERROR_EVENT = "poweroffice-sync-error";

export type TokenRequestReason = "start" | "expired";

export interface TokenRequestDetail {
  /** "start": the element has no token yet. "expired": the API refused the one it had. */
  reason: TokenRequestReason;
  /** Answer with the token, or a promise of it (the host usually fetches one from its backend). */
  provide(token: string | Promise<string>): void;
}

export interface PushedDetail {
  resource: Resource;
  recordId: string;
  state: RecordState;
  message: string | null;
}

export interface ErrorDetail {
  /** The API's error code, or the widget's own: network, unreadable, no_token, http_status. */
  code: ErrorCode | "network" | "unreadable" | "no_token" | "http_status";
  /** In words, in the widget's language. */
  message: string;
}

export type TokenRequestEvent = CustomEvent<TokenRequestDetail>;
export type PushedEvent = CustomEvent<PushedDetail>;
export type WidgetErrorEvent = CustomEvent<ErrorDetail>;

export function widgetEvent<T>(type: string, detail: T): CustomEvent<T> {
  return new CustomEvent(type, { detail, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    [TOKEN_REQUEST_EVENT]: TokenRequestEvent;
    [PUSHED_EVENT]: PushedEvent;
    [ERROR_EVENT]: WidgetErrorEvent;
  }
}
