/**
 * Intake's guard for the `created` echo of a create the sync is sending right now (webhooks/writer-in-flight.ts,
 * CREATE_IN_FLIGHT_SQL): such an event is not recorded at all. Every condition is needed; without any one of them
 * the event is recorded as before.
 */
import { beforeEach, describe, it } from "vitest";
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

const origin = { dataflow: "customers" as const, id: "501" };
const created: ShopEvent = { type: "customer.created", resource: "customers", id: "cus_501", version: 1 };

beforeEach(clearInbox);

/** The PowerOffice customer 501's link (pending with the create's reference unless overridden), claimed until `until`. */
const linkOf501 = (overrides: Parameters<typeof aLink>[0] = {}, until: number | null = NOW + 20_000) =>
  claimedLink(
    aLink({ ids: { poweroffice: "501", webshop: null }, reference: "po-customers-501", ...overrides }),
    until,
  );

const deliver = (event: ShopEvent, withOrigin = true) => deliverTo(event, { origin: withOrigin ? origin : null });

describe("the created echo of a create in flight", () => {
  it("is answered as seen, with a note that says so, and writes no row", async () => {
    await linkOf501();
    expectHeldBack(await deliver(created), /being created by the sync/);
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
      await clearInbox();
      await setup();
      expectRecorded(what, await deliver(event, withOrigin ?? true));
    }
  });
});
