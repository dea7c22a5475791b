/**
 * Records on PostgreSQL: reads on the pool, and each write as one transaction that first takes the kit's advisory
 * lock, so writes run one at a time: the compare-and-set, the unique key check and the change clock all see every
 * write committed before, and the clock is in commit order (the lock is released only after the commit is visible).
 */
import type { FeedPosition, Lookup, RecordWrite, Resource, StoredRecord, WriteResult } from "../../adapter.js";
import { numbered } from "../sql/named-params.js";
import {
  type EventRow,
  eventFromRow,
  feedBound,
  keyValues,
  MATCH_COLUMNS,
  MATCH_FIELDS,
  newEventId,
  type RecordRow,
  recordFromRow,
  uniqueKeyOf,
} from "../sql/rows.js";
import type { PgPoolLike, PgQueryable } from "./pg-types.js";

/** The key of the transaction-level advisory lock every write takes (documented in the migration). */
export const WRITE_LOCK = "7275826349115112017";

const RECORD_COLUMNS = "id, version, created_at, updated_at, content";
const KEY_COLUMNS = MATCH_FIELDS.map((field) => MATCH_COLUMNS[field]);

async function rows<T>(db: PgQueryable, text: string, values: Record<string, unknown>): Promise<T[]> {
  const sql = numbered(text, values, "$");
  return (await db.query(sql.text, sql.values)).rows as T[];
}

export async function getRecord(db: PgQueryable, resource: Resource, id: string): Promise<StoredRecord | null> {
  const [row] = await rows<RecordRow>(
    db,
    `SELECT ${RECORD_COLUMNS} FROM webshop_kit_records WHERE resource = :resource AND id = :id`,
    { resource, id },
  );
  return row ? recordFromRow(row) : null;
}

export async function readFeed(
  db: PgQueryable,
  resource: Resource,
  after: FeedPosition | null,
  limit: number,
  lookup?: Lookup,
): Promise<StoredRecord[]> {
  const where = ["resource = :resource"];
  const bound = feedBound(after);
  if (bound?.id === null) where.push("updated_at > :ms");
  else if (bound) where.push("(updated_at, id) > (:ms, :after_id)");
  if (lookup?.kind === "match") where.push(`${MATCH_COLUMNS[lookup.field]} = :value`);
  else if (lookup) where.push("external_ids @> :pair::jsonb");
  const found = await rows<RecordRow>(
    db,
    `SELECT ${RECORD_COLUMNS} FROM webshop_kit_records WHERE ${where.join(" AND ")} ORDER BY updated_at, id LIMIT :limit`,
    {
      resource,
      ms: bound?.ms,
      after_id: bound?.id,
      value: lookup?.value,
      pair: lookup?.kind === "external_id" ? JSON.stringify({ [lookup.key]: lookup.value }) : undefined,
      limit,
    },
  );
  return found.map(recordFromRow);
}

/** The write's checks and changes, run by `writeRecord` inside its locked transaction. */
async function writeLocked(db: PgQueryable, write: RecordWrite): Promise<WriteResult> {
  const [row] = await rows<RecordRow>(
    db,
    `SELECT ${RECORD_COLUMNS} FROM webshop_kit_records WHERE resource = :resource AND id = :id`,
    { resource: write.resource, id: write.id },
  );
  const current = row ? recordFromRow(row) : null;
  if (write.expectedVersion === null ? current !== null : current?.version !== write.expectedVersion) {
    return { ok: false, reason: "version", current };
  }
  const unique = write.kind === "deleted" ? null : uniqueKeyOf(write.resource, write.keys);
  if (unique) {
    const [holder] = await rows<{ id: string }>(
      db,
      `SELECT id FROM webshop_kit_records WHERE resource = :resource AND ${MATCH_COLUMNS[unique.field]} = :value AND id <> :id LIMIT 1`,
      { resource: write.resource, value: unique.value, id: write.id },
    );
    if (holder) return { ok: false, reason: "duplicate", field: unique.field, holder: holder.id };
  }
  const [clock] = await rows<{ last_ms: string }>(
    db,
    "UPDATE webshop_kit_clock SET last_ms = GREATEST(:now::bigint, last_ms + 1) WHERE id = 1 RETURNING last_ms",
    { now: Math.floor(write.now) },
  );
  if (!clock) throw new Error("webshop_kit_clock has no row: run the kit's migration");
  const values: Record<string, unknown> = {
    resource: write.resource,
    id: write.id,
    at: clock.last_ms,
    content: JSON.stringify(write.content),
    external_ids: JSON.stringify(write.content.external_ids ?? {}),
    ...Object.fromEntries(KEY_COLUMNS.map((column, i) => [`key_${column}`, keyValues(write.keys)[i]])),
  };
  const keyParams = KEY_COLUMNS.map((column) => `:key_${column}`);
  let stored: RecordRow | undefined;
  if (write.kind === "created") {
    [stored] = await rows<RecordRow>(
      db,
      `INSERT INTO webshop_kit_records (resource, id, version, created_at, updated_at, content, external_ids, ${KEY_COLUMNS.join(", ")})
       VALUES (:resource, :id, 1, :at, :at, :content, :external_ids, ${keyParams.join(", ")}) RETURNING ${RECORD_COLUMNS}`,
      values,
    );
  } else if (write.kind === "updated") {
    [stored] = await rows<RecordRow>(
      db,
      `UPDATE webshop_kit_records SET version = version + 1, updated_at = :at, content = :content, external_ids = :external_ids,
         ${KEY_COLUMNS.map((column, i) => `${column} = ${keyParams[i]}`).join(", ")}
       WHERE resource = :resource AND id = :id RETURNING ${RECORD_COLUMNS}`,
      values,
    );
  } else {
    // A delete answers the record as it was, at its new version and time (the event names both).
    await rows(db, "DELETE FROM webshop_kit_records WHERE resource = :resource AND id = :id", values);
    stored = { ...row!, version: Number(row!.version) + 1, updated_at: clock.last_ms };
  }
  const record = recordFromRow(stored!);
  // The event carries the record's version after the write and the clock's time (a delete moves both on too).
  const [event] = await rows<EventRow>(
    db,
    `INSERT INTO webshop_kit_outbox (event_id, resource, kind, record_id, version, at_ms, attempts, next_attempt_at, state)
     VALUES (:event_id, :resource, :kind, :id, :version, :at, 0, :now, 'pending') RETURNING *`,
    { ...values, event_id: newEventId(), kind: write.kind, version: record.version, now: Math.floor(write.now) },
  );
  return { ok: true, record, event: eventFromRow(event!) };
}

export async function writeRecord(pool: PgPoolLike, write: RecordWrite): Promise<WriteResult> {
  const client = await pool.connect();
  try {
    // READ COMMITTED whatever the pool's default: each statement after the lock sees every write committed before it.
    await client.query("BEGIN ISOLATION LEVEL READ COMMITTED");
    await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [WRITE_LOCK]);
    const result = await writeLocked(client, write);
    await client.query(result.ok ? "COMMIT" : "ROLLBACK");
    client.release();
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}
