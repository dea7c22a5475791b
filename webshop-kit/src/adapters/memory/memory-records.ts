/**
 * The memory adapter's records: one table per resource (in creation order), the shop-wide change clock, unique keys,
 * and the one write path (a compare-and-set) that moves version and updated_at and appends the change event.
 * Synchronous: the adapter wraps it in promises, and the kit's operations can run on it at once (steps.ts).
 */
import type {
  FeedPosition,
  Lookup,
  MatchField,
  RecordKeys,
  RecordWrite,
  Resource,
  StoredRecord,
  WriteResult,
} from "../../adapter.js";
import type { MemoryOutbox } from "./memory-outbox.js";

/** Keys that one record of a resource may hold at a time (a product's sku, an order's order_number). */
const UNIQUE: Record<Resource, MatchField[]> = { customers: [], products: ["sku"], orders: ["order_number"] };

interface Row {
  record: StoredRecord;
  keys: RecordKeys;
}

export class MemoryRecords {
  private readonly tables: Record<Resource, Map<string, Row>> = {
    customers: new Map(),
    products: new Map(),
    orders: new Map(),
  };
  /** The last change's updated_at in ms: the next one is later (a burst runs ahead of the clock by 1 ms each). */
  private lastChange = Number.NEGATIVE_INFINITY;

  constructor(private readonly outbox: MemoryOutbox) {}

  get(resource: Resource, id: string): StoredRecord | null {
    const row = this.tables[resource].get(id);
    return row ? structuredClone(row.record) : null;
  }

  /** Copies of every record in creation order. */
  all(resource: Resource): StoredRecord[] {
    return [...this.tables[resource].values()].map((row) => structuredClone(row.record));
  }

  feed(resource: Resource, after: FeedPosition | null, limit: number, lookup?: Lookup): StoredRecord[] {
    return [...this.tables[resource].values()]
      .filter((row) => isAfter(after, row.record) && (!lookup || matches(row, lookup)))
      .map((row) => row.record)
      .sort(feedOrder)
      .slice(0, limit)
      .map((record) => structuredClone(record));
  }

  write(change: RecordWrite): WriteResult {
    const table = this.tables[change.resource];
    const current = table.get(change.id);
    const expected = change.expectedVersion;
    if (expected === null ? current !== undefined : current?.record.version !== expected) {
      return { ok: false, reason: "version", current: current ? structuredClone(current.record) : null };
    }
    if (change.kind !== "deleted") {
      for (const field of UNIQUE[change.resource]) {
        const value = change.keys[field];
        if (value == null) continue;
        const holder = [...table.values()].find((row) => row.record.id !== change.id && row.keys[field] === value);
        if (holder) return { ok: false, reason: "duplicate", field, holder: holder.record.id };
      }
    }
    const at = this.tick(change.now);
    const record = {
      id: change.id,
      version: (current?.record.version ?? 0) + 1,
      ...structuredClone(change.content),
      created_at: current?.record.created_at ?? at,
      updated_at: at,
    } as StoredRecord;
    if (change.kind === "deleted") table.delete(change.id);
    else table.set(change.id, { record, keys: { ...change.keys } });
    const event = this.outbox.append({
      resource: change.resource,
      kind: change.kind,
      recordId: change.id,
      version: record.version,
      at,
    });
    return { ok: true, record: structuredClone(record), event };
  }

  /** Stores a fully formed record as it is, without an event; its updated_at holds back the change clock. */
  put(resource: Resource, record: StoredRecord, keys: RecordKeys): void {
    this.lastChange = Math.max(this.lastChange, Date.parse(record.updated_at));
    this.tables[resource].set(record.id, { record: structuredClone(record), keys: { ...keys } });
  }

  /** The next time of the change clock: later than every change and stored record before. */
  tick(now: number): string {
    const candidate = Math.floor(now);
    this.lastChange = candidate > this.lastChange ? candidate : this.lastChange + 1;
    return new Date(this.lastChange).toISOString();
  }
}

function matches(row: Row, lookup: Lookup): boolean {
  if (lookup.kind === "match") return row.keys[lookup.field] === lookup.value;
  const ids = row.record.external_ids;
  return Object.hasOwn(ids, lookup.key) && ids[lookup.key] === lookup.value;
}

/** Whether a record comes after the position in feed order; `id: null` is after every record at that time. */
function isAfter(position: FeedPosition | null, record: StoredRecord): boolean {
  if (position === null) return true;
  if (record.updated_at !== position.updatedAt) return record.updated_at > position.updatedAt;
  return position.id !== null && record.id > position.id;
}

/** Feed order: (updated_at, id) ascending. RFC 3339 UTC times with fixed width compare correctly as text. */
function feedOrder(a: StoredRecord, b: StoredRecord): number {
  if (a.updated_at !== b.updated_at) return a.updated_at < b.updated_at ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
