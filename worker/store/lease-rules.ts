/**
 * What a lease means, for both stores: held by `holder` while now < expires_at (epoch ms); at expires_at it is
 * free. The holder may acquire again to extend it; only the holder releases it.
 */
import type { CommitFence } from "../core/ports";
import { InvalidStoreInputError } from "./link-rows";

export function checkLease(name: string, holder: string, ttlMs: number, nowMs: number): void {
  if (name === "" || holder === "") throw new InvalidStoreInputError("a lease needs a name and a holder");
  if (!(Number.isSafeInteger(ttlMs) && ttlMs > 0))
    throw new InvalidStoreInputError(`lease ttl must be > 0 ms, not ${ttlMs}`);
  if (!Number.isSafeInteger(nowMs))
    throw new InvalidStoreInputError(`lease clock must be whole epoch ms, not ${nowMs}`);
}

export interface LeaseRow {
  holder: string;
  expiresAt: number;
}

/** Held by someone: the row is there and has not expired (the twin of `expires_at > now`). */
export const isLive = (current: LeaseRow | undefined, nowMs: number): current is LeaseRow =>
  current !== undefined && current.expiresAt > nowMs;

/** The in-memory twin of the conditional upsert's WHERE. */
export const canTake = (current: LeaseRow | undefined, holder: string, nowMs: number): boolean =>
  !isLive(current, nowMs) || current.holder === holder;

/** The twin of `renew`'s WHERE: the same holder, not yet expired. */
export const stillHeld = (current: LeaseRow | undefined, holder: string, nowMs: number): boolean =>
  isLive(current, nowMs) && current.holder === holder;

export function checkFence(fence: CommitFence): CommitFence {
  if (fence.lease === "" || fence.holder === "") throw new InvalidStoreInputError("a fence needs a lease and a holder");
  return fence;
}

export function checkHolder(holder: string): string {
  if (holder === "") throw new InvalidStoreInputError("a lease holder cannot be empty");
  return holder;
}
