/**
 * Upgrades (docs/operations.md): against a D1 one migration behind its code (deployed before its migration), every
 * job does nothing but report it: the cron syncs nothing, a webhook is answered 503 with Retry-After and recorded
 * nowhere, a queue message comes back later (not lost, not dead-lettered), an admin write is refused in words. Once
 * the migration is applied, it all goes through. Against a schema one additive migration ahead (the code rolled back
 * with `wrangler rollback`), the code keeps working.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it } from "vitest";
import { API_PATHS } from "../../../shared/api/paths";
import { checkSchema, forgetSchemaState, USABLE_TTL_MS } from "../../../worker/store/schema-check";
import { LATEST_MIGRATION } from "../../../worker/store/schema-version";
import { createApiWorld } from "../http/api/api-world";
import { testToken } from "../http/api/tokens";
import { deadLetterRows, linkRows } from "./tables";

/** Takes the newest migration's row out of d1_migrations (its tables stay: what the code sees is the version). */
async function oneMigrationBehind() {
  const last = await env.DB.prepare("SELECT id, name, applied_at FROM d1_migrations ORDER BY id DESC LIMIT 1").first<{
    id: number;
    name: string;
    applied_at: string;
  }>();
  expect(last!.name).toBe(LATEST_MIGRATION);
  await env.DB.prepare("DELETE FROM d1_migrations WHERE id = ?").bind(last!.id).run();
  forgetSchemaState();
  return async function applyIt() {
    await env.DB.prepare("INSERT INTO d1_migrations (id, name, applied_at) VALUES (?, ?, ?)")
      .bind(last!.id, last!.name, last!.applied_at)
      .run();
    forgetSchemaState();
  };
}

const jsonLines = (logs: string[]) =>
  logs.flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      return typeof parsed === "object" && parsed !== null ? [parsed] : [];
    } catch {
      return [];
    }
  });

afterEach(() => forgetSchemaState());

describe("a deploy before its migration", () => {
  it("does nothing but report it until the migration is applied, then catches up", async () => {
    const world = await createApiWorld();
    world.poweroffice.seed.customer({ IsPerson: false, Name: "Før Migrering AS" });
    const product = world.shop.seed.product({ sku: "UPG-1", name: "Oppgradering", price: "10.00" });
    const applyIt = await oneMigrationBehind();
    try {
      // The cron: nothing read, nothing written, one line saying why.
      const poCalls = world.poweroffice.requests.length;
      world.clock.advance(61_000);
      const report = await world.runCron();
      expect(report.ran).toBe(false);
      expect(report.schemaBehind).toMatch(new RegExp(`this code needs ${LATEST_MIGRATION}`));
      expect(world.poweroffice.requests.length).toBe(poCalls);
      expect(await linkRows()).toEqual([]);
      const cronLine = jsonLines(world.logs).find((l) => l.kind === "cron");
      expect(cronLine).toMatchObject({ outcome: "schema-behind" });

      // A webhook: 503 with Retry-After, nothing recorded, so the shop sends it again later.
      world.shop.edit("products", product.id, { name: "Oppgradering 2" });
      await world.deliverWebhooks();
      expect(world.webhookAnswers.at(-1)).toBe(503);
      const inbox = await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_inbox").first<{ n: number }>();
      expect(inbox!.n).toBe(0);

      // An admin write: refused in words, nothing queued.
      const sentBefore = world.queue.sent.length;
      const refused = await world.refused("not_configured", "POST", API_PATHS.push, {
        body: { resource: "products", id: product.id },
        headers: { "Idempotency-Key": "upgrade-1" },
      });
      expect(refused.status).toBe(503);
      expect(refused.message).toMatch(/D1 schema is at .*this code needs/);
      expect(world.queue.sent.length).toBe(sentBefore);

      // A queue message: not processed, not dead-lettered, sent again for later.
      await world.queue.queue.send({ v: 1, kind: "push", resource: "products", id: product.id, idempotencyKey: "k" });
      const { acked, retried } = await world.consumeOnce();
      expect(acked.length + retried.length).toBe(1);
      expect(world.queue.pending.map((m) => m.body)).toEqual([
        { v: 1, kind: "push", resource: "products", id: product.id, idempotencyKey: "k" },
      ]);
      expect(await deadLetterRows()).toEqual([]);
      expect(await linkRows()).toEqual([]);
      expect(jsonLines(world.logs).find((l) => l.kind === "queue")).toMatchObject({ outcome: "schema-behind" });

      // /health says so to anyone (503) and names the migration to a token.
      const health = await world.worker.fetch(
        new Request("https://worker.test/health", {
          headers: { Authorization: `Bearer ${await testToken("read", world.clock.now())}` },
        }),
        world.env,
      );
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ schema: { state: "behind", expected: LATEST_MIGRATION } });
    } finally {
      await applyIt();
    }

    // Migration applied: the waiting message, the shop's retried webhook and the next cron all go through.
    await world.cycle();
    await world.cycle();
    const links = await linkRows();
    expect(
      links
        .filter((l) => l.state === "linked")
        .map((l) => l.dataflow)
        .sort(),
    ).toEqual(["customers", "products"]);
    expect(await deadLetterRows()).toEqual([]);
  });

  it("refuses a webhook with 503 and Retry-After while the schema is behind", async () => {
    const world = await createApiWorld();
    const applyIt = await oneMigrationBehind();
    try {
      const { signedRequest } = await import("../webhooks/helpers");
      const response = await world.worker.fetch(
        await signedRequest({ timestamp: Math.floor(world.clock.now() / 1000) }),
        world.env,
      );
      expect(response.status).toBe(503);
      expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
      const body = await response.json<{ error: { code: string; message: string } }>();
      expect(body.error.code).toBe("schema_behind");
      expect(body.error.message).toMatch(/retry later/);
    } finally {
      await applyIt();
    }
  });
});

