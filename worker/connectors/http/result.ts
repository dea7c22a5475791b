/** The shape of every connector call's outcome: the value, or the provider's own typed error (never thrown). */

/** `E` is the provider's error union (PowerOfficeError, WebshopError): they differ on purpose. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
