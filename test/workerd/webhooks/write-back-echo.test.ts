/**
 * Intake's guard for the echo of a write-back in flight (webhooks/writer-in-flight.ts, WRITE_BACK_IN_FLIGHT_SQL): a
 * sync run has created the shop record's partner in PowerOffice and is writing the new id back into the shop record,
 * under its claim, before its commit. The shop's `updated` event of the version right after the one the link has seen
 * (any version, where the link has seen none yet) is that write-back's echo or the writer's to sync, and is not
 * recorded. Every condition is needed; without any one of them the event is
 * recorded as before.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { ShopEvent } from "../../../worker/webhooks/parse-event";
import { aLink } from "../../store-contract/fixtures";
import {
  claimedLink,
  clearInbox,
  deliver as deliverTo,
  expectHeldBack,
  expectRecorded,
  NOW,
} from "./in-flight-fixtures";

const echo: ShopEvent = { type: "customer.updated", resource: "customers", id: "cus_77", version: 4 };

beforeEach(clearInbox);

/** The shop customer cus_77's link, pending with the PowerOffice create's reference, seen at version 3, claimed. */
const linkOf77 = (overrides: Parameters<typeof aLink>[0] = {}, until: number | null = NOW + 20_000) =>
  claimedLink(
    aLink({
      ids: { poweroffice: null, webshop: "cus_77" },
      reference: "ws-c-cus_77",
      seen: { poweroffice: null, webshop: "3" },
      ...overrides,
    }),
    until,
  );

const deliver = (event: ShopEvent, withWriter = true) => deliverTo(event, withWriter ? { origin: null } : undefined);

describe("the echo of a write-back in flight", () => {
  it("is answered as seen, with a note that says so, and writes no row", async () => {
    await linkOf77();
    expectHeldBack(await deliver(echo), /writes the new PowerOffice id back/);
    // A department's link holds the same shop customer as well: the guard looks in every dataflow of the resource.
    await clearInbox();
    await linkOf77({ dataflow: "departments" });
    expect((await deliver(echo)).recorded).toMatchObject({ inserted: false, status: "seen" });
    // A record new to the sync: its link has seen no version yet (the writer's commit gives it its first), and the
    // writer read whatever version came before its write-back, so any version is the writer's to sync.
    for (const version of [1, 2, 9]) {
      await clearInbox();
      await linkOf77({ seen: { poweroffice: null, webshop: null } });
      expectHeldBack(await deliver({ ...echo, version }), /writes the new PowerOffice id back/);
    }
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
      ["not asked (no writer check)", () => linkOf77(), echo, false],
      ["another resource's dataflow", () => linkOf77({ dataflow: "products" }), echo],
    ];
    for (const [what, setup, event, withWriter] of cases) {
      await clearInbox();
      await setup();
      const delivered = await deliver(event, withWriter ?? true);
      // Version 3 is at the link's seen version: the plain echo guard, not this one, answers it (nothing recorded).
      if (event.version === 3) expectHeldBack(delivered, /was seen by the sync/);
      else expectRecorded(what, delivered);
    }
  });
});
