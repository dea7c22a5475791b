/**
 * GET /api/go-live and POST /api/go-live/check-webshop: the go-live checklist on the real local D1, with the shop
 * checks run against the reference webshop and against broken variants of it (a wrong token, a feed of the wrong
 * shape, a shop open without a token, a lookup that ignores its filter, a shop that is not there). The checks only
 * ever read: every request the shop saw is a GET.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { type GoLiveItem, type GoLiveResponse, GoLiveResponseSchema } from "../../../../shared/api/go-live";
import { API_PATHS } from "../../../../shared/api/paths";
import { PreviewResponseSchema } from "../../../../shared/api/preview";
import { WEBHOOK_RECEIVED_KEY, WEBSHOP_CHECK_KEY } from "../../../../worker/store/go-live-settings";
import { type ApiWorld, createApiWorld } from "./api-world";

const item = (answer: GoLiveResponse, id: GoLiveItem["id"]) => answer.items.find((i) => i.id === id)!;

async function setting(key: string): Promise<{ value: string; updated_at: string } | null> {
  return env.DB.prepare("SELECT value, updated_at FROM settings WHERE key = ?").bind(key).first();
}

/** Every request the shop saw was a read. */
function expectOnlyReads(world: ApiWorld) {
  expect(world.shop.requests.length).toBeGreaterThan(0);
  expect(world.shop.requests.filter((r) => r.method !== "GET")).toEqual([]);
}

type ShopFetch = (request: Request) => Promise<Response>;

/** Replaces the shop's answers to the requests `pick` chooses (a broken shop); the rest go to the reference shop. */
function breakShop(world: ApiWorld, pick: (request: Request, reference: ShopFetch) => Promise<Response> | null) {
  const reference = world.shop.fetch;
  world.shop.fetch = async (request) => pick(request, reference) ?? reference(request);
}

describe("GET /api/go-live: the shop's API", () => {
  it("runs the read-only shop checks once at the first read, keeps the result with when it ran, and reads it back after", async () => {
    const world = await createApiWorld();
    world.shop.seed.product({ sku: "LAMPE-1", name: "Lampe", price: "10.00" });
    world.shop.seed.product({ sku: "LAMPE-2", name: "Lampe 2", price: "12.00" });
    world.shop.seed.customer({ kind: "person", name: "Kari Nordmann", email: "kari@example.no" });

    const first = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive, { token: "read" });
    expect(first.items.map((i) => i.id)).toEqual([
      "poweroffice-connected",
      "poweroffice-privileges",
      "webshop-api",
      "webhook-received",
      "preview-reviewed",
      "syncing",
    ]);
    const shopItem = item(first, "webshop-api");
    expect(shopItem).toMatchObject({
      ready: true,
      problem: null,
      checkedAt: new Date(world.clock.now()).toISOString(),
    });
    expect(shopItem.details).toHaveLength(7);
    expect(shopItem.details.every((line) => line.startsWith("Passed: "))).toBe(true);
    expect(shopItem.details.join("\n")).toContain("sku=LAMPE-1");
    expectOnlyReads(world);
    expect(world.shop.requests).toHaveLength(7);
    const kept = await setting(WEBSHOP_CHECK_KEY);
    expect(JSON.parse(kept!.value)).toMatchObject({ ranAt: shopItem.checkedAt, problem: null });

    world.clock.advance(60_000);
    const again = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive, { token: "read" });
    expect(item(again, "webshop-api")).toEqual(shopItem);
    expect(world.shop.requests).toHaveLength(7);
  });

  it("POST /api/go-live/check-webshop runs them again now (write scope); a read token is refused", async () => {
    const world = await createApiWorld();
    await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    await world.refused("scope_insufficient", "POST", API_PATHS.goLiveCheckWebshop, { token: "read" });
    expect(world.shop.requests).toHaveLength(7);
    world.clock.advance(5 * 60_000);
    const checked = await world.ok(GoLiveResponseSchema, "POST", API_PATHS.goLiveCheckWebshop);
    expect(item(checked, "webshop-api").checkedAt).toBe(new Date(world.clock.now()).toISOString());
    expect(world.shop.requests).toHaveLength(14);
    expectOnlyReads(world);
  });

  it("a token the shop does not accept: not ready, and the sentence names WEBSHOP_API_TOKEN", async () => {
    const world = await createApiWorld({ bindings: () => ({ WEBSHOP_API_TOKEN: "not-the-shops-token" }) });
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const shopItem = item(answer, "webshop-api");
    expect(shopItem.ready).toBe(false);
    expect(shopItem.problem?.code).toBe("webshop-token-refused");
    expect(shopItem.problem?.message).toMatch(
      /refused the worker's token \(HTTP 401 on GET .*\/customers\?limit=1\).*set WEBSHOP_API_TOKEN/,
    );
    expect(answer.live).toBe(false);
    // Without an accepted token the lookups are not tried; the auth checks still are.
    expect(shopItem.details.filter((d) => d.startsWith("Failed: "))).toHaveLength(3);
    expect(shopItem.details.filter((d) => d.startsWith("Passed: "))).toHaveLength(2);
    expectOnlyReads(world);
  });

  it("a feed of the wrong shape: not ready, and the sentence names the feed and what is wrong", async () => {
    const world = await createApiWorld();
    breakShop(world, (request) =>
      new URL(request.url).pathname === "/api/products" && !new URL(request.url).searchParams.has("sku")
        ? Promise.resolve(Response.json({ items: [], more: false }))
        : null,
    );
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const shopItem = item(answer, "webshop-api");
    expect(shopItem.problem?.code).toBe("webshop-feed-invalid");
    expect(shopItem.problem?.message).toMatch(/products list has no data.*GET .*\/products\?limit=1.*shop's developer/);
    expectOnlyReads(world);
  });

  it("a shop that answers without a token: not ready, the sentence says anyone could read the customers", async () => {
    const world = await createApiWorld();
    breakShop(world, (request, reference) =>
      request.headers.has("Authorization")
        ? null
        : reference(new Request(request, { headers: { Authorization: `Bearer ${env.WEBSHOP_API_TOKEN}` } })),
    );
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const shopItem = item(answer, "webshop-api");
    expect(shopItem.problem?.code).toBe("webshop-open-without-token");
    expect(shopItem.problem?.message).toMatch(/without a token with HTTP 200: anyone could read your customers/);
  });

  it("a lookup that ignores its filter: not ready, the sentence names the lookup and the stray record", async () => {
    const world = await createApiWorld();
    world.shop.seed.product({ sku: "A-1", name: "A", price: "1.00" });
    world.shop.seed.product({ sku: "B-2", name: "B", price: "2.00" });
    breakShop(world, (request, reference) => {
      const url = new URL(request.url);
      if (!url.searchParams.has("sku")) return null;
      return reference(new Request(`${url.origin}${url.pathname}`, { headers: request.headers }));
    });
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const shopItem = item(answer, "webshop-api");
    expect(shopItem.problem?.code).toBe("webshop-lookup-invalid");
    expect(shopItem.problem?.message).toMatch(/lookup GET .*\/products\?sku=A-1 .*whose sku is not "A-1"/);
  });

  it("a shop that is not there: not ready, the sentence says to check WEBSHOP_BASE_URL, and nothing more is tried", async () => {
    const world = await createApiWorld({ bindings: () => ({ WEBSHOP_BASE_URL: "https://offline.sim/api" }) });
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const shopItem = item(answer, "webshop-api");
    expect(shopItem.problem?.code).toBe("webshop-unreachable");
    expect(shopItem.problem?.message).toMatch(/could not reach your shop's API .*check that WEBSHOP_BASE_URL/);
    expect(shopItem.details).toHaveLength(1);
    expect(world.shop.requests).toHaveLength(0);
  });
});

