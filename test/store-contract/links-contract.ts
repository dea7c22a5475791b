/** The link table: every field round trips, one link per record per side and dataflow, pending links idempotent. */
import { describe, expect, it } from "vitest";
import { DuplicateLinkError, type LinkWrite } from "../../worker/core/ports";
import { InvalidStoreInputError } from "../../worker/store/link-rows";
import { aFullLink, aLink, type Fixture, iso, T0 } from "./fixtures";

/** A link as read back: its id, when it was written, and its rev (0 when inserted pending, moved on by each write). */
const stored = (write: LinkWrite, id: number, updatedAt: string, rev: number) => {
  const { id: _ignored, ...rest } = write;
  return { ...rest, id, updatedAt, rev };
};

export function linksContract(setup: () => Promise<Fixture>) {
  describe("links: round trip", () => {
    it("keeps every field of a link written by insertPending, JSON with unicode and nulls included", async () => {
      const { store } = await setup();
      const write = aFullLink();
      const link = await store.links.insertPending(write);
      expect(link).toEqual(stored(write, link.id, iso(T0), 0));
      expect(await store.links.get(link.id)).toEqual(link);
      expect(await store.links.findBySideId("customers", "poweroffice", write.ids.poweroffice!)).toEqual(link);
      expect(await store.links.findBySideId("customers", "webshop", write.ids.webshop!)).toEqual(link);
    });

    it("finds the links of many records in one call (a feed page), and only those", async () => {
      const { store } = await setup();
      const a = await store.links.insertPending(
        aLink({ dataflow: "products", ids: { poweroffice: "1", webshop: "a" } }),
      );
      const b = await store.links.insertPending(
        aLink({ dataflow: "products", ids: { poweroffice: "2", webshop: null } }),
      );
      await store.links.insertPending(aLink({ dataflow: "products", ids: { poweroffice: "3", webshop: "c" } }));
      await store.links.insertPending(aLink({ dataflow: "customers", ids: { poweroffice: "1", webshop: "x" } }));
      const found = await store.links.findBySideIds("products", "poweroffice", ["1", "2", "9"]);
      expect(found.sort((x, y) => x.id - y.id)).toEqual([a, b]);
      expect(await store.links.findBySideIds("products", "webshop", ["a", "c", "zz"])).toHaveLength(2);
      expect(await store.links.findBySideIds("products", "webshop", [])).toEqual([]);
    });

    it("finds the links of more records than D1 binds in one statement (a page of a large tie group)", async () => {
      const { store } = await setup();
      const writes = Array.from({ length: 250 }, (_, n) =>
        aLink({ dataflow: "customers", ids: { poweroffice: `${n + 1}`, webshop: null } }),
      );
      await store.commit({ links: writes, activity: [] });
      const ids = [...writes.map((w) => w.ids.poweroffice as string), "9999"];
      const found = await store.links.findBySideIds("customers", "poweroffice", ids);
      expect(found.map((l) => l.ids.poweroffice).sort()).toEqual(ids.slice(0, 250).sort());
    });

    it("keeps every field of a commit's update, including fields set back to null and no open conflicts", async () => {
      const { store, clock } = await setup();
      const first = await store.links.insertPending(aFullLink());
      clock.advance(60_000);
      const update: LinkWrite = {
        ...aLink({
          dataflow: "customers",
          state: "linked",
          ids: { poweroffice: first.ids.poweroffice, webshop: null },
        }),
        id: first.id,
        lastError: { code: "invoiced", message: "Gone from /SalesOrders.", side: null },
      };
      const { linkIds } = await store.commit({ links: [update], activity: [] });
      expect(linkIds).toEqual([first.id]);
      expect(await store.links.get(first.id)).toEqual(stored(update, first.id, iso(T0 + 60_000), 1));
      expect(await store.links.findBySideId("customers", "webshop", first.ids.webshop!)).toBeNull();
    });

    it("stores nextRetryAt as UTC with milliseconds, so that text order is time order", async () => {
      const { store } = await setup();
      const link = await store.links.insertPending(aLink({ nextRetryAt: "2026-05-01T10:00:00+02:00" }));
      expect(link.nextRetryAt).toBe("2026-05-01T08:00:00.000Z");
      await expect(store.links.insertPending(aLink({ nextRetryAt: "soon" }))).rejects.toThrow(InvalidStoreInputError);
    });

    it("answers null and [] for what is not there", async () => {
      const { store } = await setup();
      expect(await store.links.get(424242)).toBeNull();
      expect(await store.links.findBySideId("products", "webshop", "nope")).toBeNull();
      expect(await store.links.findByMatchKey("products", "webshop", "nope")).toEqual([]);
    });

    it("refuses a link that names no record and a state or dataflow the schema does not know", async () => {
      const { store } = await setup();
      const bad = [
        aLink({ ids: { poweroffice: null, webshop: null } }),
        aLink({ state: "done" as never }),
        aLink({ dataflow: "invoices" as never }),
        aLink({ attempts: -1 }),
      ];
      for (const link of bad) {
        await expect(store.links.insertPending(link)).rejects.toThrow(InvalidStoreInputError);
        await expect(store.commit({ links: [link], activity: [] })).rejects.toThrow(InvalidStoreInputError);
      }
      expect(await store.links.list({ limit: 10 })).toEqual([]);
    });
  });

  describe("links: a pending link with its claim in one write", () => {
    it("claims the link it returns for the holder, unless another holder has it", async () => {
      const { store } = await setup();
      const now = 1_700_000_000_000;
      const ids = { poweroffice: "41", webshop: null };
      const first = await store.links.insertPending(aLink({ ids }), { holder: "run:a", ttlMs: 20_000, nowMs: now });
      expect(first.claimed).toBe(true);
      // The same record again, by another run while the claim holds: the same link, not claimed.
      const second = await store.links.insertPending(aLink({ ids }), {
        holder: "run:b",
        ttlMs: 20_000,
        nowMs: now + 1,
      });
      expect({ id: second.id, claimed: second.claimed }).toEqual({ id: first.id, claimed: false });
      expect(await store.links.claim(first.id, first.rev ?? 0, "run:b", 20_000, now + 2)).toBe(false);
      // By its holder again, or by another once the claim ran out.
      expect(
        (await store.links.insertPending(aLink({ ids }), { holder: "run:a", ttlMs: 20_000, nowMs: now + 3 })).claimed,
      ).toBe(true);
      const later = await store.links.insertPending(aLink({ ids }), {
        holder: "run:b",
        ttlMs: 20_000,
        nowMs: now + 30_000,
      });
      expect(later.claimed).toBe(true);
      // Without a claim asked for, nothing is said about one.
      expect("claimed" in (await store.links.insertPending(aLink({ ids })))).toBe(false);
    });
  });

  describe("links: one link per record, per side and dataflow", () => {
    it("lets the same PowerOffice id appear once in each dataflow", async () => {
      const { store } = await setup();
      const ids = { poweroffice: "77", webshop: null };
      const customer = await store.links.insertPending(aLink({ dataflow: "customers", ids }));
      const department = await store.links.insertPending(aLink({ dataflow: "departments", ids }));
      expect(customer.id).not.toBe(department.id);
      expect((await store.links.findBySideId("departments", "poweroffice", "77"))?.id).toBe(department.id);
    });

    it.each(["poweroffice", "webshop"] as const)("refuses a second link holding the same %s record", async (side) => {
      const { store } = await setup();
      const ids =
        side === "poweroffice" ? { poweroffice: "5", webshop: null } : { poweroffice: null, webshop: "cus_5" };
      const first = await store.links.insertPending(aLink({ ids }));
      const other = aLink({
        ids: side === "poweroffice" ? { ...ids, webshop: "cus_x" } : { ...ids, poweroffice: "9" },
      });
      const error = await store.commit({ links: [other], activity: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DuplicateLinkError);
      expect((error as DuplicateLinkError).side).toBe(side);
      expect(await store.links.list({ limit: 10 })).toEqual([first]);
    });

    it("allows any number of links without a partner on the other side", async () => {
      const { store } = await setup();
      const { linkIds } = await store.commit({ links: [aLink(), aLink(), aLink()], activity: [] });
      expect(new Set(linkIds).size).toBe(3);
    });

    it("applies a commit's writes in order: a record can move from one link to another in one commit", async () => {
      const { store } = await setup();
      const a = await store.links.insertPending(aLink({ ids: { poweroffice: "1", webshop: "cus_1" } }));
      const b = await store.links.insertPending(aLink({ ids: { poweroffice: "2", webshop: null } }));
      await store.commit({
        links: [
          { ...a, ids: { poweroffice: "1", webshop: null } },
          { ...b, ids: { poweroffice: "2", webshop: "cus_1" } },
        ],
        activity: [],
      });
      expect((await store.links.findBySideId("customers", "webshop", "cus_1"))?.id).toBe(b.id);
    });
  });

  describe("links: insertPending", () => {
    it("returns the link already holding the record, unchanged, and writes nothing", async () => {
      const { store, clock } = await setup();
      const first = await store.links.insertPending(
        aLink({ ids: { poweroffice: null, webshop: "cus_9" }, reference: "po-customers-a" }),
      );
      clock.advance(1000);
      const again = await store.links.insertPending(
        aLink({ ids: { poweroffice: "99", webshop: "cus_9" }, reference: "po-customers-b", state: "error" }),
      );
      expect(again).toEqual(first);
      expect(await store.links.findBySideId("customers", "poweroffice", "99")).toBeNull();
      expect(await store.links.list({ limit: 10 })).toEqual([first]);
    });

    it("prefers the link with the given id, then the one holding the PowerOffice record", async () => {
      const { store } = await setup();
      const po = await store.links.insertPending(aLink({ ids: { poweroffice: "1", webshop: null } }));
      const shop = await store.links.insertPending(aLink({ ids: { poweroffice: null, webshop: "cus_1" } }));
      expect((await store.links.insertPending(aLink({ ids: { poweroffice: "1", webshop: "cus_1" } }))).id).toBe(po.id);
      const both = { ...aLink({ ids: { poweroffice: "1", webshop: null } }), id: shop.id };
      expect((await store.links.insertPending(both)).id).toBe(shop.id);
    });

    it("creates one link when the same pending link is written twice at once", async () => {
      const { store } = await setup();
      const write = aLink({ ids: { poweroffice: null, webshop: "cus_race" }, reference: "po-customers-cus_race" });
      const [a, b] = await Promise.all([store.links.insertPending(write), store.links.insertPending(write)]);
      expect(a).toEqual(b);
      expect(await store.links.list({ limit: 10 })).toHaveLength(1);
    });

    it("gives ids that are never reused, and takes a given id for a new link", async () => {
      const { store } = await setup();
      const a = await store.links.insertPending(aLink());
      const chosen = await store.links.insertPending({ ...aLink(), id: a.id + 100 });
      expect(chosen.id).toBe(a.id + 100);
      const next = await store.links.insertPending(aLink());
      expect(next.id).toBeGreaterThan(chosen.id);
    });
  });

  describe("links: by match key", () => {
    it("finds every link of the dataflow whose record on that side has the key, oldest first", async () => {
      const { store } = await setup();
      const key = "post@example.no";
      const a = await store.links.insertPending(aLink({ matchKeys: { poweroffice: key, webshop: null } }));
      const b = await store.links.insertPending(aLink({ matchKeys: { poweroffice: key, webshop: "other" } }));
      await store.links.insertPending(aLink({ matchKeys: { poweroffice: null, webshop: key } }));
      await store.links.insertPending(
        aLink({ dataflow: "departments", matchKeys: { poweroffice: key, webshop: null } }),
      );
      expect((await store.links.findByMatchKey("customers", "poweroffice", key)).map((l) => l.id)).toEqual([
        a.id,
        b.id,
      ]);
      expect(await store.links.findByMatchKey("customers", "poweroffice", "POST@example.no")).toEqual([]);
    });
  });
}
