/**
 * What the SQL adapters (D1/SQLite and PostgreSQL) share: the columns behind lookups, which keys are unique, and how
 * a row becomes a StoredRecord or an OutboxEvent. Times are stored as integer milliseconds (exact, and ordered as
 * numbers) and returned as RFC 3339 with milliseconds.
 */
import type {
  ChangeKind,
  MatchField,
  OutboxEvent,
  RecordContent,
  RecordKeys,
  Resource,
  StoredRecord,
} from "../../adapter.js";

/** Every match field is a column of its own (so a lookup is an indexed equality). Fixed names: safe to put in SQL. */
export const MATCH_COLUMNS: Record<MatchField, string> = {
  email: "email",
  sku: "sku",
  organization_number: "organization_number",
  department_code: "department_code",
  order_number: "order_number",
};

export const MATCH_FIELDS = Object.keys(MATCH_COLUMNS) as MatchField[];

/** The key another record of the resource may not hold too (compared as normalised by the kit). */
export const UNIQUE_FIELD: Partial<Record<Resource, MatchField>> = { products: "sku", orders: "order_number" };

/** The record's normalised lookup values, one per column, null where absent. */
export function keyValues(keys: RecordKeys): (string | null)[] {
  return MATCH_FIELDS.map((field) => keys[field] ?? null);
}

/** The unique key value this write claims, or null when the resource has none or the record holds none. */
export function uniqueKeyOf(resource: Resource, keys: RecordKeys): { field: MatchField; value: string } | null {
  const field = UNIQUE_FIELD[resource];
  const value = field ? keys[field] : null;
  return field && value ? { field, value } : null;
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export interface RecordRow {
  id: string;
  version: number | string;
  created_at: number | string;
  updated_at: number | string;
  /** JSON text (D1) or the parsed value (PostgreSQL's json type). */
  content: string | RecordContent;
}

export function recordFromRow(row: RecordRow): StoredRecord {
  const content = typeof row.content === "string" ? (JSON.parse(row.content) as RecordContent) : row.content;
  return {
    id: row.id,
    version: Number(row.version),
    ...content,
    external_ids: content.external_ids ?? {},
    created_at: iso(Number(row.created_at)),
    updated_at: iso(Number(row.updated_at)),
  };
}

export interface EventRow {
  seq: number | string;
  event_id: string;
  resource: string;
  kind: string;
  record_id: string;
  version: number | string;
  at_ms: number | string;
  attempts: number | string;
  next_attempt_at: number | string | null;
  state: string;
  last_error: string | null;
}

export function eventFromRow(row: EventRow): OutboxEvent {
  return {
    seq: Number(row.seq),
    eventId: row.event_id,
    resource: row.resource as Resource,
    kind: row.kind as ChangeKind,
    recordId: row.record_id,
    version: Number(row.version),
    at: iso(Number(row.at_ms)),
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at === null ? null : Number(row.next_attempt_at),
    state: row.state as OutboxEvent["state"],
    lastError: row.last_error,
  };
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A Standard Webhooks message id: `msg_` and 24 random base62 characters. */
export function newEventId(): string {
  const random = crypto.getRandomValues(new Uint8Array(24));
  return `msg_${Array.from(random, (b) => BASE62[b % 62]).join("")}`;
}

/** Marks the rows one write touched, so the later statements of its batch can tell "mine" from "someone else's". */
export function newWriteToken(): string {
  return crypto.randomUUID();
}

/** The position as numbers for SQL; `id: null` (after every record at that time) means "updated_at greater than". */
export function feedBound(
  after: { updatedAt: string; id: string | null } | null,
): { ms: number; id: string | null } | null {
  if (!after) return null;
  const ms = Date.parse(after.updatedAt);
  if (Number.isNaN(ms)) throw new Error(`feed position '${after.updatedAt}' is not an RFC 3339 time`);
  return { ms, id: after.id };
}
