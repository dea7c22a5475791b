/**
 * `cursors.skip`: the cron moves a feed's cursor past a page of echoes in one conditional write, only from where it
 * read it, with no page kept beside it, and while no one holds the feed's poll lease.
 */
import { describe, expect, it } from "vitest";
import type { KeptPage, Store } from "../../worker/core/ports";
import { InvalidStoreInputError } from "../../worker/store/link-rows";
import { type Fixture, T0 } from "./fixtures";

const LEASE = "poll:customers:webshop";
const FROM = { after: "2026-05-01T08:00:00.000Z", ids: ["1"] };
const TO = { after: "2026-05-01T08:05:00.000Z", ids: ["7"] };

async function cursorAt(store: Store, value: unknown, page?: KeptPage) {
  await store.commit({
    links: [],
    activity: [],
    cursor: { dataflow: "customers", side: "webshop", value, ...(page ? { page } : {}) },
  });
}

const skip = (store: Store, nowMs = T0, from: unknown = FROM) =>
  store.cursors.skip("customers", "webshop", { from, to: TO, lease: LEASE, nowMs });

export function cursorSkipContract(setup: () => Promise<Fixture>) {
  describe("cursors.skip", () => {
    it("moves the cursor from where it was read, and leaves the other feeds alone", async () => {
      const { store } = await setup();
      await cursorAt(store, FROM);
      await store.commit({ links: [], activity: [], cursor: { dataflow: "products", side: "webshop", value: FROM } });
      expect(await skip(store)).toBe(true);
      expect(await store.cursors.read("customers", "webshop")).toEqual({ value: TO, page: null });
      expect(await store.cursors.get("products", "webshop")).toEqual(FROM);
      // Moved already: the same move again finds the cursor elsewhere.
      expect(await skip(store)).toBe(false);
      expect(await store.cursors.get("customers", "webshop")).toEqual(TO);
    });

    it("does not move a cursor that moved on since it was read, or that was never written", async () => {
      const { store } = await setup();
      expect(await skip(store)).toBe(false);
      expect(await store.cursors.get("customers", "webshop")).toBeNull();
      await cursorAt(store, { ...FROM, ids: ["1", "2"] });
      expect(await skip(store)).toBe(false);
      expect(await store.cursors.get("customers", "webshop")).toEqual({ ...FROM, ids: ["1", "2"] });
    });

    it("does not move a cursor with a page kept beside it", async () => {
      const { store } = await setup();
      const page: KeptPage = { records: [], after: TO, done: true, readAt: T0 };
      await cursorAt(store, FROM, page);
      expect(await skip(store)).toBe(false);
      expect((await store.cursors.read("customers", "webshop")).page).toEqual(page);
    });

    it("does not move it while the feed's poll lease is held, and does once that lease has run out", async () => {
      const { store } = await setup();
      await cursorAt(store, FROM);
      expect(await store.leases.acquire(LEASE, "chain:run-1:customers:webshop", 20_000, T0)).toBe(true);
      expect(await skip(store, T0 + 19_999)).toBe(false);
      expect(await store.cursors.get("customers", "webshop")).toEqual(FROM);
      // Another feed's lease does not matter; this one's expiry frees it.
      expect(await store.leases.acquire("poll:products:webshop", "run-2", 60_000, T0)).toBe(true);
      expect(await skip(store, T0 + 20_000)).toBe(true);
      expect(await store.cursors.get("customers", "webshop")).toEqual(TO);
    });

    it("refuses a bad move and changes nothing", async () => {
      const { store } = await setup();
      await cursorAt(store, FROM);
      const bad = [
        () => store.cursors.skip("customers", "webshop", { from: FROM, to: TO, lease: "", nowMs: T0 }),
        () => store.cursors.skip("customers", "webshop", { from: FROM, to: TO, lease: LEASE, nowMs: 1.5 }),
        () => store.cursors.skip("nope" as "customers", "webshop", { from: FROM, to: TO, lease: LEASE, nowMs: T0 }),
      ];
      for (const move of bad) await expect(move()).rejects.toBeInstanceOf(InvalidStoreInputError);
      expect(await store.cursors.get("customers", "webshop")).toEqual(FROM);
    });
  });
}
