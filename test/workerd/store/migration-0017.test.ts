/**
 * Migration 0017 moves a run's claim on a link from a lease row `link:<id>` into the link's own columns. This file
 * takes its D1 back to before 0017 (worker test files each get their own storage), lets runs hold claims as leases,
 * applies 0017 and checks that each claim is held by the same run until the same time, and nothing else moved.
 */
import { env } from "cloudflare:workers";
import { expect, it } from "vitest";
import { claimName } from "../../../worker/core/ports";
import { createD1Store } from "../../../worker/store/d1-store";
import { aLink } from "../../store-contract/fixtures";

const all = async (sql: string) => (await env.DB.prepare(sql).all<Record<string, unknown>>()).results;
const NOW = 1_790_000_000_000;

it("keeps every claim held, by the same run until the same time, and every other lease as it was", async () => {
  const store = createD1Store(env.DB);
  const held = await store.links.insertPending(aLink());
  const expired = await store.links.insertPending(aLink());
  const free = await store.links.insertPending(aLink());
  await env.DB.batch([
    env.DB.prepare("ALTER TABLE links DROP COLUMN claim_holder"),
    env.DB.prepare("ALTER TABLE links DROP COLUMN claim_until"),
    env.DB.prepare(
      "INSERT INTO leases (name, holder, expires_at) VALUES (?, 'run-1', ?), (?, 'run-2', ?), ('cron', 'run-3', ?)",
    ).bind(claimName(held.id), NOW + 20_000, claimName(expired.id), NOW - 1, NOW + 5_000),
  ]);
  const links = await all("SELECT * FROM links ORDER BY id");

  for (const query of env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0017"))!.queries)
    await env.DB.prepare(query).run();

  const after = await all("SELECT * FROM links ORDER BY id");
  expect(after.map(({ claim_holder: _h, claim_until: _u, ...row }) => row)).toEqual(links);
  expect(after.map((row) => [row.id, row.claim_holder, row.claim_until])).toEqual([
    [held.id, "run-1", NOW + 20_000],
    [expired.id, "run-2", NOW - 1],
    [free.id, null, null],
  ]);
  expect(await all("SELECT name, holder, expires_at FROM leases ORDER BY name")).toEqual([
    { name: "cron", holder: "run-3", expires_at: NOW + 5_000 },
  ]);

  // The claims mean what they meant: run-1's is held (another run cannot take it, run-1 renews it), run-2's expired.
  const leases = createD1Store(env.DB).leases;
  expect(await leases.acquire(claimName(held.id), "run-9", 20_000, NOW)).toBe(false);
  expect(await leases.renew(claimName(held.id), "run-1", 20_000, NOW)).toBe(true);
  expect(await leases.renew(claimName(expired.id), "run-2", 20_000, NOW)).toBe(false);
  expect(await store.links.claim(expired.id, expired.rev ?? 0, "run-9", 20_000, NOW)).toBe(true);
  expect(await store.links.claim(free.id, free.rev ?? 0, "run-9", 20_000, NOW)).toBe(true);
});
