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
}

export interface EngineDeps {
  store: Store;
  sides: Record<Side, SidePort>;
  clock: Clock;
  policy: ConflictPolicy;
  log: (line: string) => void;
  limits: ResolvedLimits;
}

export function resolveDeps(options: EngineOptions): EngineDeps {
  return {
    store: options.store,
    sides: options.sides,
    clock: options.clock,
    policy: options.policy,
    log: options.log ?? (() => {}),
    limits: resolveLimits(options.limits),
  };
}
