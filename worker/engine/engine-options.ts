/** What the engine is built from: the store, the two sides, a clock, the conflict policy, and its limits. */
import type { Clock, CommitFence, SidePort, Store } from "../core/ports";
import type { ConflictPolicy, Side } from "../core/types";
import { type LeaseBook, leaseBook } from "./lease-book";
import { type EngineLimits, type ResolvedLimits, resolveLimits } from "./limits";

export interface EngineOptions {
  store: Store;
  sides: Record<Side, SidePort>;
  clock: Clock;
  policy: ConflictPolicy;
  log?: (line: string) => void;
  limits?: EngineLimits;
  /**
   * Links made due at once because what they waited for was just linked (committed): the trigger queues their retry
   * now rather than leaving them to the next cron run.
   */
  onWoken?: (linkIds: number[]) => void;
  /** The invocation's leases, kept alive while the engine works (default: a book of the engine's own). */
  leases?: LeaseBook;
  /** The lease the work runs under: every commit is refused once it is no longer held. */
  fence?: CommitFence;
}

export interface EngineDeps {
  store: Store;
  sides: Record<Side, SidePort>;
  clock: Clock;
  policy: ConflictPolicy;
  log: (line: string) => void;
  limits: ResolvedLimits;
  onWoken: (linkIds: number[]) => void;
  leases: LeaseBook;
  fence: CommitFence | null;
}

export function resolveDeps(options: EngineOptions): EngineDeps {
  return {
    store: options.store,
    sides: options.sides,
    clock: options.clock,
    policy: options.policy,
    log: options.log ?? (() => {}),
    limits: resolveLimits(options.limits),
    onWoken: options.onWoken ?? (() => {}),
    leases: options.leases ?? leaseBook(options.store, options.clock),
    fence: options.fence ?? null,
  };
}
