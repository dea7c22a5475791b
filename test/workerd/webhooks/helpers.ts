/**
 * Test helpers for webhook intake: an independent Standard Webhooks signer (WebCrypto, not the worker's code), signed
 * requests, a recording queue producer, a D1 that fails chosen statements, and readers of the D1 tables.
 */
import { env } from "cloudflare:workers";
import { createWorker } from "../../../worker/index";
import type { SyncMessage } from "../../../worker/messages/message";
import { createPowerOfficeSim } from "../../sim/poweroffice";
import { createReferenceWebshop } from "../../sim/webshop";
import { simFetch } from "../sim-fetch";

export const SECRET = env.WEBSHOP_WEBHOOK_SECRET as string;
export const WEBHOOK_URL = "https://worker.test/webhooks/webshop";

let counter = 0;
/** Unique per call, so tests never see each other's rows in the shared D1. */
export function uniqueId(prefix = "msg"): string {
  counter += 1;
  return `${prefix}_${Date.now().toString(36)}_${counter}_${Math.random().toString(36).slice(2, 8)}`;
}

export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, the key being the base64 after `whsec_`. */
export async function sign(secret: string, id: string, timestamp: number | string, body: string): Promise<string> {
  const keyBytes = Uint8Array.from(atob(secret.slice("whsec_".length)), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey("raw", keyBytes, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestamp}.${body}`)),
  );
  return `v1,${btoa(String.fromCharCode(...mac))}`;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

export function eventBody(
  type = "customer.updated",
  data: Record<string, unknown> = { id: "cus_1", version: 2 },
  timestamp = new Date().toISOString(),
): string {
  return JSON.stringify({ type, timestamp, data });
}

export interface SignedRequestOptions {
  id?: string;
  timestamp?: number | string;
  body?: string;
  secret?: string;
  /** Replaces the computed signature header entirely. */
  signature?: string;
  /** Headers to drop, e.g. ["webhook-id"]. */
  omit?: string[];
  headers?: Record<string, string>;
}

/** A POST to the webhook endpoint, signed with `secret` (default the test secret) unless told otherwise. */
export async function signedRequest(options: SignedRequestOptions = {}): Promise<Request> {
  const id = options.id ?? uniqueId();
  const timestamp = options.timestamp ?? nowSeconds();
  const body = options.body ?? eventBody();
  const signature = options.signature ?? (await sign(options.secret ?? SECRET, id, timestamp, body));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature,
    ...options.headers,
  };
  for (const name of options.omit ?? []) delete headers[name];
  return new Request(WEBHOOK_URL, { method: "POST", headers, body });
}

/** What the queue carried; only webshop events have a webhook id. */
export type SentMessage = SyncMessage & { webhookId?: string };

/**
 * The worker's handlers with both systems answered by empty in-process simulators: besides the inbox sweep, its cron
 * reads their (empty) change feeds, and a test must never reach the network.
 */
export const cronWorker = createWorker({
  fetch: simFetch({
    "poweroffice.sim": createPowerOfficeSim({ rateLimitPerSecond: 0 }),
    "webshop.sim": createReferenceWebshop(),
  }),
  sleep: async () => {},
});

/**
 * A queue producer that records what is sent; `failSends` makes the next N sends (or batches) throw, and `onSend`
 * runs before a send returns (e.g. a consumer that is faster than the producer).
 */
export function recordingQueue() {
  const sent: SentMessage[] = [];
  const state: { failSends: number; onSend?: (message: SyncMessage) => Promise<void> } = { failSends: 0 };
  const maybeFail = () => {
    if (state.failSends > 0) {
      state.failSends -= 1;
      throw new Error("Queue send failed (injected)");
    }
  };
  const queue = {
    async send(message: SyncMessage, _options?: QueueSendOptions) {
      maybeFail();
      sent.push(structuredClone(message));
      await state.onSend?.(structuredClone(message));
    },
    async sendBatch(messages: Iterable<MessageSendRequest<SyncMessage>>) {
      maybeFail();
      for (const m of messages) sent.push(structuredClone(m.body));
    },
    async metrics() {
      return { backlogCount: sent.length, backlogBytes: 0 };
    },
  };
  return { sent, state, queue: queue as unknown as Queue<unknown> };
}

/** The worker's env with the queue (and optionally D1 or variables) replaced. */
export function testEnv(overrides: Partial<Record<keyof typeof env, unknown>> = {}): typeof env {
  return { ...env, ...overrides } as typeof env;
}

export interface InboxRecord {
  webhook_id: string;
  received_at: string;
  event_type: string;
  resource: string;
  resource_id: string;
  version: number;
  status: string;
  queued_at: string | null;
  processed_at: string | null;
  outcome: string | null;
  handled_version: number | null;
  note: string | null;
}

export function inboxRow(webhookId: string): Promise<InboxRecord | null> {
  return env.DB.prepare("SELECT * FROM webhook_inbox WHERE webhook_id = ?").bind(webhookId).first<InboxRecord>();
}

export async function deadLettersFor(queueMessageIds: string[]) {
  const { results } = await env.DB.prepare(
    `SELECT * FROM dead_letters WHERE queue_message_id IN (${queueMessageIds.map(() => "?").join(",")}) ORDER BY id`,
  )
    .bind(...queueMessageIds)
    .all<{
      id: number;
      kind: string | null;
      body: string;
      reason: string;
      attempts: number;
      replayed_at: string | null;
    }>();
  return results;
}

/**
 * A D1 whose statements matching `fails` throw when run (in a batch too), as if D1 failed or the worker died there.
 * Everything else reaches the real local D1.
 */
export function failingD1(db: D1Database, fails: (sql: string) => boolean): D1Database {
  const real = new WeakMap<object, { statement: D1PreparedStatement; sql: string }>();
  const wrap = (statement: D1PreparedStatement, sql: string): D1PreparedStatement => {
    /** Runs `run` unless this statement is one that fails: then rejects, as D1 would, without touching D1. */
    const guarded =
      <T>(run: () => Promise<T>) =>
      (): Promise<T> =>
        fails(sql)
          ? Promise.reject(new Error(`D1 failed (injected) on: ${sql.replace(/\s+/g, " ").slice(0, 80)}`))
          : run();
    const wrapper = {
      bind: (...values: unknown[]) => wrap(statement.bind(...values), sql),
      first: (column?: string) => guarded(() => (column ? statement.first(column) : statement.first()))(),
      run: guarded(() => statement.run()),
      all: guarded(() => statement.all()),
      raw: guarded(() => statement.raw()),
    };
    real.set(wrapper, { statement, sql });
    return wrapper as unknown as D1PreparedStatement;
  };
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => {
      const inner = statements.map((s) => real.get(s) ?? { statement: s, sql: "" });
      const failing = inner.find((s) => fails(s.sql));
      if (failing) return Promise.reject(new Error(`D1 batch failed (injected) on: ${failing.sql.slice(0, 80)}`));
      return db.batch(inner.map((s) => s.statement));
    },
    exec: (sql: string) => db.exec(sql),
    dump: () => db.dump(),
    withSession: (...args: Parameters<D1Database["withSession"]>) => db.withSession(...args),
  } as unknown as D1Database;
}