describe("GET /api/go-live: the first signed webhook", () => {
  it("is not ready until a signed webhook was verified, then names it; a forged one does not count", async () => {
    const world = await createApiWorld();
    const before = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    expect(item(before, "webhook-received")).toMatchObject({ ready: false, problem: { code: "webhook-not-received" } });
    expect(item(before, "webhook-received").problem?.message).toContain("https://worker.test/webhooks/webshop");

    const forged = await world.worker.fetch(
      new Request("https://worker.test/webhooks/webshop", {
        method: "POST",
        headers: {
          "webhook-id": "msg_forged",
          "webhook-timestamp": String(Math.floor(world.clock.now() / 1000)),
          "webhook-signature": "v1,AAAA",
          "content-type": "application/json",
        },
        body: JSON.stringify({
          type: "product.updated",
          timestamp: "2026-11-26T12:00:00.000Z",
          data: { id: "p", version: 1 },
        }),
      }),
      world.env,
    );
    expect(forged.status).toBe(401);
    expect(await setting(WEBHOOK_RECEIVED_KEY)).toBeNull();

    const product = world.shop.seed.product({ sku: "HOOK-1", name: "Krok", price: "5.00" });
    world.shop.edit("products", product.id, { name: "Krok 2" });
    await world.deliverWebhooks();
    const sent = world.shop.webhooks.sent[0]!;
    const after = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const hook = item(after, "webhook-received");
    expect(hook).toMatchObject({ ready: true, problem: null, checkedAt: new Date(world.clock.now()).toISOString() });
    expect(hook.details[0]).toContain(`(product.updated, id ${sent.id})`);
  });

  it("is recorded once per isolate: later webhooks add nothing to intake's batch", async () => {
    const world = await createApiWorld();
    const product = world.shop.seed.product({ sku: "HOOK-2", name: "Krok", price: "5.00" });
    world.shop.edit("products", product.id, { name: "Krok A" });
    await world.deliverWebhooks();
    expect(await setting(WEBHOOK_RECEIVED_KEY)).not.toBeNull();
    // Gone from D1 behind the worker's back: the same worker does not write it again (it no longer asks).
    await env.DB.prepare("DELETE FROM settings WHERE key = ?").bind(WEBHOOK_RECEIVED_KEY).run();
    world.shop.edit("products", product.id, { name: "Krok B" });
    await world.deliverWebhooks();
    expect(world.webhookAnswers.every((status) => status < 300)).toBe(true);
    expect(await setting(WEBHOOK_RECEIVED_KEY)).toBeNull();
  });

  it("a deployment that took webhooks before the checklist existed counts its inbox", async () => {
    const world = await createApiWorld();
    await env.DB.prepare(
      `INSERT INTO webhook_inbox (webhook_id, received_at, event_type, resource, resource_id, version, status)
       VALUES ('msg_old', '2026-10-01T08:00:00.000Z', 'customer.updated', 'customers', 'c1', 2, 'processed')`,
    ).run();
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    expect(item(answer, "webhook-received")).toMatchObject({ ready: true, checkedAt: "2026-10-01T08:00:00.000Z" });
  });
});

