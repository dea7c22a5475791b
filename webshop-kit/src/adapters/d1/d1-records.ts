/**
 * Records on D1: reads, and the compare-and-set write as ONE batch (D1 has no interactive transactions). The first
 * statement is the compare-and-set itself and stamps the row with a fresh write token; every later statement of the
 * batch (clock, times, external ids, outbox event, delete) acts only where that token is on the row, so a write whose
 * condition failed changes nothing. The batch ends by reading the row, the unique key's holder and the event as they
 * were inside the transaction, and the answer is decided from those.
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
  newWriteToken,
  type RecordRow,
  recordFromRow,
  uniqueKeyOf,
} from "../sql/rows.js";
import type { D1DatabaseLike, D1StatementLike } from "./d1-types.js";

const RECORD_COLUMNS = "id, version, created_at, updated_at, content, write_token";
const MINE =
  "EXISTS (SELECT 1 FROM webshop_kit_records WHERE resource = :resource AND id = :id AND write_token = :token)";
const CLOCK = "(SELECT last_ms FROM webshop_kit_clock WHERE id = 1)";
const KEY_COLUMNS = MATCH_FIELDS.map((field) => MATCH_COLUMNS[field]);

function statement(db: D1DatabaseLike, text: string, values: Record<string, unknown>): D1StatementLike {
  const sql = numbered(text, values, "?");
  return db.prepare(sql.text).bind(...sql.values);
}

export async function getRecord(db: D1DatabaseLike, resource: Resource, id: string): Promise<StoredRecord | null> {
  const row = await statement(
    db,
    `SELECT ${RECORD_COLUMNS} FROM webshop_kit_records WHERE resource = :resource AND id = :id`,
    { resource, id },
  ).first<RecordRow>();
  return row ? recordFromRow(row) : null;
}

export async function readFeed(
  db: D1DatabaseLike,
  resource: Resource,
  after: FeedPosition | null,
  limit: number,
  lookup?: Lookup,
): Promise<StoredRecord[]> {
  const where = ["r.resource = :resource"];
  const bound = feedBound(after);
  if (bound?.id === null) where.push("r.updated_at > :ms");
  else if (bound) where.push("(r.updated_at > :ms OR (r.updated_at = :ms AND r.id > :after_id))");
  if (lookup?.kind === "match") where.push(`r.${MATCH_COLUMNS[lookup.field]} = :value`);
  else if (lookup) {
    where.push(
      "EXISTS (SELECT 1 FROM webshop_kit_external_ids x WHERE x.resource = r.resource AND x.record_id = r.id AND x.key = :key AND x.value = :value)",
    );
  }
  const { results } = await statement(
    db,
    `SELECT ${RECORD_COLUMNS} FROM webshop_kit_records r WHERE ${where.join(" AND ")} ORDER BY r.updated_at, r.id LIMIT :limit`,
    {
      resource,
      ms: bound?.ms,
      after_id: bound?.id,
      value: lookup?.value,
      key: lookup?.kind === "external_id" ? lookup.key : undefined,
      limit,
    },
  ).all<RecordRow>();
  return results.map(recordFromRow);
}

/** The compare-and-set that opens a write's batch: it takes effect only when the record is as the write expects. */
function compareAndSet(write: RecordWrite, noHolder: string): string {
  const keyParams = KEY_COLUMNS.map((column) => `:key_${column}`);
  if (write.kind === "created") {
    return `INSERT INTO webshop_kit_records (resource, id, version, created_at, updated_at, content, ${KEY_COLUMNS.join(", ")}, write_token)
      SELECT :resource, :id, 1, 0, 0, :content, ${keyParams.join(", ")}, :token
      WHERE NOT EXISTS (SELECT 1 FROM webshop_kit_records WHERE resource = :resource AND id = :id) AND ${noHolder}`;
  }
  if (write.kind === "updated") {
    return `UPDATE webshop_kit_records SET version = version + 1, content = :content,
        ${KEY_COLUMNS.map((column, i) => `${column} = ${keyParams[i]}`).join(", ")}, write_token = :token
      WHERE resource = :resource AND id = :id AND version = :expected AND ${noHolder}`;
  }
  return "UPDATE webshop_kit_records SET version = version + 1, write_token = :token WHERE resource = :resource AND id = :id AND version = :expected";
}

