/** Leases: one holder at a time, extended by its holder, free again at expiry or release; a race has one winner. */
import { describe, expect, it } from "vitest";
import { type Fixture, T0 } from "./fixtures";

const TTL = 5 * 60_000;

export function leasesContract(setup: () => Promise<Fixture>) {
  describe("leases", () => {
    it("is held by one holder until it expires, and free again from its expiry on", async () => {
      const { store } = await setup();
      expect(await store.leases.acquire("cron", "run-a", TTL, T0)).toBe(true);
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + 1)).toBe(false);
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + TTL - 1)).toBe(false);
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + TTL)).toBe(true);
      expect(await store.leases.acquire("cron", "run-a", TTL, T0 + TTL + 1)).toBe(false);
    });

    it("is extended when its holder acquires it again", async () => {
      const { store } = await setup();
      await store.leases.acquire("cron", "run-a", TTL, T0);
      expect(await store.leases.acquire("cron", "run-a", TTL, T0 + TTL - 10)).toBe(true);
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + TTL + 10)).toBe(false);
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + 2 * TTL - 10)).toBe(true);
    });

    it("is released only by its holder", async () => {
      const { store } = await setup();
      await store.leases.acquire("cron", "run-a", TTL, T0);
      await store.leases.release("cron", "run-b");
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + 1)).toBe(false);
      await store.leases.release("cron", "run-a");
      expect(await store.leases.acquire("cron", "run-b", TTL, T0 + 2)).toBe(true);
    });

    it("keeps leases of different names apart", async () => {
      const { store } = await setup();
      expect(await store.leases.acquire("poll:customers:webshop", "a", TTL, T0)).toBe(true);
      expect(await store.leases.acquire("poll:customers:poweroffice", "b", TTL, T0)).toBe(true);
    });

    it("has exactly one winner when two holders race for a free lease, and for an expired one", async () => {
      const { store } = await setup();
      const race = (now: number) =>
        Promise.all([store.leases.acquire("cron", "run-a", TTL, now), store.leases.acquire("cron", "run-b", TTL, now)]);
      expect((await race(T0)).filter(Boolean)).toHaveLength(1);
      const late = await Promise.all([
        store.leases.acquire("cron", "run-c", TTL, T0 + TTL),
        store.leases.acquire("cron", "run-d", TTL, T0 + TTL),
        store.leases.acquire("cron", "run-e", TTL, T0 + TTL),
      ]);
      expect(late.filter(Boolean)).toHaveLength(1);
    });
  });
}
