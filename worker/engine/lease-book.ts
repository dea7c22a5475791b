/**
 * The leases one invocation holds (its work lease, the claims on the links it is writing), kept alive while it works:
 * `keep()` renews each one past half its time, and throws LeaseLostError for one that cannot be renewed (expired, or
 * someone else's now), so the work stops before it commits anything it no longer has the right to.
 */
import { type Clock, LeaseLostError, type Store } from "../core/ports";

interface Held {
  holder: string;
  ttlMs: number;
  expiresAt: number;
}

export interface LeaseBook {
  /** Takes (or extends) a lease and keeps it on the book; false when another holder has it. */
  take(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Puts a lease taken elsewhere (a link's claim) on the book. */
  note(name: string, holder: string, ttlMs: number, takenAt: number): void;
  has(name: string, holder: string): boolean;
  /** Renews every lease past half its time; throws LeaseLostError (after dropping it) for one that is lost. */
  keep(): Promise<void>;
  /** The latest moment to call `keep()` again (the earliest half-time), or null when nothing is held. */
  dueAt(): number | null;
  release(name: string): Promise<void>;
  /** Takes leases off the book that were given back some other way (in a commit's batch). */
  forget(holder: string): void;
}

export function leaseBook(store: Store, clock: Clock): LeaseBook {
  const held = new Map<string, Held>();
  return {
    async take(name, holder, ttlMs) {
      const now = clock.now();
      if (!(await store.leases.acquire(name, holder, ttlMs, now))) return false;
      held.set(name, { holder, ttlMs, expiresAt: now + ttlMs });
      return true;
    },
    note(name, holder, ttlMs, takenAt) {
      held.set(name, { holder, ttlMs, expiresAt: takenAt + ttlMs });
    },
    has: (name, holder) => held.get(name)?.holder === holder,
    async keep() {
      for (const [name, lease] of [...held]) {
        const now = clock.now();
        if (now < lease.expiresAt - lease.ttlMs / 2) continue;
        const renewed = now < lease.expiresAt && (await store.leases.renew(name, lease.holder, lease.ttlMs, now));
        if (!renewed) {
          held.delete(name);
          throw new LeaseLostError(`The lease ${name} expired before its work was done; whoever holds it now goes on.`);
        }
        lease.expiresAt = now + lease.ttlMs;
      }
    },
    dueAt() {
      let due: number | null = null;
      for (const lease of held.values()) {
        const half = lease.expiresAt - lease.ttlMs / 2;
        if (due === null || half < due) due = half;
      }
      return due;
    },
    forget(holder) {
      for (const [name, lease] of [...held]) if (lease.holder === holder) held.delete(name);
    },
    async release(name) {
      const lease = held.get(name);
      if (!lease) return;
      held.delete(name);
      await store.leases.release(name, lease.holder);
    },
  };
}

/**
 * A sleep that keeps the book's leases alive: a long wait (a 429's Retry-After, a backoff) is cut where a lease is due
 * for renewal, so work that waits minutes on a rate limit still holds its leases, and stops (LeaseLostError) when
 * one cannot be renewed, instead of waking up to commit without it.
 */
export function sleepKeeping(
  book: LeaseBook,
  sleep: (ms: number) => Promise<void>,
  now: () => number,
): (ms: number) => Promise<void> {
  return async (ms) => {
    // Counted down by what was slept, not by the clock: a test's sleep may return at once without moving it.
    let left = Math.max(0, ms);
    for (;;) {
      await book.keep();
      const due = book.dueAt();
      if (due === null) return sleep(left);
      if (left <= 0) return;
      const step = Math.max(1, Math.min(left, due - now()));
      await sleep(step);
      left -= step;
    }
  };
}
