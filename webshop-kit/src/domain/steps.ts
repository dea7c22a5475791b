/**
 * The shop's operations are written as generators that yield the storage steps they need (read, find, write, new
 * ids) and compute everything else themselves. The HTTP API runs them against the adapter's promises (`runAsync`);
 * a store that can answer at once, like the memory adapter, runs them synchronously (`runSync`), which is what a
 * shop's own admin code and tests want.
 */
import type {
  FeedPosition,
  Lookup,
  RecordWrite,
  Resource,
  StoredRecord,
  WebshopAdapter,
  WriteResult,
} from "../adapter.js";

export type Step =
  | { op: "get"; resource: Resource; id: string }
  | { op: "feed"; resource: Resource; after: FeedPosition | null; limit: number; lookup?: Lookup }
  | { op: "write"; write: RecordWrite }
  | { op: "newId"; kind: Resource | "lines" }
  | { op: "newOrderNumber" };

export type Op<T> = Generator<Step, T, unknown>;

/** The storage steps answered at once. `newId`/`newOrderNumber` answer null where the store has none (the kit's default). */
export interface SyncStore {
  get(resource: Resource, id: string): StoredRecord | null;
  feed(resource: Resource, after: FeedPosition | null, limit: number, lookup?: Lookup): StoredRecord[];
  write(write: RecordWrite): WriteResult;
  newId(kind: Resource | "lines"): string | null;
  newOrderNumber(): string | null;
}

/** An operation that needs no storage step: its value at once. */
// biome-ignore lint/correctness/useYield: such an operation has nothing to ask the store, yet runs like any other.
export function* pure<T>(value: T): Op<T> {
  return value;
}

export function* get(resource: Resource, id: string): Op<StoredRecord | null> {
  return (yield { op: "get", resource, id }) as StoredRecord | null;
}

/** The first record matching `lookup`, in feed order. */
export function* findOne(resource: Resource, lookup: Lookup): Op<StoredRecord | null> {
  const found = (yield { op: "feed", resource, after: null, limit: 1, lookup }) as StoredRecord[];
  return found[0] ?? null;
}

export function* write(change: RecordWrite): Op<WriteResult> {
  return (yield { op: "write", write: change }) as WriteResult;
}

export function* newId(kind: Resource | "lines"): Op<string> {
  const id = (yield { op: "newId", kind }) as string | null;
  return id ?? `${ID_PREFIX[kind]}_${randomSuffix()}`;
}

/** A numeric order number no order holds yet; a write that finds it taken meanwhile answers `duplicate`. */
export function* newOrderNumber(): Op<string> {
  const assigned = (yield { op: "newOrderNumber" }) as string | null;
  if (assigned !== null) return assigned;
  for (;;) {
    // Eight digits, not starting with 0: 90 million numbers, so a taken one is rare and simply drawn again.
    const candidate = String(10_000_000 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 90_000_000));
    if (!(yield* findOne("orders", { kind: "match", field: "order_number", value: candidate }))) return candidate;
  }
}

export const ID_PREFIX = { customers: "cus", products: "prd", orders: "ord", lines: "lin" } as const;

/** 24 random base36 characters (about 124 bits): unique without coordination. */
function randomSuffix(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => (b % 36).toString(36)).join("");
}

export async function runAsync<T>(op: Op<T>, adapter: WebshopAdapter): Promise<T> {
  let next = op.next();
  while (!next.done) {
    const step = next.value;
    let answer: unknown;
    switch (step.op) {
      case "get":
        answer = await adapter.get(step.resource, step.id);
        break;
      case "feed":
        answer = await adapter.feed(step.resource, step.after, step.limit, step.lookup);
        break;
      case "write":
        answer = await adapter.write(step.write);
        break;
      case "newId":
        answer = adapter.newId ? await adapter.newId(step.kind) : null;
        break;
      case "newOrderNumber":
        answer = adapter.newOrderNumber ? await adapter.newOrderNumber() : null;
        break;
    }
    next = op.next(answer);
  }
  return next.value;
}

export function runSync<T>(op: Op<T>, store: SyncStore): T {
  let next = op.next();
  while (!next.done) {
    const step = next.value;
    const answer =
      step.op === "get"
        ? store.get(step.resource, step.id)
        : step.op === "feed"
          ? store.feed(step.resource, step.after, step.limit, step.lookup)
          : step.op === "write"
            ? store.write(step.write)
            : step.op === "newId"
              ? store.newId(step.kind)
              : store.newOrderNumber();
    next = op.next(answer);
  }
  return next.value;
}
