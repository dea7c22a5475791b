/**
 * What a first sync needs of the store: the links of a whole page's match keys in one call, and a feed read again
 * from its start without losing a record to a page of that feed committed at the same moment.
 */
import { describe, expect, it } from "vitest";
import { StaleLinkError } from "../../worker/core/ports";
import { aLink, type Fixture } from "./fixtures";

export function firstReadContract(setup: () => Promise<Fixture>) {
  describe("links: by many match keys", () => {
    it("finds the links whose record on either side has one of the keys, more keys than one statement binds", async () => {
      const { store } = await setup();
      const keys = Array.from({ length: 130 }, (_, i) => `k${i}@example.no`);
      const made: number[] = [];
      for (const key of keys.slice(0, 110)) {
        made.push((await store.links.insertPending(aLink({ matchKeys: { poweroffice: key, webshop: null } }))).id);
      }
      // The same key on the other side counts, once per link; in another dataflow, or a key not asked for, not.
      made.push(
        (
          await store.links.insertPending(
            aLink({ ids: { poweroffice: null, webshop: "w-1" }, matchKeys: { poweroffice: null, webshop: keys[0]! } }),
          )
        ).id,
      );
      made.push(
        (await store.links.insertPending(aLink({ matchKeys: { poweroffice: keys[120]!, webshop: keys[120]! } }))).id,
      );
      await store.links.insertPending(aLink({ matchKeys: { poweroffice: "other@example.no", webshop: null } }));
      await store.links.insertPending(
        aLink({ dataflow: "departments", matchKeys: { poweroffice: keys[1]!, webshop: null } }),
      );
      const found = await store.links.findByMatchKeys("customers", keys);
      expect(found.map((l) => l.id).sort((a, b) => a - b)).toEqual(made);
      expect(await store.links.findByMatchKeys("customers", [])).toEqual([]);
    });
  });

  describe("settings: several in one query", () => {
    it("answers every key asked for, null where unset", async () => {
      const { store } = await setup();
      await store.settings.set("a", "1");
      await store.settings.set("c", "3");
      expect(await store.settings.getMany(["a", "b", "c"])).toEqual({ a: "1", b: null, c: "3" });
      expect(await store.settings.getMany([])).toEqual({});
    });
  });

  describe("commit: links of records held for the first read", () => {
    it("inserts each with the rest of the commit, unless a link holds its record by then; never a duplicate", async () => {
      const { store } = await setup();
      const taken = await store.links.insertPending(aLink({ ids: { poweroffice: "2001", webshop: null } }));
      const key = (n: number) => ({ poweroffice: `h${n}@example.no`, webshop: null });
      await store.commit({
        links: [],
        activity: [],
        holdLinks: [
          aLink({ ids: { poweroffice: "2001", webshop: null }, matchKeys: key(1) }),
          aLink({ ids: { poweroffice: "2002", webshop: null }, matchKeys: key(2) }),
          aLink({
            ids: { poweroffice: null, webshop: "cus_2003" },
            matchKeys: { poweroffice: null, webshop: "h3@x.no" },
          }),
          aLink({ ids: { poweroffice: "2002", webshop: null }, matchKeys: key(2) }),
        ],
        cursor: { dataflow: "customers", side: "poweroffice", value: "after-page" },
      });
      const links = await store.links.list({ dataflow: "customers", limit: 10 });
      expect(links.map((l) => [l.ids.poweroffice, l.ids.webshop, l.matchKeys.poweroffice])).toEqual([
        ["2001", null, null],
        ["2002", null, "h2@example.no"],
        [null, "cus_2003", null],
      ]);
      expect(links[0]!.id).toBe(taken.id);
      expect((await store.links.findByMatchKey("customers", "poweroffice", "h2@example.no")).map((l) => l.id)).toEqual([
        links[1]!.id,
      ]);
      expect(await store.cursors.get("customers", "poweroffice")).toBe("after-page");
    });
  });

  describe("commit: a held link absorbed by another", () => {
    it("drops it and gives its record to the other link in one commit", async () => {
      const { store } = await setup();
      const po = await store.links.insertPending(aLink({ ids: { poweroffice: "p-1", webshop: null } }));
      const shop = await store.links.insertPending(aLink({ ids: { poweroffice: null, webshop: "w-1" } }));
      await store.commit({
        links: [{ ...po, state: "linked", ids: { poweroffice: "p-1", webshop: "w-1" } }],
        activity: [],
        dropLinks: [{ id: shop.id, rev: shop.rev ?? 0 }],
      });
      expect(await store.links.get(shop.id)).toBeNull();
      expect((await store.links.findBySideId("customers", "webshop", "w-1"))?.id).toBe(po.id);
    });

    it("writes nothing when the link to drop changed since it was read", async () => {
      const { store } = await setup();
      const po = await store.links.insertPending(aLink({ ids: { poweroffice: "p-2", webshop: null } }));
      const shop = await store.links.insertPending(aLink({ ids: { poweroffice: null, webshop: "w-2" } }));
      await store.commit({ links: [{ ...shop, attempts: 1 }], activity: [] });
      await expect(
        store.commit({
          links: [{ ...po, state: "linked", ids: { poweroffice: "p-2", webshop: "w-2" } }],
          activity: [],
          dropLinks: [{ id: shop.id, rev: shop.rev ?? 0 }],
        }),
      ).rejects.toThrow(StaleLinkError);
      expect((await store.links.findBySideId("customers", "webshop", "w-2"))?.id).toBe(shop.id);
      expect((await store.links.get(po.id))?.state).toBe("pending");
    });
  });

  describe("commit: a feed read again from its start", () => {
    it("restarts another feed in the same batch: its cursor is gone", async () => {
      const { store } = await setup();
      await store.commit({ links: [], activity: [], cursor: { dataflow: "products", side: "webshop", value: "w9" } });
      await store.commit({
        links: [],
        activity: [],
        cursor: { dataflow: "products", side: "poweroffice", value: "p9" },
        settings: { "first-read:products:poweroffice": "2026-05-01T08:00:00.000Z" },
        restartFeeds: [{ dataflow: "products", side: "webshop" }],
      });
      expect(await store.cursors.get("products", "webshop")).toBeNull();
      expect(await store.cursors.get("products", "poweroffice")).toBe("p9");
    });

    it("does not move a cursor past a restart written since its page began; the rest of the commit is written", async () => {
      const { store } = await setup();
      const key = "first-read:products:poweroffice";
      const guarded = (value: string, since: string) => ({
        dataflow: "products" as const,
        side: "webshop" as const,
        value,
        unless: { key, since },
      });
      await store.commit({ links: [], activity: [], cursor: guarded("w1", "2026-05-01T08:00:00.000Z") });
      expect(await store.cursors.get("products", "webshop")).toBe("w1");
      // The other side's first read completed at 08:00:05 and restarted this feed.
      await store.commit({
        links: [],
        activity: [],
        settings: { [key]: "2026-05-01T08:00:05.000Z" },
        restartFeeds: [{ dataflow: "products", side: "webshop" }],
      });
      // A page begun at 08:00:04 does not move past the restart; its links are written.
      const link = aLink({ dataflow: "products", ids: { poweroffice: null, webshop: "p-1" } });
      await store.commit({ links: [link], activity: [], cursor: guarded("w2", "2026-05-01T08:00:04.000Z") });
      expect(await store.cursors.get("products", "webshop")).toBeNull();
      expect(await store.links.findBySideId("products", "webshop", "p-1")).not.toBeNull();
      // A page begun after it moves the cursor as usual.
      await store.commit({ links: [], activity: [], cursor: guarded("w3", "2026-05-01T08:00:06.000Z") });
      expect(await store.cursors.get("products", "webshop")).toBe("w3");
    });

    it("refuses a time in another form, writing nothing", async () => {
      const { store } = await setup();
      const cursor = { dataflow: "products" as const, side: "webshop" as const, value: "w1" };
      await expect(
        store.commit({
          links: [],
          activity: [],
          cursor: { ...cursor, unless: { key: "k", since: "2026-05-01 08:00" } },
        }),
      ).rejects.toThrow(/RFC 3339/);
      expect(await store.cursors.get("products", "webshop")).toBeNull();
    });
  });
}
