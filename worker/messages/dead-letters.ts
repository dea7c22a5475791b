/**
 * Dead letters (D1 table dead_letters): queue messages the consumer gave up on, with the reason, kept until an admin
 * replays them. A replay puts the very same message back on the queue.
 */
import { parseSyncMessage, SEND_OPTIONS, type SyncQueueProducer } from "./message";

export interface DeadLetter {
  id: number;
  createdAt: string;
  queueMessageId: string;
  kind: string | null;
  /** The message body as JSON text. */
  body: string;
  reason: string;
  attempts: number;
  replayedAt: string | null;
}

export interface NewDeadLetter {
  queueMessageId: string;
  kind: string | null;
  body: unknown;
  reason: string;
  attempts: number;
}

export type ReplayResult =
  | { ok: true; deadLetter: DeadLetter }
  | { ok: false; reason: "not-found" | "already-replayed" | "not-replayable"; message: string };

export interface DeadLetterStore {
  add(entry: NewDeadLetter, at: string): Promise<number>;
  /** Newest first, those before `beforeId` (keyset paging); replayed ones only when asked. */
  list(options?: { includeReplayed?: boolean; beforeId?: number; limit?: number }): Promise<DeadLetter[]>;
  /** Sends the message again and stamps replayed_at; a letter is replayed at most once. */
  replay(id: number, queue: SyncQueueProducer, at: string): Promise<ReplayResult>;
}

interface Row {
  id: number;
  created_at: string;
  queue_message_id: string;
  kind: string | null;
  body: string;
  reason: string;
  attempts: number;
  replayed_at: string | null;
}

export function d1DeadLetters(db: D1Database): DeadLetterStore {
  const get = (id: number) => db.prepare("SELECT * FROM dead_letters WHERE id = ?").bind(id).first<Row>();
  return {
    async add(entry, at) {
      const row = await db
        .prepare(
          `INSERT INTO dead_letters (created_at, queue_message_id, kind, body, reason, attempts)
           VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .bind(at, entry.queueMessageId, entry.kind, jsonText(entry.body), entry.reason, entry.attempts)
        .first<{ id: number }>();
      if (!row) throw new Error("D1 returned no id for the new dead letter");
      return row.id;
    },
    async list(options = {}) {
      const where = options.includeReplayed ? "" : "AND replayed_at IS NULL";
      const { results } = await db
        .prepare(`SELECT * FROM dead_letters WHERE id < ? ${where} ORDER BY id DESC LIMIT ?`)
        .bind(options.beforeId ?? Number.MAX_SAFE_INTEGER, options.limit ?? 100)
        .all<Row>();
      return results.map(toDeadLetter);
    },
    async replay(id, queue, at) {
      const row = await get(id);
      if (!row) return { ok: false, reason: "not-found", message: `There is no dead letter ${id}.` };
      if (row.replayed_at) {
        return {
          ok: false,
          reason: "already-replayed",
          message: `Dead letter ${id} was replayed at ${row.replayed_at}.`,
        };
      }
      const parsed = parseSyncMessage(safeJson(row.body));
      if (!parsed.ok) {
        return {
          ok: false,
          reason: "not-replayable",
          message: `Dead letter ${id} cannot be replayed: ${parsed.reason}`,
        };
      }
      // Claimed before the send, so two admins replaying at once send it once; released again if the send fails.
      const claim = await db
        .prepare("UPDATE dead_letters SET replayed_at = ? WHERE id = ? AND replayed_at IS NULL")
        .bind(at, id)
        .run();
      if (claim.meta.changes !== 1) {
        return { ok: false, reason: "already-replayed", message: `Dead letter ${id} is being replayed already.` };
      }
      try {
        await queue.send(parsed.message, SEND_OPTIONS);
      } catch (error) {
        await db.prepare("UPDATE dead_letters SET replayed_at = NULL WHERE id = ?").bind(id).run();
        throw error;
      }
      return { ok: true, deadLetter: toDeadLetter({ ...row, replayed_at: at }) };
    },
  };
}

function toDeadLetter(row: Row): DeadLetter {
  return {
    id: row.id,
    createdAt: row.created_at,
    queueMessageId: row.queue_message_id,
    kind: row.kind,
    body: row.body,
    reason: row.reason,
    attempts: row.attempts,
    replayedAt: row.replayed_at,
  };
}

/** A body that JSON cannot hold (a v8-serialised message may) is kept as its string form, for the reader. */
function jsonText(body: unknown): string {
  try {
    return JSON.stringify(body) ?? String(body);
  } catch {
    return String(body);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
