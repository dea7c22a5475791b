/**
 * The storage adapter: everything the kit needs from the shop's database, and nothing the contract's rules decide.
 * The kit validates input, applies merge patches, computes derived fields (a person's name, order totals), checks
 * If-Match, keeps idempotency semantics, builds cursors and the error envelope. The adapter stores and finds.
 *
 * Three promises every adapter keeps (the adapter contract suite tests each):
 * 1. `write` is ONE atomic compare-and-set: it happens only when the record is still at `expectedVersion` (or does not
 *    exist yet, for a create), and in the same transaction it moves the version on by one, stamps `updated_at` from the
 *    shop-wide change clock, and appends the change event to the outbox. Nothing else may change a record.
 * 2. The change clock is strictly increasing in COMMIT order across the whole shop: a write that commits after another
 *    gets a later `updated_at` (at least 1 ms later; `max(now, last + 1 ms)`). The feed is exact only because of this:
 *    a reader that saw a record with updated_at T never misses one committed later with updated_at <= T.
 *    (SQLite/D1: every write is serialised anyway; PostgreSQL: take a transaction-level advisory lock first.)
 * 3. No interactive transactions are needed: D1 has none (only atomic batches), so `write` receives everything it
 *    needs up front and the condition is checked inside the database.
 */

export type Resource = "customers" | "products" | "orders";

/** What the API returns: the resource's fields plus the meta fields the adapter owns. JSON-safe. */
export interface StoredRecord {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
  external_ids: Record<string, string>;
  [field: string]: unknown;
}

/**
 * The record without the meta fields (id, version, created_at, updated_at): what the kit computes. Spelled out rather
 * than `Omit<StoredRecord, …>`, which would drop `external_ids` along with the index signature.
 */
export interface RecordContent {
  external_ids: Record<string, string>;
  [field: string]: unknown;
}

/**
 * A place in a resource's (updated_at, id) order: the last record returned. `id: null` is after every record at
 * `updatedAt` (where `updated_after=<ts>` starts).
 */
export interface FeedPosition {
  updatedAt: string;
  id: string | null;
}

/**
 * One equality lookup, already normalised by the kit: `match` keys are the values of `RecordKeys` (email and sku
 * trimmed and lower-cased, organization_number digits only, department_code and order_number as written);
 * `external_id` is one key:value pair of `external_ids`, compared exactly.
 */
export type Lookup =
  | { kind: "match"; field: MatchField; value: string }
  | { kind: "external_id"; key: string; value: string };

export type MatchField = "email" | "sku" | "organization_number" | "department_code" | "order_number";

/** The normalised lookup values of one record (null where the record has none); stored so lookups can be indexed. */
export type RecordKeys = Partial<Record<MatchField, string | null>>;

export type ChangeKind = "created" | "updated" | "deleted";

export interface RecordWrite {
  resource: Resource;
  kind: ChangeKind;
  id: string;
  /** The version the record must still have; null: it must not exist yet (a create). */
  expectedVersion: number | null;
  /** The new content; for a delete, the content as it was (the event still names the record). */
  content: RecordContent;
  keys: RecordKeys;
  /** The shop's clock in ms; updated_at = max(now, last change + 1 ms). */
  now: number;
}

export type WriteResult =
  | { ok: true; record: StoredRecord; event: OutboxEvent }
  /** The record is not at expectedVersion (current null: it does not exist; for a create: it already exists). */
  | { ok: false; reason: "version"; current: StoredRecord | null }
  /** Another record of the resource already holds this unique key (a product's sku; an order's order_number). */
  | { ok: false; reason: "duplicate"; field: MatchField; holder: string };

/** A change waiting to be delivered as a Standard Webhooks event. `seq` orders events shop-wide. */
export interface OutboxEvent {
  seq: number;
  /** The webhook-id: unique per event, the receiver's dedup key. */
  eventId: string;
  resource: Resource;
  kind: ChangeKind;
  recordId: string;
  version: number;
  /** The change's updated_at (RFC 3339). */
  at: string;
  attempts: number;
  /** When the next attempt is due (ms); null once delivered or given up. */
  nextAttemptAt: number | null;
  state: "pending" | "delivered" | "failed";
  lastError: string | null;
}

export interface StoredAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

export type IdempotencyClaim =
  | { state: "first" }
  | { state: "running" }
  | { state: "done"; fingerprint: string; answer: StoredAnswer }
  | { state: "mismatch" };

export interface WebshopAdapter {
  get(resource: Resource, id: string): Promise<StoredRecord | null>;
  /** Records after `after` (exclusive) in (updated_at, id) order, at most `limit`, narrowed by `lookup` when given. */
  feed(resource: Resource, after: FeedPosition | null, limit: number, lookup?: Lookup): Promise<StoredRecord[]>;
  write(write: RecordWrite): Promise<WriteResult>;
  /** A new record id (`cus_`, `prd_`, `ord_`, `lin_` + something unique); optional: the kit has a default. */
  newId?(kind: Resource | "lines"): Promise<string>;
  /** A numeric order number no order holds yet, for an order created without one; optional: the kit has a default. */
  newOrderNumber?(): Promise<string>;
  idempotency: {
    /**
     * Claims `key` in `scope` for a first request with `fingerprint`, or says what holds it: a running first request
     * (claimed less than `runningTtlMs` ago), a stored answer, or a different fingerprint. Expired entries count as absent.
     */
    claim(
      scope: string,
      key: string,
      fingerprint: string,
      now: number,
      runningTtlMs: number,
    ): Promise<IdempotencyClaim>;
    /** Stores the first completed answer (kept until now + ttlMs). */
    complete(scope: string, key: string, answer: StoredAnswer, now: number, ttlMs: number): Promise<void>;
    /** Forgets a claim whose request failed with 5xx or threw: a retry runs anew. */
    release(scope: string, key: string): Promise<void>;
  };
  outbox: {
    /**
     * Pending events due at `now`, in seq order, at most `limit`; an event whose record has an earlier event still
     * pending is not due yet (events of one record are delivered in order).
     */
    due(now: number, limit: number): Promise<OutboxEvent[]>;
    /**
     * Takes a due event for one attempt: ONE compare-and-set that succeeds only while the event is still pending with
     * the `attempts` and `nextAttemptAt` the caller saw, and then moves its `nextAttemptAt` to `leaseUntil` (so no
     * other sender finds it due until then). True when taken; false when another sender took it first. Two senders
     * running at once therefore never deliver one event at the same time, and a sender that dies mid-attempt leaves
     * the event due again once the lease ends. (SQL: `UPDATE … SET next_attempt_at = ? WHERE seq = ? AND
     * state = 'pending' AND attempts = ? AND next_attempt_at = ?`, taken when one row changed.)
     */
    claim(seq: number, seen: { attempts: number; nextAttemptAt: number | null }, leaseUntil: number): Promise<boolean>;
    /** Records one attempt's result (delivered, retry at nextAttemptAt, or failed for good). */
    attempted(
      seq: number,
      result: { state: OutboxEvent["state"]; attempts: number; nextAttemptAt: number | null; lastError: string | null },
    ): Promise<void>;
  };
}
