/**
 * What the tests of intake's guards for echoes in flight share (create-echo.test.ts, write-back-echo.test.ts): an
 * empty inbox and link table, a pending link claimed by a run until a given time, and one delivery recorded with
 * the D1 rows it wrote counted.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import type { LinkWrite } from "../../../worker/core/ports";
import { createD1Store } from "../../../worker/store/d1-store";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";
import type { ShopEvent } from "../../../worker/webhooks/parse-event";
import type { Origin } from "../../../worker/webhooks/writer-in-flight";
import { countingDb } from "../store/counting-db";

export const NOW = 1_790_000_000_000;
const AT = new Date(NOW).toISOString();
let webhook = 0;

export const clearInbox = () =>
  env.DB.batch(["links", "leases", "webhook_inbox"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));

/** Inserts `link` pending and, unless `until` is null, gives a run its claim (in the link's row) until then. */
export async function claimedLink(link: LinkWrite, until: number | null) {
  const stored = await createD1Store(env.DB).links.insertPending(link);
  if (until !== null)
    await env.DB.prepare("UPDATE links SET claim_holder = 'cron-run:1', claim_until = ? WHERE id = ?")
      .bind(until, stored.id)
      .run();
  return stored;
}

/** Records `event` as intake does, asking about writers in flight unless `writer` is undefined. */
export async function deliver(event: ShopEvent, writer: { origin: Origin | null } | undefined) {
  const tally = { written: 0, read: 0 };
  const inbox = d1WebhookInbox(countingDb(env.DB, tally));
  const id = `msg_${++webhook}`;
  const recorded = await inbox.record(id, event, AT, undefined, writer ? { ...writer, nowMs: NOW } : undefined);
  const row = await env.DB.prepare("SELECT status FROM webhook_inbox WHERE webhook_id = ?").bind(id).first();
  return { recorded, row, written: tally.written };
}

type Delivered = Awaited<ReturnType<typeof deliver>>;

/** Not recorded: answered as seen with the guard's own note, and no D1 row written. */
export function expectHeldBack({ recorded, row, written }: Delivered, note: RegExp) {
  expect(recorded).toEqual({ inserted: false, status: "seen", note: expect.stringMatching(note) });
  expect(row).toBeNull();
  expect(written).toBe(0);
}

/** Recorded as any event: a new row, 'received' (`what` names the case in a failure). */
export function expectRecorded(what: string, { recorded, row }: Delivered) {
  expect({ what, recorded, row }).toEqual({
    what,
    recorded: expect.objectContaining({ inserted: true, status: "received" }),
    row: { status: "received" },
  });
}
