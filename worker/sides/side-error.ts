/**
 * The two connectors' typed errors as the engine's SideError: the connector's kind as the code, its message in words,
 * and whether trying again later can help (network, 5xx, throttling, a record that changed under our write).
 */
import type { PowerOfficeError } from "../connectors/poweroffice/errors";
import type { WebshopError } from "../connectors/webshop/errors";
import type { SideError, SideResult } from "../core/ports";
import type { Side } from "../core/types";

const RETRYABLE = new Set(["network", "server", "rate-limited", "version-conflict"]);

export function sideError(side: Side, error: PowerOfficeError | WebshopError): SideError {
  const retryAfterMs = error.kind === "rate-limited" ? error.retryAfterMs : undefined;
  return {
    side,
    code: error.kind,
    message: error.message,
    retryable: RETRYABLE.has(error.kind),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
}

/** A failure of our own making (nothing was sent): never worth retrying unchanged. */
export function refusal(side: Side, code: string, message: string): SideError {
  return { side, code, message, retryable: false };
}

export const okValue = <T>(value: T): SideResult<T> => ({ ok: true, value });
export const failWith = <T = never>(error: SideError): SideResult<T> => ({ ok: false, error });
