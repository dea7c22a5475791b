/**
 * Where the element's API token comes from: the host's `token` property, or the host's answer to a
 * `poweroffice-sync-token-request` event. Held in memory only (never an attribute, storage or cookie), so it ends
 * with the page.
 */
import { TOKEN_REQUEST_EVENT, type TokenRequestReason, widgetEvent } from "../events";

/** How long the widget waits for the host to answer a token request before showing that it has none. */
export const TOKEN_WAIT_MS = 10_000;
/** A token this close to its `exp` is renewed before use rather than sent to be refused. */
const EXPIRY_MARGIN_SECONDS = 5;

export class TokenSource {
  private token: string | null = null;
  private request: Promise<string | null> | null = null;
  private settle: ((token: string | null) => void) | null = null;

  constructor(
    private readonly host: EventTarget,
    private readonly waitMs = TOKEN_WAIT_MS,
  ) {}

  /** The host set the `token` property; also answers a request in flight. */
  set(token: string | null): void {
    this.token = token || null;
    if (this.token) this.settle?.(this.token);
  }

  get(): string | null {
    return this.token;
  }

  /**
   * The current token's `scope` claim, read without verifying anything: only to leave out buttons a read token
   * may not use (the worker checks the scope on every call). Null when there is no token or it cannot be read.
   */
  scope(): "read" | "write" | null {
    const scope = this.token ? claimsOf(this.token)?.scope : undefined;
    return scope === "read" || scope === "write" ? scope : null;
  }

  /** A token to send: the current one unless it is missing or has run out, else one asked of the host. */
  async usable(): Promise<string | null> {
    if (this.token && !expiresSoon(this.token)) return this.token;
    const old = this.token;
    // No answer in time: the old token may still have a few seconds left, so let the API judge it.
    return (await this.ask(old ? "expired" : "start")) ?? old;
  }

  /** The API refused `refused`: ask the host for a new one (once, however many requests were refused with it). */
  async renew(refused: string): Promise<string | null> {
    if (this.token && this.token !== refused) return this.token;
    return this.ask("expired");
  }

  private ask(reason: TokenRequestReason): Promise<string | null> {
    if (this.request) return this.request;
    this.request = new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => finish(null), this.waitMs);
      const finish = (token: string | null) => {
        clearTimeout(timer);
        this.settle = null;
        this.request = null;
        if (token) this.token = token;
        resolve(token);
      };
      this.settle = finish;
      const provide = (answer: string | Promise<string>) => {
        Promise.resolve(answer).then(
          (token) => (typeof token === "string" && token ? finish(token) : undefined),
          () => finish(null),
        );
      };
      this.host.dispatchEvent(widgetEvent(TOKEN_REQUEST_EVENT, { reason, provide }));
    });
    return this.request;
  }
}

/** Reads `exp` without verifying anything (the worker verifies); an unreadable token is left for the API to judge. */
function expiresSoon(token: string): boolean {
  const exp = claimsOf(token)?.exp;
  return typeof exp === "number" && exp - EXPIRY_MARGIN_SECONDS <= Date.now() / 1000;
}

/** The JWT's payload as JSON, or null when it is not one. */
function claimsOf(token: string): { exp?: unknown; scope?: unknown } | null {
  try {
    const payload = token.split(".")[1];
    if (!payload) return null;
    const json = atob(
      payload
        .replace(/-/g, "+")
        .replace(/_/g, "/")
        .padEnd(Math.ceil(payload.length / 4) * 4, "="),
    );
    const claims: unknown = JSON.parse(json);
    return typeof claims === "object" && claims !== null ? claims : null;
  } catch {
    return null;
  }
}
