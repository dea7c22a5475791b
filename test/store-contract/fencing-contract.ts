/**
 * One writer per record and per lease: a link write made from a read that another write has overtaken is refused
 * (compare-and-set on the link's rev), and a commit fenced by a lease its holder no longer holds is refused; both
 * leave nothing of the commit written. A lease is renewed only while it is still held.
 */
import { describe, expect, it } from "vitest";
import { claimName, LeaseLostError, StaleLinkError, type Store } from "../../worker/core/ports";
import { aLink, type Fixture, T0 } from "./fixtures";

const TTL = 30_000;

async function everything(store: Store) {
  return {
    links: await store.links.list({ limit: 1000 }),
    activity: await store.activity.recent(1000),
    cursor: await store.cursors.get("customers", "webshop"),
  };
}

export function fencingContract(setup: () => Promise<Fixture>) {
  describe("commit: one writer per link", () => {
    it("refuses a link write made from a read another write overtook, writing nothing", async () => {
      const { store } = await setup();
      const held = await store.links.insertPending(aLink());
      const first = await store.links.get(held.id);
      const second = await store.links.get(held.id);
      await store.commit({ links: [{ ...first!, state: "linked", attempts: 0 }], activity: [] });
      const before = await everything(store);
      const other = aLink();
      await expect(
        store.commit({
          links: [other, { ...second!, attempts: 4 }],
          activity: [],
          cursor: { dataflow: "customers", side: "webshop", value: "c9" },
        }),
      ).rejects.toThrow(StaleLinkError);
      expect(await everything(store)).toEqual(before);
      expect((await store.links.get(held.id))?.state).toBe("linked");
    });

    it("takes a write made from the newest read, and every write moves the rev on", async () => {
      const { store } = await setup();
      const held = await store.links.insertPending(aLink());
      await store.commit({ links: [{ ...held, state: "linked" }], activity: [] });
      const again = await store.links.get(held.id);
      expect(again?.rev).not.toBe(held.rev);
      await store.commit({ links: [{ ...again!, attempts: 2 }], activity: [] });
      const third = await store.links.get(held.id);
      expect(third?.attempts).toBe(2);
      expect(new Set([held.rev, again?.rev, third?.rev]).size).toBe(3);
    });

    it("refuses the second of two writes made from the same read inside one commit's race", async () => {
      const { store } = await setup();
      const held = await store.links.insertPending(aLink());
      const results = await Promise.allSettled([
        store.commit({ links: [{ ...held, attempts: 1 }], activity: [] }),
        store.commit({ links: [{ ...held, attempts: 2 }], activity: [] }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
      expect(loser.reason).toBeInstanceOf(StaleLinkError);
    });
  });

  describe("claim: one run sends a link's writes", () => {
    it("is taken while the link is as read and nobody else holds it, and given back like a lease", async () => {
      const { store } = await setup();
      const held = await store.links.insertPending(aLink());
      expect(await store.links.claim(held.id, held.rev!, "run-a", TTL, T0)).toBe(true);
      expect(await store.links.claim(held.id, held.rev!, "run-a", TTL, T0 + 1)).toBe(true);
      expect(await store.links.claim(held.id, held.rev!, "run-b", TTL, T0 + 2)).toBe(false);
      await store.commit({ links: [{ ...held, attempts: 1 }], activity: [] });
      await store.leases.release(claimName(held.id), "run-a");
      // Free again, but the link moved on: a run that read it before cannot claim it.
      expect(await store.links.claim(held.id, held.rev!, "run-b", TTL, T0 + 3)).toBe(false);
      const fresh = await store.links.get(held.id);
      expect(await store.links.claim(held.id, fresh!.rev!, "run-b", TTL, T0 + 3)).toBe(true);
      expect(await store.links.claim(held.id, fresh!.rev!, "run-c", TTL, T0 + 3 + TTL)).toBe(true);
    });

    it("is given back by the commit of the links it covered, in the same batch", async () => {
      const { store } = await setup();
      const held = await store.links.insertPending(aLink());
      expect(await store.links.claim(held.id, held.rev!, "run-a", TTL, T0)).toBe(true);
      await store.commit({ links: [{ ...held, state: "linked" }], activity: [], releaseHolder: "run-a" });
      const fresh = await store.links.get(held.id);
      expect(await store.links.claim(held.id, fresh!.rev!, "run-b", TTL, T0 + 1)).toBe(true);
    });
  });

  describe("commit: fenced by a lease", () => {
    it("commits while the lease is held, and writes nothing once it expired or changed hands", async () => {
      const { store, clock } = await setup();
      clock.set(T0);
      expect(await store.leases.acquire("poll:customers:webshop", "run-a", TTL, T0)).toBe(true);
      const fence = { lease: "poll:customers:webshop", holder: "run-a" };
      await store.commit({ links: [aLink()], activity: [], fence });
      const before = await everything(store);

      clock.set(T0 + TTL);
      const late = { links: [aLink()], activity: [], cursor: { dataflow: "customers", side: "webshop", value: "x" } };
      await expect(store.commit({ ...late, fence } as never)).rejects.toThrow(LeaseLostError);
      expect(await everything(store)).toEqual(before);

      expect(await store.leases.acquire("poll:customers:webshop", "run-b", TTL, T0 + TTL)).toBe(true);
      clock.set(T0 + TTL + 1);
      await expect(store.commit({ ...late, fence } as never)).rejects.toThrow(LeaseLostError);
      expect(await everything(store)).toEqual(before);
      await store.commit({ ...late, fence: { lease: "poll:customers:webshop", holder: "run-b" } } as never);
    });

    it("renews a lease only while its holder still holds it", async () => {
      const { store } = await setup();
      await store.leases.acquire("cron", "run-a", TTL, T0);
      expect(await store.leases.renew("cron", "run-a", TTL, T0 + TTL - 1)).toBe(true);
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + TTL + 5)).toBe(false);
      expect(await store.leases.renew("cron", "run-b", TTL, T0 + TTL + 5)).toBe(false);
      // Expired: renewing would hide that someone else may have held it meanwhile.
      expect(await store.leases.renew("cron", "run-a", TTL, T0 + 2 * TTL)).toBe(false);
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + 2 * TTL)).toBe(true);
      expect(await store.leases.renew("cron", "run-a", TTL, T0 + 2 * TTL + 1)).toBe(false);
    });
  });
}
