/**
 * Intake's guard for the `created` echo of a create the sync is sending right now (webhooks/writer-in-flight.ts,
 * CREATE_IN_FLIGHT_SQL): such an event is not recorded at all. Every condition is needed; without any one of them
 * the event is recorded as before.
 */
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { createD1Store } from "../../../worker/store/d1-store";
import { d1WebhookInbox } from "../../../worker/webhooks/inbox";
import type { ShopEvent } from "../../../worker/webhooks/parse-event";
import { aLink } from "../../store-contract/fixtures";
import { countingDb } from "../store/counting-db";

const NOW = 1_790_000_000_000;
const AT = new Date(NOW).toISOString();
const origin = { dataflow: "customers" as const, id: "501" };
const created: ShopEvent = { type: "customer.created", resource: "customers", id: "cus_501", version: 1 };
let webhook = 0;

beforeEach(async () => {
  await env.DB.batch(["links", "leases", "webhook_inbox"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
});

/** The PowerOffice customer 501's link (pending with the create's reference unless overridden), claimed until `until`. */
async function linkOf501(overrides: Parameters<typeof aLink>[0] = {}, until: number | null = NOW + 20_000) {
  const link = await createD1Store(env.DB).links.insertPending(
    aLink({ ids: { poweroffice: "501", webshop: null }, reference: "po-customers-501", ...overrides }),
  );
  if (until !== null)
    await env.DB.prepare("UPDATE links SET claim_holder = 'cron-run:1', claim_until = ? WHERE id = ?")
      .bind(until, link.id)
      .run();
  return link;
}

async function deliver(event: ShopEvent, withOrigin = true) {
  const tally = { written: 0, read: 0 };
  const inbox = d1WebhookInbox(countingDb(env.DB, tally));
  const id = `msg_${++webhook}`;
  const recorded = await inbox.record(id, event, AT, undefined, { origin: withOrigin ? origin : null, nowMs: NOW });
  const row = await env.DB.prepare("SELECT status FROM webhook_inbox WHERE webhook_id = ?").bind(id).first();
  return { recorded, row, written: tally.written };
}

describe("the created echo of a create in flight", () => {
  it("is answered as seen, with a note that says so, and writes no row", async () => {
    await linkOf501();
    const { recorded, row, written } = await deliver(created);
    expect(recorded).toEqual({
      inserted: false,
      status: "seen",
      note: expect.stringMatching(/being created by the sync/),
    });
    expect(row).toBeNull();
    expect(written).toBe(0);
  });

  it("is recorded when any condition is missing", async () => {
    const cases: Array<[string, () => Promise<unknown>, ShopEvent, boolean?]> = [
      ["an updated event", () => linkOf501(), { ...created, type: "customer.updated", version: 2 }],
      ["no claim", () => linkOf501({}, null), created],
      ["an expired claim", () => linkOf501({}, NOW), created],
      ["no reference (held for the first read)", () => linkOf501({ reference: null }), created],
      ["the link has its shop record", () => linkOf501({ ids: { poweroffice: "501", webshop: "cus_9" } }), created],
      ["a linked link", () => linkOf501({ state: "linked" }), created],
      ["no origin carried", () => linkOf501(), created, false],
      ["another dataflow's link", () => linkOf501({ dataflow: "departments" }), created],
    ];
    for (const [what, setup, event, withOrigin] of cases) {
      await env.DB.batch(["links", "leases", "webhook_inbox"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
      await setup();
      const { recorded, row } = await deliver(event, withOrigin ?? true);
      expect({ what, recorded, row }).toEqual({
        what,
        recorded: expect.objectContaining({ inserted: true, status: "received" }),
        row: { status: "received" },
      });
    }
  });
});