export async function writeRecord(db: D1DatabaseLike, write: RecordWrite): Promise<WriteResult> {
  const unique = uniqueKeyOf(write.resource, write.keys);
  const uniqueColumn = unique ? MATCH_COLUMNS[unique.field] : null;
  const values: Record<string, unknown> = {
    resource: write.resource,
    id: write.id,
    token: newWriteToken(),
    now: Math.floor(write.now),
    expected: write.expectedVersion,
    content: JSON.stringify(write.content),
    external_ids: JSON.stringify(write.content.external_ids ?? {}),
    event_id: newEventId(),
    kind: write.kind,
    unique_value: unique?.value ?? null,
    ...Object.fromEntries(KEY_COLUMNS.map((column, i) => [`key_${column}`, keyValues(write.keys)[i]])),
  };
  const noHolder = uniqueColumn
    ? `NOT EXISTS (SELECT 1 FROM webshop_kit_records WHERE resource = :resource AND ${uniqueColumn} = :unique_value AND id <> :id)`
    : "1";
  const texts: string[] = [compareAndSet(write, noHolder)];
  texts.push(`UPDATE webshop_kit_clock SET last_ms = max(:now, last_ms + 1) WHERE id = 1 AND ${MINE}`);
  if (write.kind === "created") {
    texts.push(
      `UPDATE webshop_kit_records SET created_at = ${CLOCK}, updated_at = ${CLOCK} WHERE resource = :resource AND id = :id AND write_token = :token`,
    );
  } else {
    texts.push(
      `UPDATE webshop_kit_records SET updated_at = ${CLOCK} WHERE resource = :resource AND id = :id AND write_token = :token`,
    );
  }
  texts.push(`DELETE FROM webshop_kit_external_ids WHERE resource = :resource AND record_id = :id AND ${MINE}`);
  if (write.kind !== "deleted") {
    texts.push(`INSERT INTO webshop_kit_external_ids (resource, record_id, key, value)
      SELECT :resource, :id, j.key, j.value FROM json_each(:external_ids) j WHERE ${MINE}`);
  }
  // The event carries the record's version after the write and the clock's time (a delete moves both on too).
  texts.push(`INSERT INTO webshop_kit_outbox (event_id, resource, kind, record_id, version, at_ms, attempts, next_attempt_at, state)
    SELECT :event_id, :resource, :kind, :id, r.version, ${CLOCK}, 0, :now, 'pending'
    FROM webshop_kit_records r WHERE r.resource = :resource AND r.id = :id AND r.write_token = :token`);
  const rowAt =
    texts.push(`SELECT ${RECORD_COLUMNS} FROM webshop_kit_records WHERE resource = :resource AND id = :id`) - 1;
  if (write.kind === "deleted") {
    texts.push("DELETE FROM webshop_kit_records WHERE resource = :resource AND id = :id AND write_token = :token");
  }
  const holderAt = uniqueColumn
    ? texts.push(
        `SELECT id FROM webshop_kit_records WHERE resource = :resource AND ${uniqueColumn} = :unique_value AND id <> :id LIMIT 1`,
      ) - 1
    : -1;
  const eventAt = texts.push("SELECT * FROM webshop_kit_outbox WHERE event_id = :event_id") - 1;

  const results = await db.batch(texts.map((text) => statement(db, text, values)));
  const row = results[rowAt]?.results[0] as (RecordRow & { write_token: string }) | undefined;
  const event = results[eventAt]?.results[0] as EventRow | undefined;
  if (row && row.write_token === values.token && event) {
    return { ok: true, record: recordFromRow(row), event: eventFromRow(event) };
  }
  const current = row ? recordFromRow(row) : null;
  const versionHolds = write.expectedVersion === null ? current === null : current?.version === write.expectedVersion;
  const holder = results[holderAt]?.results[0] as { id: string } | undefined;
  if (versionHolds && unique && holder)
    return { ok: false, reason: "duplicate", field: unique.field, holder: holder.id };
  if (versionHolds)
    throw new Error(`the write of ${write.resource} ${write.id} took no effect, yet no condition failed`);
  return { ok: false, reason: "version", current };
}
