/**
 * Fenced work: a feed page runs under its feed's lease, and a page whose lease ran out while it worked (a stall longer
 * than the lease, and another reader took the feed) stops with LeaseLostError and commits nothing, cursor included.
 */
import { describe, expect, it } from "vitest";
import { LeaseLostError, type SidePort } from "../../../worker/core/ports";
import { createEngine } from "../../../worker/engine/engine";
import { leaseBook } from "../../../worker/engine/lease-book";
import { POLL_LEASE_TTL_MS, pollLeaseName } from "../../../worker/jobs/poll-feeds";
import { setup } from "./harness";

describe("fenced commits", () => {
  it("a page whose lease ran out and was taken by another reader commits nothing and stops", async () => {
    const lease = pollLeaseName("customers", "webshop");
    let stall = false;
    const h = setup({
      wrapSide: (side: SidePort): SidePort => ({
        ...side,
        async feedPage(...args) {
          const page = await side.feedPage(...args);
          if (stall && side.side === "webshop") {
            // The page's holder stalls past its lease; another reader takes the feed meanwhile.
            h.clock.advance(POLL_LEASE_TTL_MS + 1_000);
            expect(await h.store.leases.acquire(lease, "chain:other", POLL_LEASE_TTL_MS, h.clock.now())).toBe(true);
          }
          return page;
        },
      }),
    });
    h.shop.seed.customer({ kind: "company", name: "Alfa AS", organization_number: "911111111" });
    h.shop.seed.customer({ kind: "company", name: "Beta AS", organization_number: "922222222" });
    await h.engine.pollPage("customers", "poweroffice");

    const book = leaseBook(h.store, h.clock);
    expect(await book.take(lease, "cron-run:a", POLL_LEASE_TTL_MS)).toBe(true);
    const fenced = createEngine({
      store: h.store,
      sides: h.sides,
      clock: h.clock,
      policy: "newest-wins",
      leases: book,
      fence: { lease, holder: "cron-run:a" },
    });
    stall = true;
    const writes = h.writes();
    await expect(fenced.pollPage("customers", "webshop")).rejects.toThrow(LeaseLostError);
    expect(await h.store.cursors.get("customers", "webshop")).toBeNull();
    expect(await h.store.links.list({ dataflow: "customers", limit: 10 })).toEqual([]);
    expect(h.writes()).toEqual(writes);
  });
});