describe("GET /api/go-live: PowerOffice", () => {
  it("connected through the secret, every privilege held: both items ready, naming the company PowerOffice reports", async () => {
    const world = await createApiWorld();
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    expect(item(answer, "poweroffice-connected")).toMatchObject({ ready: true, problem: null });
    expect(item(answer, "poweroffice-connected").details[0]).toMatch(
      /^Connected to .+ \(\d{9}\), production, through the POWEROFFICE_CLIENT_KEY secret\.$/,
    );
    expect(item(answer, "poweroffice-privileges")).toMatchObject({ ready: true, problem: null });
  });

  it("a privilege PowerOffice withholds: not ready, each one named with what to do", async () => {
    const world = await createApiWorld();
    world.poweroffice.onboarding.setInvalidPrivileges(["Products_Full"]);
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const privileges = item(answer, "poweroffice-privileges");
    expect(privileges.ready).toBe(false);
    expect(privileges.problem?.code).toBe("poweroffice-privileges-missing");
    expect(privileges.problem?.message).toMatch(/lacks a privilege in PowerOffice \(products\)/);
    expect(privileges.details).toEqual([expect.stringMatching(/^Products_Full \(products\): Ask an administrator/)]);
    expect(answer.live).toBe(false);
  });

  it("not connected (no secret, nothing connected from the widget): not ready, the sentence says to connect", async () => {
    const world = await createApiWorld({ bindings: () => ({ POWEROFFICE_CLIENT_KEY: undefined as never }) });
    const answer = await world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    expect(item(answer, "poweroffice-connected")).toMatchObject({
      ready: false,
      problem: { code: "poweroffice-not-connected", message: expect.stringMatching(/press Connect PowerOffice/) },
    });
    expect(item(answer, "poweroffice-privileges").problem?.code).toBe("poweroffice-privileges-not-checked");
    expect(answer.live).toBe(false);
    expect(world.poweroffice.requests).toEqual([]);
  });
});

describe("GET /api/go-live: the preview and syncing (FIRST_SYNC=preview)", () => {
  it("walks from reading to live: the preview read, opened, started, the first run, a webhook; nothing written before Start", async () => {
    const world = await createApiWorld({ bindings: () => ({ FIRST_SYNC: "preview" }) });
    world.poweroffice.seed.product({ Code: "VARE-1", Name: "Vare en", UnitPrice: 100 });
    const shopProduct = world.shop.seed.product({ sku: "SHOP-1", name: "Butikkvare", price: "10.00" });
    const get = () => world.ok(GoLiveResponseSchema, "GET", API_PATHS.goLive);
    const writes = () =>
      [...world.poweroffice.requests, ...world.shop.requests].filter(
        (r) => r.method !== "GET" && !/OAuth\/Token$/.test(r.path),
      );

    const reading = await get();
    expect(item(reading, "preview-reviewed").problem?.code).toBe("preview-reading");
    expect(item(reading, "syncing").problem?.code).toBe("syncing-not-started");

    for (let i = 0; i < 10; i++) {
      await world.cycle();
      if ((await world.ok(PreviewResponseSchema, "GET", API_PATHS.preview)).state === "ready") break;
    }
    const ready = await get();
    expect(item(ready, "preview-reviewed")).toMatchObject({
      ready: false,
      problem: { code: "preview-not-reviewed", message: expect.stringMatching(/open it and read/) },
    });

    await world.ok(PreviewResponseSchema, "POST", API_PATHS.previewReviewed);
    const reviewed = await get();
    expect(item(reviewed, "preview-reviewed")).toMatchObject({ ready: true, checkedAt: expect.any(String) });
    expect(item(reviewed, "syncing").problem?.code).toBe("syncing-not-started");
    expect(writes()).toEqual([]);

    await world.ok(PreviewResponseSchema, "POST", API_PATHS.previewStart);
    const started = await get();
    expect(item(started, "syncing")).toMatchObject({
      ready: false,
      problem: { code: "syncing-waiting-for-first-run" },
    });

    await world.cycle();
    await world.cycle();
    world.shop.edit("products", shopProduct.id, { name: "Butikkvare 2" });
    await world.settle();
    const live = await get();
    expect(live.items.filter((i) => !i.ready)).toEqual([]);
    expect(live.live).toBe(true);
    expect(item(live, "syncing").details[0]).toMatch(/^Syncing since /);
  });
});
