/**
 * The worker's store keeps activity entries ACTIVITY_RETENTION_DAYS (docs/operations.md, "How long history is kept"):
 * 180 days unless set, the configured days when set, and nothing is deleted while the value is malformed.
 */
import { env } from "cloudflare:workers";
import { beforeEach, expect, it } from "vitest";
import { buildDeps } from "../../../worker/wiring/build-deps";
import { anEntry, iso, T0 } from "../../store-contract/fixtures";

const DAY = 86_400_000;

beforeEach(async () => {
  await env.DB.prepare("DELETE FROM activity_log").run();
});

/** Two entries `daysAgo` before the commit, then one commit of a new entry through the worker's own store. */
async function afterCommit(vars: Partial<Env>, daysAgo: number) {
  const seed = buildDeps({ ...env, ACTIVITY_RETENTION_DAYS: "3650" }, { now: () => T0 - daysAgo * DAY });
  await seed.store.commit({
    links: [],
    activity: ["old 1", "old 2"].map((message) => anEntry({ message, at: iso(T0 - daysAgo * DAY) })),
  });
  const deps = buildDeps({ ...env, ...vars }, { now: () => T0 });
  await deps.store.commit({ links: [], activity: [anEntry({ message: "new", at: iso(T0) })] });
  const { results } = await env.DB.prepare("SELECT message FROM activity_log ORDER BY id").all<{ message: string }>();
  return results.map((r) => r.message);
}

it("keeps an entry 180 days unless ACTIVITY_RETENTION_DAYS says otherwise", async () => {
  expect(await afterCommit({}, 180)).toEqual(["old 1", "old 2", "new"]);
  await env.DB.prepare("DELETE FROM activity_log").run();
  expect(await afterCommit({}, 181)).toEqual(["new"]);
});

it("keeps an entry the configured days", async () => {
  expect(await afterCommit({ ACTIVITY_RETENTION_DAYS: "30" }, 31)).toEqual(["new"]);
  await env.DB.prepare("DELETE FROM activity_log").run();
  expect(await afterCommit({ ACTIVITY_RETENTION_DAYS: "400" }, 365)).toEqual(["old 1", "old 2", "new"]);
});

it("deletes nothing while the value is malformed", async () => {
  expect(await afterCommit({ ACTIVITY_RETENTION_DAYS: "30 days" }, 400)).toEqual(["old 1", "old 2", "new"]);
});
