/** What the engine is built from: the store, the two sides, a clock, the conflict policy, and its limits. */
import type { Clock, SidePort, Store } from "../sync/ports";
import type { ConflictPolicy, Side } from "../sync/types";
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
}

export interface EngineDeps {
  store: Store;
  sides: Record<Side, SidePort>;
  clock: Clock;
  policy: ConflictPolicy;
  log: (line: string) => void;
  limits: ResolvedLimits;
  onWoken: (linkIds: number[]) => void;
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
  };
}
