/**
 * Bindings and fetch wrapped so each subrequest is counted against the invocation's Budget before it is made. D1
 * counts once per statement run and once per batch (one round trip each), KV once per get/put, a queue once per
 * send or sendBatch.
 */
import type { SyncQueueProducer } from "../messages/message";
import type { Budget } from "./budget";
import type { UsageMeter } from "./usage-meter";

/**
 * Sees each binding call for the daily allowances (worker/budgets/daily-limits.ts): `before` throws, without a
 * subrequest, while the platform is known to refuse that call until the reset; `failed` notes a refusal.
 */
export interface BindingGuard {
  before(binding: "d1" | "queue" | "kv-put"): void;
  failed(error: unknown): void;
}

const NO_GUARD: BindingGuard = { before: () => undefined, failed: () => undefined };

function guarded<T>(guard: BindingGuard, binding: "d1" | "queue" | "kv-put", run: () => Promise<T>): Promise<T> {
  try {
    guard.before(binding);
  } catch (error) {
    return Promise.reject(error);
  }
  return run().catch((error: unknown) => {
    guard.failed(error);
    throw error;
  });
}

export type Fetch = (request: Request) => Promise<Response>;

export function meteredFetch(fetch: Fetch, budget: Budget): Fetch {
  return async (request) => {
    budget.spend(`fetch ${request.method} ${new URL(request.url).host}`);
    return budget.track(fetch(request));
  };
}

export function meteredD1(
  db: D1Database,
  budget: Budget,
  guard: BindingGuard = NO_GUARD,
  meter?: UsageMeter,
): D1Database {
  const metered = <T>(pending: Promise<T>): Promise<T> =>
    meter
      ? pending.then((result) => {
          meter.d1(result);
          return result;
        })
      : pending;
  // batch() must get the real statements back: D1 refuses statements it did not make.
  const real = new WeakMap<object, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const counted =
      <T>(run: () => Promise<T>) =>
      (): Promise<T> =>
        guarded(guard, "d1", () => {
          budget.spend(`d1 ${sql.trim().split(/\s+/, 1)[0]}`);
          return budget.track(metered(run()));
        });
    const wrapper = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      // Through all(): first() gives no metadata, and the rows it read count against the day's allowance all the same.
      first: (column?: string) =>
        counted(() =>
          statement.all<Record<string, unknown>>().then((result) => {
            const row = result.results[0];
            return row === undefined ? null : column ? (row[column] ?? null) : row;
          }),
        )(),
      run: counted(() => statement.run()),
      all: counted(() => statement.all()),
      raw: (options?: { columnNames?: boolean }) => counted(() => statement.raw(options as never))(),
    };
    real.set(wrapper, statement);
    return wrapper as unknown as D1PreparedStatement;
  };
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: <T>(statements: D1PreparedStatement[]) =>
      guarded(guard, "d1", () => {
        budget.spend("d1 batch");
        return budget.track(metered(db.batch<T>(statements.map((s) => real.get(s) ?? s))));
      }),
    exec: (sql: string) =>
      guarded(guard, "d1", () => {
        budget.spend("d1 exec");
        return budget.track(db.exec(sql));
      }),
    dump: () => db.dump(),
    withSession: (...args: Parameters<D1Database["withSession"]>) => db.withSession(...args),
  } as unknown as D1Database;
}

export function meteredQueue(
  queue: SyncQueueProducer,
  budget: Budget,
  guard: BindingGuard = NO_GUARD,
  meter?: UsageMeter,
): SyncQueueProducer {
  return {
    send(message, options) {
      return guarded(guard, "queue", () => {
        budget.spend("queue send");
        return budget.track(queue.send(message, options)).then(() => meter?.queueMessages(1));
      });
    },
    sendBatch(messages, options) {
      return guarded(guard, "queue", () => {
        budget.spend("queue sendBatch");
        const list = [...messages];
        return budget.track(queue.sendBatch(list, options)).then(() => meter?.queueMessages(list.length));
      });
    },
  };
}

/** The KV shape the PowerOffice token cache uses. */
export interface KvLike {
  get(key: string): Promise<string | null>;
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}

export function meteredKv(kv: KvLike, budget: Budget, guard: BindingGuard = NO_GUARD, meter?: UsageMeter): KvLike {
  return {
    get(key) {
      budget.spend("kv get");
      return budget.track(kv.get(key));
    },
    put(key, value, options) {
      return guarded(guard, "kv-put", () => {
        budget.spend("kv put");
        return budget.track(kv.put(key, value, options)).then(() => meter?.kvWrite());
      });
    },
    delete(key) {
      return guarded(guard, "kv-put", () => {
        budget.spend("kv delete");
        return budget.track(kv.delete(key)).then(() => meter?.kvWrite());
      });
    },
  };
}
