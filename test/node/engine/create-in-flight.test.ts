/**
 * The shop announces every write, the sync's own included: the webhook of a record the sync is creating right now can
 * arrive before that run has confirmed its link. It is that create's echo, left to the run that sends it: no read of
 * either system, no second plan (worker/engine/link-shape.ts, createInFlight).
 */
import { describe, expect, it } from "vitest";
import type { SidePort } from "../../../worker/core/ports";
import type { RecordOutcome } from "../../../worker/engine/sync-types";
import { linksOf, setup } from "./harness";

describe("the echo of a create still in flight", () => {
  it("is left to the creating run: no PowerOffice read, one shop customer, linked once", async () => {
    let echo: RecordOutcome | null = null;
    let readsDuringEcho = -1;
    const h = setup({
      wrapSide: (side: SidePort): SidePort =>
        side.side !== "webshop"
          ? side
          : {
              ...side,
              async create(dataflow, payload, reference, options) {
                const created = await side.create(dataflow, payload, reference, options);
                if (created.ok && echo === null && dataflow === "customers") {
                  // The shop's webhook for the new customer, synced while the creating run has not committed yet.
                  const before = h.po.requests.filter((r) => r.method === "GET").length;
                  echo = await h.engine.syncWebshopRecord("customers", created.value.id, created.value);
                  readsDuringEcho = h.po.requests.filter((r) => r.method === "GET").length - before;
                }
                return created;
              },
            },
    });
    await h.firstRead("customers");
    h.po.seed.customer({ IsPerson: true, FirstName: "Kari", LastName: "Nord", EmailAddress: "kari@nord.no" });
    await h.engine.pollPage("customers", "poweroffice");
    expect(echo).not.toBeNull();
    expect(readsDuringEcho).toBe(0);
    expect(h.shop.count("customers")).toBe(1);
    const links = (await linksOf(h.store, "customers")).filter((l) => l.ids.poweroffice !== null);
    expect(links).toHaveLength(1);
    expect(links[0]!.state).toBe("linked");
    expect(links[0]!.ids.webshop).toBe(h.shop.list("customers")[0]!.id);
  });
});
