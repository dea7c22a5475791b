/** The "network" member of both connectors' error unions, built from a lost answer the retries could not recover. */
import type { LostAnswer } from "./fetch-with-timeout";

/** `message` is the provider's own wording for the admin; a create may still have happened. */
export function networkError(operation: string, lost: LostAnswer, message: string) {
  return { kind: "network" as const, operation, timedOut: lost.timedOut, cause: lost.cause, message };
}
