/**
 * What the go-live checklist keeps in `settings` (worker/store/schema.md): the shop checks' last result and the
 * first verified webhook. Both are read back through valibot: a row is outside input like any other.
 *
 *   go-live:webshop-check      JSON { ranAt, checks: [{ id, passed, message }], problem: { code, message } | null }
 *   go-live:webhook-received   JSON { at, webhookId, type }: the first signed webhook intake verified and recorded
 */
import * as v from "valibot";

export const WEBSHOP_CHECK_KEY = "go-live:webshop-check";
export const WEBHOOK_RECEIVED_KEY = "go-live:webhook-received";

const StoredWebshopCheck = v.object({
  ranAt: v.string(),
  checks: v.array(v.object({ id: v.string(), passed: v.boolean(), message: v.string() })),
  problem: v.nullable(v.object({ code: v.string(), message: v.string() })),
});
export type StoredWebshopCheck = v.InferOutput<typeof StoredWebshopCheck>;

const StoredWebhookReceived = v.object({ at: v.string(), webhookId: v.string(), type: v.string() });
export type StoredWebhookReceived = v.InferOutput<typeof StoredWebhookReceived>;

export interface GoLiveRows {
  /** Null when the checks never ran (or the row is unreadable: then they run again). */
  webshopCheck: StoredWebshopCheck | null;
  webhookReceived: StoredWebhookReceived | null;
  /**
   * The oldest webhook still in the inbox: a deployment that took webhooks before the flag existed (an upgrade)
   * has verified one all the same.
   */
  oldestInboxAt: string | null;
  /** Feeds read at least once (cursor rows): the cron has run since syncing started. */
  feedsRead: number;
  /** Any link at all: the deployment has synced. */
  anyLink: boolean;
}

/** The checklist's rows in ONE D1 batch (one subrequest): each query is served by a primary key or an index. */
export async function readGoLiveRows(db: D1Database): Promise<GoLiveRows> {
  const [settings, inbox, cursors, links] = await db.batch([
    db.prepare("SELECT key, value FROM settings WHERE key IN (?, ?)").bind(WEBSHOP_CHECK_KEY, WEBHOOK_RECEIVED_KEY),
    db.prepare("SELECT MIN(received_at) AS at FROM webhook_inbox"),
    db.prepare("SELECT COUNT(*) AS n FROM cursors"),
    db.prepare("SELECT EXISTS (SELECT 1 FROM links) AS any_link"),
  ]);
  const rows = (settings?.results ?? []) as Array<{ key: string; value: string }>;
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  return {
    webshopCheck: parsed(StoredWebshopCheck, value(WEBSHOP_CHECK_KEY)),
    webhookReceived: parsed(StoredWebhookReceived, value(WEBHOOK_RECEIVED_KEY)),
    oldestInboxAt: ((inbox?.results ?? []) as Array<{ at: string | null }>)[0]?.at ?? null,
    feedsRead: ((cursors?.results ?? []) as Array<{ n: number }>)[0]?.n ?? 0,
    anyLink: ((links?.results ?? []) as Array<{ any_link: number }>)[0]?.any_link === 1,
  };
}

export async function saveWebshopCheck(db: D1Database, check: StoredWebshopCheck, at: string): Promise<void> {
  await db
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    )
    .bind(WEBSHOP_CHECK_KEY, JSON.stringify(check), at)
    .run();
}

/**
 * The statement that records the first verified webhook, for intake to run in the batch that records the event:
 * it writes a row only the first time (INSERT OR IGNORE), and intake adds it only until the isolate has seen it done.
 */
export function noteWebhookReceived(db: D1Database, received: StoredWebhookReceived): D1PreparedStatement {
  return db
    .prepare("INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES (?, ?, ?)")
    .bind(WEBHOOK_RECEIVED_KEY, JSON.stringify(received), received.at);
}

function parsed<S extends v.GenericSchema>(schema: S, text: string | undefined): v.InferOutput<S> | null {
  if (text === undefined) return null;
  try {
    const result = v.safeParse(schema, JSON.parse(text));
    return result.success ? result.output : null;
  } catch {
    return null;
  }
}
