/**
 * memoryAdapter(): the whole WebshopAdapter in memory, for tests, demos and a shop's first steps. Nothing survives a
 * restart. Besides the adapter's promises it offers the same storage synchronously (`sync`, for the kit's operations
 * in a shop's own admin code), `records` (every record in creation order) and `put` (fixtures stored as given).
 */
import type { Resource, StoredRecord, WebshopAdapter } from "../../adapter.js";
import { recordKeys } from "../../domain/keys.js";
import { ID_PREFIX, type SyncStore } from "../../domain/steps.js";
import { MemoryIdempotency } from "./memory-idempotency.js";
import { MemoryOutbox } from "./memory-outbox.js";
import { MemoryRecords } from "./memory-records.js";

export interface MemoryAdapterOptions {
  /**
   * "random" (default): ids like `cus_` + 24 random characters. "sequential": `cus_000001`, `cus_000002`, … in
   * creation order (zero-padded, so they also sort in it), as a demo shop shows them.
   */
  ids?: "random" | "sequential";
}

export interface MemoryAdapter extends WebshopAdapter {
  /** The same storage, answering at once: run the kit's operations on it with runSync. */
  readonly sync: SyncStore;
  /** The change events, delivered or not (`subscribe` hears each new one at once, e.g. to wake a sender). */
  readonly events: MemoryOutbox;
  /** Copies of every record of a resource, in creation order. */
  records(resource: Resource): StoredRecord[];
  /**
   * Stores a fully formed record as it is (fixtures, seeds): no event, version and timestamps as given. Later changes
   * still get a later updated_at; a sequential id moves the sequence past it.
   */
  put(resource: Resource, record: StoredRecord): StoredRecord;
  /** Takes the next time of the shop's change clock (RFC 3339), for a fixture without timestamps of its own. */
  stamp(now: number): string;
  /** Marks a sequential line id as used (lines are stored inside their order). */
  reserveId(kind: Resource | "lines", id: string): void;
}

export function memoryAdapter(options: MemoryAdapterOptions = {}): MemoryAdapter {
  const events = new MemoryOutbox();
  const records = new MemoryRecords(events);
  const idempotency = new MemoryIdempotency();
  const sequences = { customers: 0, products: 0, orders: 0, lines: 0 };
  let orderNumber = 10_000;

  const newId = (kind: Resource | "lines"): string | null => {
    if (options.ids !== "sequential") return null;
    return `${ID_PREFIX[kind]}_${String(++sequences[kind]).padStart(6, "0")}`;
  };
  const reserveId = (kind: Resource | "lines", id: string) => {
    const match = new RegExp(`^${ID_PREFIX[kind]}_(\\d+)$`).exec(id);
    if (match) sequences[kind] = Math.max(sequences[kind], Number(match[1]));
  };
  /** The next number of a sequence from 10001 that no order holds yet. */
  const newOrderNumber = (): string => {
    const taken = new Set(records.all("orders").map((order) => order.order_number));
    let n = ++orderNumber;
    while (taken.has(String(n))) n = ++orderNumber;
    return String(n);
  };

  const sync: SyncStore = {
    get: (resource, id) => records.get(resource, id),
    feed: (resource, after, limit, lookup) => records.feed(resource, after, limit, lookup),
    write: (change) => records.write(change),
    newId,
    newOrderNumber,
  };
  const randomId = (kind: Resource | "lines") =>
    `${ID_PREFIX[kind]}_${crypto.randomUUID().replaceAll("-", "").slice(0, 24)}`;

  return {
    sync,
    events,
    records: (resource) => records.all(resource),
    put(resource, record) {
      records.put(resource, record, recordKeys(resource, record));
      reserveId(resource, record.id);
      return structuredClone(record);
    },
    reserveId,
    stamp: (now) => records.tick(now),
    get: async (resource, id) => records.get(resource, id),
    feed: async (resource, after, limit, lookup) => records.feed(resource, after, limit, lookup),
    write: async (change) => records.write(change),
    newId: async (kind) => newId(kind) ?? randomId(kind),
    newOrderNumber: async () => newOrderNumber(),
    idempotency: {
      claim: async (scope, key, fingerprint, now, runningTtlMs) =>
        idempotency.claim(scope, key, fingerprint, now, runningTtlMs),
      complete: async (scope, key, answer, now, ttlMs) => idempotency.complete(scope, key, answer, now, ttlMs),
      release: async (scope, key) => idempotency.release(scope, key),
    },
    outbox: {
      due: async (now, limit) => events.due(now, limit),
      claim: async (seq, seen, leaseUntil) => events.claim(seq, seen, leaseUntil),
      attempted: async (seq, result) => events.attempted(seq, result),
    },
  };
}
