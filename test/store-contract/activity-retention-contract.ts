/**
 * How long the activity log keeps an entry (worker/store/activity-retention.ts): a commit that adds entries deletes
 * the expired among the oldest, at most twice as many as it adds, in the same transaction as everything else it writes.
 */
import { describe, expect, it } from "vitest";
import type { StoreOptions } from "../../worker/store/store-options";
import { anEntry, type Fixture, iso } from "./fixtures";

const DAY = 86_400_000;

type Setup = (options?: Omit<StoreOptions, "clock">) => Promise<Fixture>;

/** Commits one entry per message, at the clock's time. */
async function add({ store, clock }: Fixture, ...messages: string[]) {
  await store.commit({ links: [], activity: messages.map((message) => anEntry({ message, at: iso(clock.now()) })) });
}

/** Every entry the log holds, oldest first. */
async function kept({ store }: Fixture) {
  return (await store.activity.recent(500)).map((e) => e.message).reverse();
}

export function activityRetentionContract(setup: Setup) {
  describe("activity retention", () => {
    it("a commit with entries deletes the expired among the oldest, at most twice as many as it adds", async () => {
      const f = await setup({ activityRetentionDays: 30 });
      await add(f, "old 1", "old 2", "old 3", "old 4", "old 5");
      f.clock.advance(31 * DAY);
      await add(f, "new 1");
      expect(await kept(f)).toEqual(["old 3", "old 4", "old 5", "new 1"]);
      // The four oldest are looked at: three have expired, "new 1" has not.
      await add(f, "new 2", "new 3");
      expect(await kept(f)).toEqual(["new 1", "new 2", "new 3"]);
    });

    it("keeps an entry until its days are up, and a commit without entries deletes nothing", async () => {
      const f = await setup({ activityRetentionDays: 30 });
      await add(f, "first", "second");
      f.clock.advance(30 * DAY);
      await add(f, "on the day");
      expect(await kept(f)).toEqual(["first", "second", "on the day"]);
      f.clock.advance(1);
      await f.store.commit({ links: [], activity: [], settings: { "backfill:customers": "done" } });
      expect(await kept(f)).toEqual(["first", "second", "on the day"]);
      await add(f, "a millisecond later");
      expect(await kept(f)).toEqual(["on the day", "a millisecond later"]);
    });

    it("keeps every entry when no retention is set", async () => {
      const f = await setup();
      await add(f, "years ago");
      f.clock.advance(4000 * DAY);
      await add(f, "today");
      expect(await kept(f)).toEqual(["years ago", "today"]);
    });

    it("a commit that fails deletes nothing", async () => {
      const f = await setup({ activityRetentionDays: 1 });
      await add(f, "kept");
      f.clock.advance(2 * DAY);
      const failing = f.store.commit({
        links: [],
        activity: [anEntry({ message: "never written", at: iso(f.clock.now()) })],
        dropLinks: [{ id: 987_654, rev: 3 }],
      });
      await expect(failing).rejects.toThrow();
      expect(await kept(f)).toEqual(["kept"]);
    });

    it("refuses a retention that is not whole days from 1 to 3650, and writes nothing", async () => {
      for (const days of [0, 3651, 1.5]) {
        const f = await setup({ activityRetentionDays: days });
        await expect(add(f, "refused")).rejects.toThrow(/whole number of days from 1 to 3650/);
        expect(await kept(f)).toEqual([]);
      }
    });
  });
}
