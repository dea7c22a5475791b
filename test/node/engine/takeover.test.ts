/**
 * A record whose partner has a one-sided link of its own: the first link takes that link over (retires it, pointing
 * at the link that now holds its record). The takeover belongs to the plan that made it: when the plan is given up
 * because another run holds the record's link, the partner's link stays as it is stored (docs/sync-engine.md, "One
 * writer per record"). Committed anyway, it would leave the partner's record with no link and no partner, and the next
 * sync would create a second one of it.
 */
import { describe, expect, it } from "vitest";
import { matchKeyOf } from "../../../worker/core/match";
import { CLAIM_TTL_MS } from "../../../worker/engine/limits";
import { linkError } from "../../../worker/engine/link-shape";
import { blankLink } from "../../../worker/engine/new-link";
import { linksOf, setup } from "./harness";

describe("a takeover of the partner's link in a plan that is given up", () => {
  it("leaves that link as stored; the pair is linked once the other run is done, nothing created twice", async () => {
    const h = setup();
    await h.firstRead("customers"); // both (empty) feeds read once: the first-read gate is open
    const email = "astrid.lie@epost.no";
    const po = h.po.seed.customer({ IsPerson: true, FirstName: "Astrid", LastName: "Lie", EmailAddress: email });
    const shop = h.shop.seed.customer({ kind: "person", first_name: "Astrid", last_name: "Lie", email });
    // Each record has a link of its own that failed before (not a held link of the first read, which is dropped).
    const failed = async (side: "poweroffice" | "webshop", id: string, raw: unknown) => {
      const link = blankLink("customers", { poweroffice: null, webshop: null, [side]: id });
      link.matchKeys[side] = matchKeyOf("customers", side, raw);
      const inserted = await h.store.links.insertPending(link);
      const write = { ...inserted, state: "error" as const, lastError: linkError("http-500", "The create failed.") };
      await h.store.commit({ links: [write], activity: [] });
      return (await h.store.links.get(inserted.id))!;
    };
    const poLink = await failed("poweroffice", String(po.Id), po);
    const shopLink = await failed("webshop", shop.id, shop);
    // Another run is writing the shop record's link right now.
    expect(await h.store.links.claim(shopLink.id, shopLink.rev!, "run:other", CLAIM_TTL_MS, h.clock.now())).toBe(true);

    const busy = await h.engine.syncOne("customers", "webshop", shop.id);
    expect(busy.message).toContain("Another sync run is writing this record");
    expect(await h.store.links.get(poLink.id)).toMatchObject({ ids: { poweroffice: String(po.Id), webshop: null } });

    h.clock.advance(CLAIM_TTL_MS + 1_000);
    await h.engine.syncOne("customers", "webshop", shop.id);
    await h.cycle();
    expect(h.po.list("customers").filter((c) => c.EmailAddress === email)).toHaveLength(1);
    expect(h.shop.list("customers").filter((c) => c.email === email)).toHaveLength(1);
    const linked = (await linksOf(h.store, "customers")).filter((l) => l.state === "linked");
    expect(linked.map((l) => l.ids)).toEqual([{ poweroffice: String(po.Id), webshop: shop.id }]);
  });
});
