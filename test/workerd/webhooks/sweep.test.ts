import { createScheduledController } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";
import { INBOX_RETENTION_MS, STRANDED_AFTER_MS, SWEEP_BATCH_SIZE } from "../../../worker/webhooks/sweep";
import { cronWorker, inboxRow, recordingQueue, testEnv, uniqueId } from "./helpers";

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

async function insertRow(webhookId: string, status: string, receivedAt: number) {
  await env.DB.prepare(
    `INSERT INTO webhook_inbox (webhook_id, received_at, event_type, resource, resource_id, version, status)
     VALUES (?, ?, 'order.updated', 'orders', ?, 4, ?)`,
  )
    .bind(webhookId, iso(receivedAt), `ord_${webhookId}`, status)
    .run();
}

async function cron(at: number) {
  const recorder = recordingQueue();
  await cronWorker.scheduled(
    createScheduledController({ scheduledTime: new Date(at), cron: "* * * * *" }),
    testEnv({ SYNC_QUEUE: recorder.queue }),
  );
  return recorder.sent;
}

describe("cron: inbox sweep and pruning", () => {
  it("prunes rows idle longer than the retention, except ones still owed to the queue, which it sends and keeps", async () => {
    const old = NOW - INBOX_RETENTION_MS - 1000;
    const recent = NOW - INBOX_RETENTION_MS + 60_000;
    const ids: Record<string, string> = {};
    for (const status of ["received", "queued", "processed", "dead-lettered"]) {
      ids[`old-${status}`] = uniqueId(`old-${status}`);
      ids[`recent-${status}`] = uniqueId(`recent-${status}`);
      await insertRow(ids[`old-${status}`]!, status, old);
      await insertRow(ids[`recent-${status}`]!, status, recent);
    }

    const sent = await cron(NOW);

    const left: Record<string, string | undefined> = {};
    for (const [name, id] of Object.entries(ids)) left[name] = (await inboxRow(id))?.status;
    expect(left).toEqual({
      "old-received": "queued",
      "old-queued": undefined,
      "old-processed": undefined,
      "old-dead-lettered": undefined,
      "recent-received": "queued",
      "recent-queued": "queued",
      "recent-processed": "processed",
      "recent-dead-lettered": "dead-lettered",
    });
    const mine = sent.filter((m) => Object.values(ids).includes(m.webhookId ?? ""));
    expect(mine.map((m) => m.webhookId).sort()).toEqual([ids["old-received"], ids["recent-received"]].sort());
    expect(mine[0]).toEqual({
      v: 1,
      kind: "webshop-event",
      webhookId: expect.any(String),
      resource: "orders",
      id: expect.stringMatching(/^ord_/),
      version: 4,
    });
  });

  it("keeps an old row that was queued or processed recently (e.g. a dead letter replayed late)", async () => {
    const old = iso(NOW - INBOX_RETENTION_MS - 86_400_000);
    const lately = iso(NOW - 60_000);
    const queued = uniqueId("late-queued");
    const processed = uniqueId("late-processed");
    await insertRow(queued, "queued", NOW - INBOX_RETENTION_MS - 86_400_000);
    await insertRow(processed, "processed", NOW - INBOX_RETENTION_MS - 86_400_000);
    await env.DB.batch([
      env.DB.prepare("UPDATE webhook_inbox SET queued_at = ? WHERE webhook_id = ?").bind(lately, queued),
      env.DB.prepare("UPDATE webhook_inbox SET queued_at = ?, processed_at = ? WHERE webhook_id = ?").bind(
        old,
        lately,
        processed,
      ),
    ]);
    await cron(NOW);
    expect((await inboxRow(queued))?.status).toBe("queued");
    expect((await inboxRow(processed))?.status).toBe("processed");
    await cron(NOW + INBOX_RETENTION_MS);
    expect(await inboxRow(queued)).toBeNull();
    expect(await inboxRow(processed)).toBeNull();
  });

  it("never prunes a 'received' row, however old: it is still owed to the queue", async () => {
    const id = uniqueId("owed");
    await insertRow(id, "received", NOW - 10 * INBOX_RETENTION_MS);
    expect(await d1WebhookInbox(env.DB).prune(iso(NOW))).toBeGreaterThanOrEqual(0);
    expect((await inboxRow(id))?.status).toBe("received");
  });

  it("sends more stranded rows than one batch holds, in batches", async () => {
    const count = SWEEP_BATCH_SIZE + 20;
    const at = NOW - STRANDED_AFTER_MS - 1000;
    const insert = env.DB.prepare(
      `INSERT INTO webhook_inbox (webhook_id, received_at, event_type, resource, resource_id, version, status)
       VALUES (?, ?, 'customer.updated', 'customers', 'cus_many', 1, 'received')`,
    );
    const ids = Array.from({ length: count }, () => uniqueId("many"));
    await env.DB.batch(ids.map((id) => insert.bind(id, iso(at))));

    const sent = await cron(NOW);

    const mine = sent.map((m) => m.webhookId).filter((id) => ids.includes(id ?? ""));
    expect(mine).toHaveLength(count);
    expect(new Set(mine)).toEqual(new Set(ids));
    const { results } = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM webhook_inbox WHERE resource_id = 'cus_many' AND status = 'queued'",
    ).all<{ n: number }>();
    expect(results[0]?.n).toBe(count);
  });

  it("settles a stranded row whose version the sync has seen by now, and queues a newer one and every deletion", async () => {
    const at = iso(NOW - STRANDED_AFTER_MS - 1000);
    // A department is a shop customer: its link is found in the resource's other dataflow too.
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO links (dataflow, poweroffice_id, webshop_id, state, webshop_seen, created_at, updated_at)
         VALUES ('departments', '77', 'cus_settle', 'linked', '5', ?1, ?1)`,
      ).bind(at),
      env.DB.prepare(
        `INSERT INTO links (dataflow, poweroffice_id, webshop_id, state, webshop_seen, created_at, updated_at)
         VALUES ('products', '78', 'prd_settle', 'linked', '5', ?1, ?1)`,
      ).bind(at),
    ]);
    const insert = env.DB.prepare(
      `INSERT INTO webhook_inbox (webhook_id, received_at, event_type, resource, resource_id, version, status)
       VALUES (?, ?, ?, ?, ?, ?, 'received')`,
    );
    const rows = {
      echo: ["customer.updated", "customers", "cus_settle", 5],
      older: ["customer.updated", "customers", "cus_settle", 4],
      newer: ["customer.updated", "customers", "cus_settle", 6],
      deleted: ["customer.deleted", "customers", "cus_settle", 5],
      // The same id in another resource is another record: its link does not count.
      otherResource: ["order.updated", "orders", "cus_settle", 5],
      product: ["product.updated", "products", "prd_settle", 5],
    } as const;
    const ids = Object.fromEntries(Object.keys(rows).map((name) => [name, uniqueId(`settle-${name}`)]));
    await env.DB.batch(
      Object.entries(rows).map(([name, [type, resource, id, version]]) =>
        insert.bind(ids[name], at, type, resource, id, version),
      ),
    );

    const sent = await cron(NOW);

    const status: Record<string, string | undefined> = {};
    for (const [name, id] of Object.entries(ids)) status[name] = (await inboxRow(id!))?.status;
    // The settled are gone, as echoes recognised at intake never had a row.
    expect(status).toEqual({
      echo: undefined,
      older: undefined,
      newer: "queued",
      deleted: "queued",
      otherResource: "queued",
      product: undefined,
    });
    const mine = sent.map((m) => m.webhookId).filter((id) => Object.values(ids).includes(id ?? ""));
    expect(mine.sort()).toEqual([ids.newer, ids.deleted, ids.otherResource].sort());
  });
});
