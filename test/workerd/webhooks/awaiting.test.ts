/**
 * `WebhookInbox.awaiting`: the events a webhook's own invocation may be syncing right now, by record (the cron's peek
 * leaves those records to them, jobs/feed-peek.ts). Only rows still 'received', recorded at or after `since`, of the
 * resource asked about, count; the newest version of each record is given.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";

async function row(webhookId: string, resource: string, id: string, version: number, status: string, at: string) {
  await env.DB.prepare(
    `INSERT INTO webhook_inbox (webhook_id, received_at, event_type, resource, resource_id, version, status)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
    .bind(webhookId, at, `${resource.slice(0, -1)}.updated`, resource, id, version, status)
    .run();
}

it("answers, by record, the newest version still 'received' since the given time, and nothing else", async () => {
  const inbox = d1WebhookInbox(env.DB);
  await row("a1", "customers", "cus_1", 4, "received", "2026-05-01T08:00:10.000Z");
  await row("a2", "customers", "cus_1", 6, "received", "2026-05-01T08:00:20.000Z");
  // Older than `since`: its invocation is over; the cron syncs the record itself.
  await row("b1", "customers", "cus_2", 3, "received", "2026-05-01T07:59:00.000Z");
  // On the queue, synced, or dead-lettered: no invocation is syncing it from its webhook.
  await row("c1", "customers", "cus_3", 2, "queued", "2026-05-01T08:00:10.000Z");
  await row("c2", "customers", "cus_4", 2, "processed", "2026-05-01T08:00:10.000Z");
  await row("c3", "customers", "cus_5", 2, "dead-lettered", "2026-05-01T08:00:10.000Z");
  // Another resource with the same id.
  await row("d1", "products", "cus_6", 9, "received", "2026-05-01T08:00:10.000Z");

  const since = "2026-05-01T08:00:00.000Z";
  const ids = ["cus_1", "cus_2", "cus_3", "cus_4", "cus_5", "cus_6", "cus_7"];
  expect(await inbox.awaiting("customers", ids, since)).toEqual(new Map([["cus_1", 6]]));
  expect(await inbox.awaiting("products", ids, since)).toEqual(new Map([["cus_6", 9]]));
  expect(await inbox.awaiting("customers", ["cus_2"], "2026-05-01T07:58:00.000Z")).toEqual(new Map([["cus_2", 3]]));
  expect(await inbox.awaiting("customers", [], since)).toEqual(new Map());
});
