/**
 * The worker as the benchmarks run it inside workerd (Miniflare): the real handlers (createWorker, every binding
 * real), plus a meter per invocation. Each invocation ends with one `bench-invocation {json}` log line: its kind,
 * its subrequests by kind, its wall time, the time it spent waiting on subrequests or sleeping, and what is left:
 * the time it was busy, an upper bound on its CPU time (it also holds scheduling delays and garbage collection).
 *
 * Why the difference and not a CPU clock: workerd has no process.cpuUsage(), and Date.now() inside the worker
 * advances while code runs locally (in production it stands still between I/O), so wall − waiting is measurable here.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { type Budget, budgetFor, unlimitedBudget, type WorkersPlan } from "../../worker/budgets/budget";
import { meteredD1, meteredKv, meteredQueue } from "../../worker/budgets/metered";
import { createWorker } from "../../worker/index";
import { emptyUsage } from "../quota/arithmetic";
import { INVOCATION_TAG, type InvocationReport } from "./report";
import { usageBatch, usageD1, usageKv, usageQueue } from "./usage-meter";

/** Union of the intervals in which at least one tracked promise (a subrequest or a sleep) was pending. */
class WaitClock {
  private pending = 0;
  private since = 0;
  waited = 0;
  track<T>(promise: Promise<T>): Promise<T> {
    if (this.pending++ === 0) this.since = performance.now();
    const done = () => {
      if (--this.pending === 0) this.waited += performance.now() - this.since;
    };
    return promise.then(
      (value) => {
        done();
        return value;
      },
      (error) => {
        done();
        throw error;
      },
    );
  }
}

interface Meter {
  /** The invocation's WORKERS_PLAN: its budget is the one that plan gives, as in production. */
  plan: WorkersPlan;
  waits: WaitClock;
  labels: Record<string, number>;
  /** The budgets the invocation made (buildDeps makes one per invocation; a webhook's makes one of its own). */
  budgets: Budget[];
  /** Counts what the worker's own budgets do not see (the webhook route's bindings). */
  extra: Budget;
}

const current = new AsyncLocalStorage<Meter>();

/** The budget as it was, plus timing of what it tracks and a count of each subrequest by its full name. */
function timed(budget: Budget, meter: Meter): Budget {
  return {
    ...budget,
    spend(what) {
      budget.spend(what);
      meter.labels[what] = (meter.labels[what] ?? 0) + 1;
    },
    track: (p) => meter.waits.track(p),
  };
}

const worker = createWorker({
  budget: () => {
    const meter = current.getStore();
    const budget = budgetFor(meter?.plan ?? "free");
    if (!meter) return budget;
    const measured = timed(budget, meter);
    meter.budgets.push(measured);
    return measured;
  },
  // The connectors' waits (rate limiter, Retry-After) are waiting, not work.
  sleep: (ms) => {
    const wait = new Promise<void>((resolve) => setTimeout(resolve, ms));
    return current.getStore()?.waits.track(wait) ?? wait;
  },
});

async function measured<T>(
  kind: InvocationReport["kind"],
  what: string,
  env: Env,
  run: (env: Env) => Promise<T>,
  usage = emptyUsage(),
  later?: Later,
): Promise<T> {
  const plan: WorkersPlan = env.WORKERS_PLAN === "paid" ? "paid" : "free";
  const meter: Meter = { plan, waits: new WaitClock(), labels: {}, budgets: [], extra: unlimitedBudget() };
  const extra = timed(meter.extra, meter);
  const rowsWrittenByTable: Record<string, number> = {};
  // Billed use is counted at the platform's bindings, under anything the worker wraps them in.
  const billed: Env = {
    ...env,
    DB: usageD1(env.DB, usage, rowsWrittenByTable),
    SYNC_QUEUE: usageQueue(env.SYNC_QUEUE as never, usage) as never,
    CACHE: usageKv(env.CACHE, usage),
  };
  // The HTTP routes read the bindings without a budget of the worker's own: count those here.
  const countedEnv =
    kind === "fetch"
      ? {
          ...billed,
          DB: meteredD1(billed.DB, extra),
          SYNC_QUEUE: meteredQueue(billed.SYNC_QUEUE as never, extra) as never,
          CACHE: meteredKv(billed.CACHE, extra) as never,
        }
      : billed;
  const startedAt = Date.now();
  const t0 = performance.now();
  try {
    return await current.run(meter, () => run(countedEnv));
  } finally {
    // An invocation lasts until its waitUntil work is done (a webhook's sync runs after the answer): reported then.
    if (later && later.work.length > 0) later.ctx.waitUntil(settled(later.work).then(report));
    else report();
  }

  function report() {
    const wallMs = performance.now() - t0;
    const byKind: Record<string, number> = {};
    for (const budget of [...meter.budgets, meter.extra])
      for (const [k, v] of Object.entries(budget.byKind())) byKind[k] = (byKind[k] ?? 0) + v;
    const line: InvocationReport = {
      kind,
      what,
      startedAt,
      wallMs,
      waitMs: meter.waits.waited,
      busyMs: Math.max(0, wallMs - meter.waits.waited),
      subrequests: Object.values(byKind).reduce((a, b) => a + b, 0),
      byKind,
      labels: meter.labels,
      usage,
      rowsWrittenByTable,
    };
    console.log(`${INVOCATION_TAG} ${JSON.stringify(line)}`);
  }
}

/** The ctx a handler gets, keeping what it hands to waitUntil (the real ctx still gets it). */
function keepingLater(ctx: ExecutionContext): Later {
  const work: Array<Promise<unknown>> = [];
  const kept = {
    waitUntil(promise: Promise<unknown>) {
      work.push(promise);
      ctx.waitUntil(promise);
    },
    passThroughOnException: () => ctx.passThroughOnException(),
    props: ctx.props,
  } as ExecutionContext;
  return { ctx, kept, work };
}

interface Later {
  /** The platform's ctx, to keep the report's own wait alive. */
  ctx: ExecutionContext;
  /** The ctx the worker gets. */
  kept: ExecutionContext;
  work: Array<Promise<unknown>>;
}

/** Until every promise handed over so far has settled, including ones handed over while waiting. */
async function settled(work: Array<Promise<unknown>>): Promise<void> {
  for (let done = 0; done < work.length; ) {
    const upTo = work.length;
    await Promise.allSettled(work.slice(done, upTo));
    done = upTo;
  }
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext) {
    const later = keepingLater(ctx);
    const path = new URL(request.url).pathname;
    return measured("fetch", path, env, (e) => Promise.resolve(worker.fetch(request, e, later.kept)), undefined, later);
  },
  queue(batch: MessageBatch<unknown>, env: Env, ctx: ExecutionContext) {
    const kinds = batch.messages.map((m) => (m.body as { kind?: string } | null)?.kind ?? "?").join(",");
    const usage = emptyUsage();
    const counted = usageBatch(batch, usage);
    return measured(
      "queue",
      kinds,
      env,
      (e) =>
        worker.queue(counted.batch, e, ctx).then(
          (value) => {
            counted.settle(true);
            return value;
          },
          (error: unknown) => {
            counted.settle(false);
            throw error;
          },
        ),
      usage,
    );
  },
  scheduled(controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    return measured("scheduled", controller.cron, env, (e) => worker.scheduled(controller, e, ctx));
  },
} satisfies ExportedHandler<Env>;
