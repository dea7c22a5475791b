/**
 * The shop's in-memory storage: one table per resource (in creation order), id sequences, the change clock, and the
 * single write path every change takes, so version, updated_at and the change event can never disagree.
 */

import { sameData } from "../core/canonical-json";
import { ChangeClock } from "../core/change-clock";
import type { Resource, ResourceTypes, ShopRecord } from "../types";

export type Meta = "id" | "version" | "created_at" | "updated_at";
/** A record without the fields the write path owns. */
export type Content<T> = Omit<T, Meta>;

export type ChangeKind = "created" | "updated" | "deleted";

export interface Change {
  resource: Resource;
  kind: ChangeKind;
  /** The record after the change; for a delete, as it was when deleted. */
  record: ShopRecord;
  /** When the change happened (RFC 3339), the record's updated_at for creates and updates. */
  at: string;
}

const ID_PREFIX: Record<Resource, string> = { customers: "cus", products: "prd", orders: "ord" };

export class ShopState {
  readonly clock: ChangeClock;
  private readonly tables: { [R in Resource]: Map<string, ResourceTypes[R]> } = {
    customers: new Map(),
    products: new Map(),
    orders: new Map(),
  };
  private readonly sequences = { customers: 0, products: 0, orders: 0, lines: 0, orderNumber: 10000 };
  /** Called after every change made through the API or the admin helpers (not for seeds). */
  onChange: (change: Change) => void = () => {};

  constructor(now: () => number) {
    this.clock = new ChangeClock(now);
  }

  get<R extends Resource>(resource: R, id: string): ResourceTypes[R] | undefined {
    return this.tables[resource].get(id);
  }

  values<R extends Resource>(resource: R): ResourceTypes[R][] {
    return [...this.tables[resource].values()];
  }

  /** Zero-padded, so ids sort in creation order where (updated_at, id) ties are broken. */
  nextId(resource: Resource | "lines"): string {
    const n = ++this.sequences[resource];
    const prefix = resource === "lines" ? "lin" : ID_PREFIX[resource];
    return `${prefix}_${String(n).padStart(6, "0")}`;
  }

  /** A seeded id in the shop's own format moves the sequence past it, so later ids never collide. */
  reserveId(resource: Resource | "lines", id: string): void {
    const prefix = resource === "lines" ? "lin" : ID_PREFIX[resource];
    const match = new RegExp(`^${prefix}_(\\d+)$`).exec(id);
    if (match) this.sequences[resource] = Math.max(this.sequences[resource], Number(match[1]));
  }

  /** The next numeric order number no order holds yet. */
  nextOrderNumber(): string {
    const taken = new Set(this.values("orders").map((o) => o.order_number));
    let n = ++this.sequences.orderNumber;
    while (taken.has(String(n))) n = ++this.sequences.orderNumber;
    return String(n);
  }

  create<R extends Resource>(resource: R, content: Content<ResourceTypes[R]>): ResourceTypes[R] {
    const at = this.clock.next();
    const record = { id: this.nextId(resource), version: 1, ...content, created_at: at, updated_at: at };
    return this.write(resource, record as ResourceTypes[R], "created");
  }

  /** Writes only a real change: the same content again keeps version and updated_at (echo suppression needs that). */
  update<R extends Resource>(resource: R, current: ResourceTypes[R], content: Content<ResourceTypes[R]>) {
    const { id, version, created_at, updated_at, ...before } = current;
    if (sameData(before, content)) return { record: current, changed: false };
    const next = { id, version: version + 1, ...content, created_at, updated_at: this.clock.next() };
    return { record: this.write(resource, next as ResourceTypes[R], "updated"), changed: true };
  }

  delete(resource: Resource, record: ShopRecord): void {
    this.tables[resource].delete(record.id);
    this.onChange({ resource, kind: "deleted", record, at: this.clock.next() });
  }

  /** Stores a fully formed record without an event (seeding); its timestamps hold back later changes' clock. */
  put<R extends Resource>(resource: R, record: ResourceTypes[R]): ResourceTypes[R] {
    this.clock.observe(record.updated_at);
    this.tables[resource].set(record.id, structuredClone(record));
    return record;
  }

  private write<R extends Resource>(resource: R, record: ResourceTypes[R], kind: ChangeKind): ResourceTypes[R] {
    this.tables[resource].set(record.id, record);
    this.onChange({ resource, kind, record: structuredClone(record), at: record.updated_at });
    return record;
  }
}
