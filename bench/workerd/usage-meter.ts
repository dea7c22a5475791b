/**
 * The platform's own bindings wrapped (inside workerd, under everything the worker wraps itself) so one invocation's
 * use of the metered services is counted as Cloudflare bills it: D1 rows from each result's metadata, Queues
 * operations per 64 KB written, read and deleted, KV reads and writes. Nothing is changed on the way through, except
 * that a statement's first() runs as all() (D1 runs the whole statement for first() too) so its metadata is seen.
 * D1's rows written are also tallied in `byTable` by the table each statement writes (a batch's results one by one).
 */
import { messageBytes, queueUnits, rowsFromMeta, tallyRowsWritten, type Usage } from "../quota/arithmetic";

export function usageD1(db: D1Database, usage: Usage, byTable: Record<string, number> = {}): D1Database {
  const real = new WeakMap<object, D1PreparedStatement>();
  const sqlOf = new WeakMap<object, string>();
  const seen = <T>(sqls: string[], pending: Promise<T>): Promise<T> =>
    pending.then((result) => {
      const rows = rowsFromMeta(result);
      usage.d1RowsRead += rows.rowsRead;
      usage.d1RowsWritten += rows.rowsWritten;
      tallyRowsWritten(byTable, sqls, result);
      return result;
    });
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapper = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      first: async (column?: string) => {
        usage.d1Queries += 1;
        const result = await seen([sql], statement.all<Record<string, unknown>>());
        const row = result.results[0];
        if (row === undefined) return null;
        return column ? (row[column] ?? null) : row;
      },
      run: () => {
        usage.d1Queries += 1;
        return seen([sql], statement.run());
      },
      all: () => {
        usage.d1Queries += 1;
        return seen([sql], statement.all());
      },
      raw: (options?: { columnNames?: boolean }) => {
        // raw() returns no metadata: counted as a query, its rows not seen (the worker does not use it).
        usage.d1Queries += 1;
        return statement.raw(options as never);
      },
    };
    real.set(wrapper, statement);
    sqlOf.set(wrapper, sql);
    return wrapper as unknown as D1PreparedStatement;
  };
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => {
      usage.d1Queries += 1;
      const sqls = statements.map((s) => sqlOf.get(s) ?? "");
      return seen(sqls, db.batch(statements.map((s) => real.get(s) ?? s)));
    },
    exec: (sql: string) => {
      usage.d1Queries += 1;
      return db.exec(sql);
    },
    dump: () => db.dump(),
    withSession: (...args: Parameters<D1Database["withSession"]>) => db.withSession(...args),
  } as unknown as D1Database;
}

export function usageKv(kv: KVNamespace, usage: Usage): KVNamespace {
  const count =
    (key: "kvReads" | "kvWrites", name: keyof KVNamespace) =>
    (...args: unknown[]) => {
      usage[key] += 1;
      return (kv[name] as (...a: unknown[]) => unknown).apply(kv, args);
    };
  return {
    get: count("kvReads", "get"),
    getWithMetadata: count("kvReads", "getWithMetadata"),
    list: count("kvReads", "list"),
    put: count("kvWrites", "put"),
    delete: count("kvWrites", "delete"),
  } as unknown as KVNamespace;
}

export function usageQueue(queue: Queue, usage: Usage): Queue {
  return {
    send(body: unknown, options?: QueueSendOptions) {
      usage.queueMessagesSent += 1;
      usage.queueWrites += queueUnits(messageBytes(body));
      return queue.send(body, options);
    },
    sendBatch(messages: Iterable<MessageSendRequest>, options?: QueueSendBatchOptions) {
      const list = [...messages];
      usage.queueMessagesSent += list.length;
      for (const m of list) usage.queueWrites += queueUnits(messageBytes(m.body));
      return queue.sendBatch(list, options);
    },
  } as unknown as Queue;
}

/**
 * The batch as the consumer sees it, plus what became of each message: read once per delivery; deleted when
 * acknowledged, explicitly or by the handler returning; not deleted when retried, explicitly or by the handler
 * throwing (then it is read again on its next delivery).
 */
export function usageBatch(batch: MessageBatch<unknown>, usage: Usage) {
  const outcome = new Map<Message<unknown>, "ack" | "retry">();
  const units = (m: Message<unknown>) => queueUnits(messageBytes(m.body));
  for (const m of batch.messages) usage.queueReads += units(m);
  const messages = batch.messages.map((m) => ({
    get id() {
      return m.id;
    },
    get timestamp() {
      return m.timestamp;
    },
    get body() {
      return m.body;
    },
    get attempts() {
      return m.attempts;
    },
    ack() {
      outcome.set(m, "ack");
      m.ack();
    },
    retry(options?: QueueRetryOptions) {
      outcome.set(m, "retry");
      m.retry(options);
    },
  }));
  const counted = {
    queue: batch.queue,
    messages,
    ackAll() {
      for (const m of batch.messages) if (!outcome.has(m)) outcome.set(m, "ack");
      batch.ackAll();
    },
    retryAll(options?: QueueRetryOptions) {
      for (const m of batch.messages) if (!outcome.has(m)) outcome.set(m, "retry");
      batch.retryAll(options);
    },
  } as unknown as MessageBatch<unknown>;
  return {
    batch: counted,
    /** After the handler: `ok` false when it threw. */
    settle(ok: boolean) {
      for (const m of batch.messages) {
        const end = outcome.get(m) ?? (ok ? "ack" : "retry");
        if (end === "ack") usage.queueDeletes += units(m);
        else usage.queueRetries += 1;
      }
    },
  };
}