describe("the code rolled back: a schema one additive migration ahead", () => {
  it("keeps syncing as before", async () => {
    await env.DB.batch([
      env.DB.prepare("ALTER TABLE links ADD COLUMN later_note TEXT"),
      env.DB.prepare("CREATE TABLE later_things (id INTEGER PRIMARY KEY, note TEXT)"),
      env.DB.prepare("INSERT INTO d1_migrations (name) VALUES ('9999_later_things.sql')"),
    ]);
    forgetSchemaState();
    try {
      const world = await createApiWorld();
      world.poweroffice.seed.customer({ IsPerson: false, Name: "Etter Rulling AS" });
      const product = world.shop.seed.product({ sku: "ROLL-1", name: "Rulling", price: "12.00" });
      await world.cycle();
      await world.cycle();
      world.shop.edit("products", product.id, { name: "Rulling 2" });
      await world.cycle();
      const links = await linkRows();
      expect(
        links
          .filter((l) => l.state === "linked")
          .map((l) => l.dataflow)
          .sort(),
      ).toEqual(["customers", "products"]);
      const mirrored = world.poweroffice.list("products").find((p) => p.Code === "ROLL-1");
      expect(mirrored?.Name).toBe("Rulling 2");
      const health = await world.worker.fetch(new Request("https://worker.test/health"), world.env);
      expect(health.status).toBe(200);
    } finally {
      await env.DB.batch([
        env.DB.prepare("DELETE FROM d1_migrations WHERE name = '9999_later_things.sql'"),
        env.DB.prepare("DROP TABLE later_things"),
        env.DB.prepare("ALTER TABLE links DROP COLUMN later_note"),
      ]);
      forgetSchemaState();
    }
  });
});

describe("the schema check's cost", () => {
  it("reads D1 once per isolate while its answer holds, so a quiet cron minute does not pay for it", async () => {
    forgetSchemaState();
    let reads = 0;
    const counting = {
      prepare: (sql: string) => {
        reads += 1;
        return env.DB.prepare(sql);
      },
    } as unknown as D1Database;
    const t0 = Date.now();
    expect((await checkSchema(counting, t0)).state).toBe("current");
    expect((await checkSchema(counting, t0 + 60_000)).state).toBe("current");
    expect((await checkSchema(counting, t0 + USABLE_TTL_MS - 1)).state).toBe("current");
    expect(reads).toBe(1);
    await checkSchema(counting, t0 + USABLE_TTL_MS);
    expect(reads).toBe(2);
  });
});
