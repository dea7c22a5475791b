/**
 * The real D1 with a tally of what D1 bills: meta.rows_written and meta.rows_read of every statement and of each
 * result of every batch (https://developers.cloudflare.com/d1/platform/pricing/).
 */
export function countingDb(db: D1Database, tally: { written: number; read: number }): D1Database {
  const add = <T>(result: T): T => {
    for (const r of Array.isArray(result) ? result : [result]) {
      const meta = (r as { meta?: { rows_written?: number; rows_read?: number } }).meta;
      tally.written += meta?.rows_written ?? 0;
      tally.read += meta?.rows_read ?? 0;
    }
    return result;
  };
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(statement, {
      get(target, name) {
        if (name === "bind") return (...values: unknown[]) => wrap(target.bind(...values));
        if (name === "run" || name === "all") return () => (target[name] as () => Promise<unknown>)().then(add);
        if (name === "first")
          return async (column?: string) => {
            const result = add(await target.all<Record<string, unknown>>());
            const row = result.results[0];
            return row === undefined ? null : column ? (row[column] ?? null) : row;
          };
        if (name === "raw") throw new Error("raw() hides rows_written; the store does not use it");
        const value = Reflect.get(target, name);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  const real = new WeakMap<object, D1PreparedStatement>();
  return new Proxy(db, {
    get(target, name) {
      if (name === "prepare")
        return (sql: string) => {
          const inner = target.prepare(sql);
          const wrapped = wrap(inner);
          real.set(wrapped, inner);
          return wrapped;
        };
      if (name === "batch")
        return (statements: D1PreparedStatement[]) => target.batch(statements.map((s) => real.get(s) ?? s)).then(add);
      const value = Reflect.get(target, name);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
