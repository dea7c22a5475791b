/**
 * Intake's guard for the echo of a write-back in flight (webhooks/writer-in-flight.ts, WRITE_BACK_IN_FLIGHT_SQL): a
 * sync run has created the shop record's partner in PowerOffice and is writing the new id back into the shop record,
 * under its claim, before its commit. The shop's `updated` event of the version right after the one the link has seen
 * is that write-back's echo, and is not recorded. Every condition is needed; without any one of them the event is
 * recorded as before.
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
const echo: ShopEvent = { type: "customer.updated", resource: "customers", id: "cus_77", version: 4 };
let webhook = 0;

const clear = () => env.DB.batch(["links", "leases", "webhook_inbox"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
beforeEach(clear);

/** The shop customer cus_77's link, pending with the PowerOffice create's reference, seen at version 3, claimed. */
async function linkOf77(overrides: Parameters<typeof aLink>[0] = {}, until: number | null = NOW + 20_000) {
  const link = await createD1Store(env.DB).links.insertPending(
    aLink({
      ids: { poweroffice: null, webshop: "cus_77" },
      reference: "ws-c-cus_77",
      seen: { poweroffice: null, webshop: "3" },
      ...overrides,
    }),
  );
  if (until !== null)
    await env.DB.prepare("UPDATE links SET claim_holder = 'consumer:1', claim_until = ? WHERE id = ?")
      .bind(until, link.id)
      .run();
  return link;
}

async function deliver(event: ShopEvent, withWriter = true) {
  const tally = { written: 0, read: 0 };
  const inbox = d1WebhookInbox(countingDb(env.DB, tally));
  const id = `msg_${++webhook}`;
  const recorded = await inbox.record(id, event, AT, undefined, withWriter ? { origin: null, nowMs: NOW } : undefined);
  const row = await env.DB.prepare("SELECT status FROM webhook_inbox WHERE webhook_id = ?").bind(id).first();
  return { recorded, row, written: tally.written };
}

describe("the echo of a write-back in flight", () => {
  it("is answered as seen, with a note that says so, and writes no row", async () => {
    await linkOf77();
    const { recorded, row, written } = await deliver(echo);
    expect(recorded).toEqual({
      inserted: false,
      status: "seen",
      note: expect.stringMatching(/writes the new PowerOffice id back/),
    });
    expect(row).toBeNull();
    expect(written).toBe(0);
    // A department's link holds the same shop customer as well: the guard looks in every dataflow of the resource.
    await clear();
    await linkOf77({ dataflow: "departments" });
    expect((await deliver(echo)).recorded).toMatchObject({ inserted: false, status: "seen" });
  });

  it("is recorded when any condition is missing", async () => {
    const cases: Array<[string, () => Promise<unknown>, ShopEvent, boolean?]> = [
      ["a later version (a person's edit after the write-back)", () => linkOf77(), { ...echo, version: 5 }],
      ["the version the link has seen (the plain echo guard answers it)", () => linkOf77(), { ...echo, version: 3 }],
      ["a created event", () => linkOf77(), { ...echo, type: "customer.created" }],
      ["a deleted event", () => linkOf77(), { ...echo, type: "customer.deleted" }],
      ["no claim", () => linkOf77({}, null), echo],
      ["an expired claim", () => linkOf77({}, NOW), echo],
      ["no reference (held for the first read)", () => linkOf77({ reference: null }), echo],
      ["the link has its PowerOffice record", () => linkOf77({ ids: { poweroffice: "9", webshop: "cus_77" } }), echo],
      ["a linked link", () => linkOf77({ state: "linked" }), echo],
      ["a seen version that is not a number", () => linkOf77({ seen: { poweroffice: null, webshop: "v3" } }), echo],
      ["no seen version", () => linkOf77({ seen: { poweroffice: null, webshop: null } }), echo],
      ["not asked (no writer check)", () => linkOf77(), echo, false],
      ["another resource's dataflow", () => linkOf77({ dataflow: "products" }), echo],
    ];
    for (const [what, setup, event, withWriter] of cases) {
      await clear();
      await setup();
      const { recorded, row } = await deliver(event, withWriter ?? true);
      // Version 3 is at the link's seen version: the plain echo guard, not this one, answers it (nothing recorded).
      if (event.version === 3) {
        expect({ what, recorded }).toEqual({
          what,
          recorded: { inserted: false, status: "seen", note: expect.stringMatching(/was seen by the sync/) },
        });
        continue;
      }
      expect({ what, recorded, row }).toEqual({
        what,
        recorded: expect.objectContaining({ inserted: true, status: "received" }),
        row: { status: "received" },
      });
    }
  });
});
