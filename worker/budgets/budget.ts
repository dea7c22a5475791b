/**
 * The subrequest budget of one invocation. Workers Free allows 50 subrequests (and 50 D1 queries) per invocation;
 * every connector call, D1 statement or batch, KV read or write and queue send is counted here before it is made.
 */

/** The platform's limit on the Free plan: the 51st subrequest throws "Too many subrequests". */
export const FREE_PLAN_SUBREQUESTS = 50;
/** What the triggers plan with: the rest is headroom for a connector's own retry of a lost answer. */
export const SUBREQUEST_BUDGET = 45;
/**
 * Kept back until `closing()`: a run that used up its budget can still give its lease back (and queue what is left),
 * instead of leaving the cron locked until the lease expires.
 */
export const CLOSING_RESERVE = 3;

/**
 * What each Workers plan allows one invocation, and what the triggers plan with. Free: 50 subrequests, and D1 counts
 * its 50 queries per invocation too, so one combined budget keeps both. Paid: D1's 1,000 queries per invocation is
 * the tighter of its limits (subrequests: 10,000). Set by WORKERS_PLAN (docs/sync-engine.md, Limits).
 */
export const WORKERS_PLANS = ["free", "paid"] as const;
export type WorkersPlan = (typeof WORKERS_PLANS)[number];
export const PLAN_BUDGETS: Record<WorkersPlan, { limit: number; hardLimit: number }> = {
  free: { limit: SUBREQUEST_BUDGET, hardLimit: FREE_PLAN_SUBREQUESTS },
  paid: { limit: 900, hardLimit: 1000 },
};

/** Thrown instead of making a subrequest past the hard limit, as the platform would; never caught to be ignored. */
export class BudgetExceeded extends Error {
  constructor(
    readonly limit: number,
    readonly what: string,
  ) {
    super(`This invocation has used its ${limit} subrequests; not sending ${what}`);
    this.name = "BudgetExceeded";
  }
}

export interface Budget {
  /** What work is planned against (SUBREQUEST_BUDGET unless told otherwise). */
  readonly limit: number;
  /** Past this a subrequest is refused (FREE_PLAN_SUBREQUESTS). */
  readonly hardLimit: number;
  used(): number;
  /** Planned room left: limit − used, never below 0. */
  remaining(): number;
  /** Counts one subrequest; throws BudgetExceeded past the hard limit. `what` names it in that error. */
  spend(what: string): void;
  /** From now on the CLOSING_RESERVE may be spent too (the run is giving back its leases). */
  closing(): void;
  /** Nothing more may be sent by work (only by closing steps). */
  exhausted(): boolean;
  /** Each subrequest by kind, e.g. { fetch: 12, d1: 20 }: for tests and the run's log line. */
  byKind(): Record<string, number>;
  /**
   * Sees each counted subrequest's promise and hands it back unchanged. The budget itself does nothing with it; a
   * measuring budget (the benchmarks) times how long the invocation waited on I/O, to tell CPU time from waiting.
   */
  track<T>(pending: Promise<T>): Promise<T>;
}

export function createBudget(limit = SUBREQUEST_BUDGET, hardLimit = FREE_PLAN_SUBREQUESTS): Budget {
  let used = 0;
  let ceiling = hardLimit - CLOSING_RESERVE;
  const kinds: Record<string, number> = {};
  return {
    limit,
    hardLimit,
    used: () => used,
    remaining: () => Math.max(0, limit - used),
    closing() {
      ceiling = hardLimit;
    },
    exhausted: () => used >= ceiling,
    spend(what) {
      if (used >= ceiling) throw new BudgetExceeded(ceiling, what);
      used += 1;
      const kind = what.split(" ")[0] ?? what;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    },
    byKind: () => ({ ...kinds }),
    track: (pending) => pending,
  };
}

export function budgetFor(plan: WorkersPlan): Budget {
  const { limit, hardLimit } = PLAN_BUDGETS[plan];
  return createBudget(limit, hardLimit);
}

/** A budget that counts but never refuses (paid plans, or code paths measured elsewhere). */
export function unlimitedBudget(): Budget {
  return createBudget(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
}
