/** Store.commit: one step's links, activity, cursor and settings are written all together or not at all. */
import { describe, expect, it } from "vitest";
import { type Commit, claimName, DuplicateLinkError, StaleLinkError, type Store } from "../../worker/core/ports";
import type { ActivityEntry } from "../../worker/core/types";
import { InvalidStoreInputError } from "../../worker/store/link-rows";
import { aLink, anEntry, type Fixture } from "./fixtures";

/** Everything a commit can touch, to compare before and after a failed one. */
async function everything(store: Store) {
  return {
    links: await store.links.list({ limit: 1000 }),
    activity: await store.activity.recent(1000),
    cursor: await store.cursors.get("customers", "webshop"),
    setting: await store.settings.get("gate"),
  };
}

export function commitContract(setup: () => Promise<Fixture>) {
  describe("commit: a claim taken with the link's write (Commit.claim)", () => {
    const NOW = 1_700_000_000_000;
    const claimOf = (linkId: number, holder: string) => ({ linkId, holder, ttlMs: 20_000, nowMs: NOW });

    it("takes the claim and writes the link when no one holds it and the link is as read", async () => {
      const { store } = await setup();
      const link = await store.links.insertPending(aLink());
      await store.commit({
        links: [{ ...link, reference: "ws-c-1" }],
        activity: [],
        claim: claimOf(link.id, "run:a"),
      });
      expect((await store.links.get(link.id))?.reference).toBe("ws-c-1");
      // Held by run:a: another holder cannot take it until it expires; run:a itself may renew it.
      expect(await store.leases.acquire(claimName(link.id), "run:b", 20_000, NOW + 1)).toBe(false);
      expect(await store.leases.renew(claimName(link.id), "run:a", 20_000, NOW + 1)).toBe(true);
    });

    it("refuses, writing nothing, while another run holds the claim or once the link moved on", async () => {
      const { store } = await setup();
      const link = await store.links.insertPending(aLink());
      expect(await store.leases.acquire(claimName(link.id), "run:other", 20_000, NOW)).toBe(true);
      const attempt = (rev: number | undefined, holder: string, nowMs = NOW) =>
        store.commit({
          links: [{ ...link, rev, reference: "ws-c-2" }],
          activity: [],
          cursor: { dataflow: "customers", side: "webshop", value: "moved" },
          claim: { ...claimOf(link.id, holder), nowMs },
        });
      await expect(attempt(link.rev, "run:a")).rejects.toBeInstanceOf(StaleLinkError);
      expect((await store.links.get(link.id))?.reference).toBeNull();
      expect(await store.cursors.get("customers", "webshop")).toBeNull();
      // The other run's claim expired, but the link moved on meanwhile: still refused.
      await store.commit({ links: [{ ...link, attempts: 1 }], activity: [] });
      await expect(attempt(link.rev, "run:a", NOW + 60_000)).rejects.toBeInstanceOf(StaleLinkError);
      expect((await store.links.get(link.id))?.reference).toBeNull();
      expect(await store.leases.acquire(claimName(link.id), "run:c", 20_000, NOW + 60_001)).toBe(true);
    });
  });

  describe("commit: all or nothing", () => {
    it("writes nothing, cursor included, when its second link breaks a UNIQUE constraint", async () => {
      const { store } = await setup();
      const held = await store.links.insertPending(aLink({ ids: { poweroffice: "1", webshop: "cus_1" } }));
      await store.commit({
        links: [],
        activity: [],
        cursor: { dataflow: "customers", side: "webshop", value: "c1" },
        settings: { gate: "before" },
      });
      const before = await everything(store);

      const failing: Commit = {
        links: [
          { ...held, state: "linked", attempts: 0 },
          aLink({ ids: { poweroffice: "2", webshop: null } }),
          aLink({ ids: { poweroffice: null, webshop: "cus_1" } }),
        ],
        activity: [anEntry({ linkId: held.id }), { ...anEntry(), linkIndex: 1 }],
        cursor: { dataflow: "customers", side: "webshop", value: "c2" },
        settings: { gate: null, other: "x" },
      };
      await expect(store.commit(failing)).rejects.toThrow(DuplicateLinkError);
      expect(await everything(store)).toEqual(before);
      expect(await store.settings.get("other")).toBeNull();
      expect(await store.links.findBySideId("customers", "poweroffice", "2")).toBeNull();
    });

    it("writes nothing when two new links of the same commit hold the same record", async () => {
      const { store } = await setup();
      const twin = { poweroffice: "7", webshop: null };
      const commit: Commit = {
        links: [aLink({ ids: twin }), aLink({ ids: twin })],
        activity: [],
        cursor: { dataflow: "customers", side: "webshop", value: "c" },
      };
      await expect(store.commit(commit)).rejects.toThrow(DuplicateLinkError);
      expect(await everything(store)).toEqual({ links: [], activity: [], cursor: null, setting: null });
    });

    it("writes nothing when an activity entry points at a link the commit does not have", async () => {
      const { store } = await setup();
      const commit: Commit = { links: [aLink()], activity: [{ ...anEntry(), linkIndex: 1 }] };
      await expect(store.commit(commit)).rejects.toThrow(InvalidStoreInputError);
      expect(await store.links.list({ limit: 10 })).toEqual([]);
    });

    it("refuses a cursor JSON cannot hold, with nothing written", async () => {
      const { store } = await setup();
      const commit: Commit = {
        links: [aLink()],
        activity: [],
        cursor: { dataflow: "customers", side: "webshop", value: undefined },
      };
      await expect(store.commit(commit)).rejects.toThrow(InvalidStoreInputError);
      expect(await store.links.list({ limit: 10 })).toEqual([]);
    });

    it("is a no-op for an empty commit", async () => {
      const { store } = await setup();
      expect(await store.commit({ links: [], activity: [] })).toEqual({ linkIds: [] });
    });
  });

  describe("commit: links, their activity and the cursor together", () => {
    it("returns each link's id in order and gives activity entries the id of a link new in the same commit", async () => {
      const { store } = await setup();
      const existing = await store.links.insertPending(aLink());
      const fresh = [
        aLink({ ids: { poweroffice: null, webshop: "cus_new" } }),
        aLink({ ids: { poweroffice: "88", webshop: "cus_88" } }),
      ];
      const { linkIds } = await store.commit({
        links: [fresh[0]!, { ...existing, state: "linked" }, fresh[1]!],
        activity: [
          { ...anEntry({ action: "created" }), linkIndex: 0 },
          { ...anEntry({ action: "updated" }), linkIndex: 1 },
          { ...anEntry({ action: "matched", linkId: 5 }), linkIndex: 2 },
          anEntry({ action: "braked", linkId: null, side: null, changes: {} }),
        ],
      });
      expect(linkIds[1]).toBe(existing.id);
      expect((await store.links.get(linkIds[0]!))?.ids.webshop).toBe("cus_new");
      expect((await store.links.get(linkIds[2]!))?.ids.poweroffice).toBe("88");
      const recent = await store.activity.recent(10);
      expect(recent.map((e) => [e.action, e.linkId])).toEqual([
        ["braked", null],
        ["matched", linkIds[2]],
        ["updated", existing.id],
        ["created", linkIds[0]],
      ]);
    });

    it("advances the cursor together with the links of its page, per dataflow and side", async () => {
      const { store } = await setup();
      expect(await store.cursors.get("customers", "poweroffice")).toBeNull();
      const cursor = { after: "2026-05-01T08:00:00.1234567+02:00", skip: ["Ærø", 3], done: false };
      const { linkIds } = await store.commit({
        links: [aLink()],
        activity: [],
        cursor: { dataflow: "customers", side: "poweroffice", value: cursor },
      });
      expect(await store.cursors.get("customers", "poweroffice")).toEqual(cursor);
      expect(await store.links.get(linkIds[0]!)).not.toBeNull();
      expect(await store.cursors.get("customers", "webshop")).toBeNull();
      expect(await store.cursors.get("products", "poweroffice")).toBeNull();
      await store.commit({
        links: [],
        activity: [],
        cursor: { dataflow: "customers", side: "poweroffice", value: "next" },
      });
      expect(await store.cursors.get("customers", "poweroffice")).toBe("next");
    });

    it("keeps a page with its cursor, and drops it when a cursor is written without one", async () => {
      const { store } = await setup();
      expect(await store.cursors.read("products", "webshop")).toEqual({ value: null, page: null });
      const record = { id: "p1", marker: "3", changedAt: 1, archived: false, raw: { id: "p1", sku: "Ø-1" } };
      const page = { records: [record], after: { cursor: "c2" }, done: false, readAt: 1_700_000_000_000 };
      await store.commit({
        links: [],
        activity: [],
        cursor: { dataflow: "products", side: "webshop", value: null, page },
      });
      expect(await store.cursors.read("products", "webshop")).toEqual({ value: null, page });
      expect(await store.cursors.get("products", "webshop")).toBeNull();
      await store.commit({
        links: [],
        activity: [],
        cursor: { dataflow: "products", side: "webshop", value: { cursor: "c2" } },
      });
      expect(await store.cursors.read("products", "webshop")).toEqual({ value: { cursor: "c2" }, page: null });
    });

    it("keeps every value of each entry as committed, large ones and small ones together", async () => {
      const { store } = await setup();
      const link = await store.links.insertPending(aLink());
      // Three entries too large to share one statement in D1 (over 300,000 characters together), between small ones.
      const large = (n: number) =>
        anEntry({ linkId: link.id, message: `${"Æ".repeat(120_000)} ${n}`, changes: { note: [null, "ø".repeat(20)] } });
      const entries: ActivityEntry[] = [
        anEntry({ linkId: link.id, actor: { sub: "admin@example.no" }, changes: { "lines[0].qty": [1, 2.5] } }),
        large(1),
        large(2),
        anEntry({ linkId: null, side: null, action: "braked", changes: {}, message: "«Stopp» 🛑" }),
        large(3),
      ];
      await store.commit({ links: [], activity: entries });
      expect((await store.activity.recent(10)).reverse()).toEqual(entries);
    });

    it("writes 500 links and their 500 activity entries in one commit", async () => {
      const { store } = await setup();
      const links = Array.from({ length: 500 }, (_, i) =>
        aLink({ dataflow: "products", ids: { poweroffice: `p${i}`, webshop: `sku-${i}` }, state: "linked" }),
      );
      const activity = links.map((_, i) => ({ ...anEntry({ dataflow: "products", action: "created" }), linkIndex: i }));
      const { linkIds } = await store.commit({
        links,
        activity,
        cursor: { dataflow: "products", side: "webshop", value: { page: 5 } },
      });
      expect(new Set(linkIds).size).toBe(500);
      expect((await store.links.countByState("products")).linked).toBe(500);
      const recent = await store.activity.recent(500, { dataflow: "products" });
      expect(recent.map((e) => e.linkId)).toEqual([...linkIds].reverse());
    });
  });
}
