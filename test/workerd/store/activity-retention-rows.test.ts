/**
 * What clearing expired activity entries costs on D1 (worker/store/activity-retention.ts): one row written per
 * deleted entry (D1 counts the row a DELETE removes, not the index entries that go with it; its insert wrote 3), and
 * a commit's look at the oldest entries reads its window through the primary key, however long the log is.
 */
import { env } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import { createD1Store } from "../../../worker/store/d1-store";
import { anEntry, iso, T0, testClock } from "../../store-contract/fixtures";
import { countingDb } from "./counting-db";

const DAY = 86_400_000;
const tally = { written: 0, read: 0 };
const clock = testClock();

beforeEach(async () => {
  clock.set(T0);
  await env.DB.prepare("DELETE FROM activity_log").run();
});

async function commitOne(retentionDays: number | undefined, message: string) {
  const store = createD1Store(countingDb(env.DB, tally), { clock, activityRetentionDays: retentionDays });
  tally.written = 0;
  tally.read = 0;
  await store.commit({ links: [], activity: [anEntry({ message, linkId: 7, at: iso(clock.now()) })] });
  return { ...tally };
}

/** Writes `n` entries at the clock's time straight into the log, as earlier commits would have. */
async function logOf(n: number) {
  const store = createD1Store(env.DB, { clock });
  const entries = Array.from({ length: n }, (_, i) =>
    anEntry({ message: `old ${i}`, linkId: 7, at: iso(clock.now()) }),
  );
  await store.commit({ links: [], activity: entries });
}

it("deleting an expired entry writes 1 row; with none expired the look writes nothing", async () => {
  await logOf(5);
  clock.advance(31 * DAY);
  const without = await commitOne(undefined, "no retention");
  const noneExpired = await commitOne(365, "none expired");
  // One entry added: its window is the 2 oldest, both expired now.
  const twoExpired = await commitOne(30, "two expired");
  expect(noneExpired.written).toBe(without.written);
  expect(twoExpired.written).toBe(without.written + 2);
  const left = await env.DB.prepare("SELECT message FROM activity_log ORDER BY id").all<{ message: string }>();
  expect(left.results.map((r) => r.message)).toEqual([
    "old 2",
    "old 3",
    "old 4",
    "no retention",
    "none expired",
    "two expired",
  ]);
});

it("a commit's look at the oldest entries reads its window, not the log", async () => {
  await logOf(400);
  clock.advance(DAY);
  const without = await commitOne(undefined, "no retention");
  const withLook = await commitOne(30, "nothing expired");
  // The window of one entry is 2 rows; the SELECT reads them through the primary key and stops.
  expect(withLook.read - without.read).toBeLessThanOrEqual(3);
  expect(withLook.written).toBe(without.written);
});
