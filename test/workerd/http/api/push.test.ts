/**
 * POST /api/push: one shop record synced to PowerOffice inside the request, answered with its new state. The same
 * Idempotency-Key answers the same again without a second sync; no key, or a key reused for another record, is refused.
 */
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import { WebshopRecordStatusSchema } from "../../../../shared/api/records";
import { markFirstSyncDone } from "../../first-sync-done";
import { createApiWorld } from "./api-world";

type ApiWorld = Awaited<ReturnType<typeof createApiWorld>>;

const push = (resource: string, id: string) => ({ resource, id });

describe("POST /api/push", () => {
  it("creates the shop's product in PowerOffice now and answers linked with PowerOffice's id", async () => {
    const world = await createApiWorld();
    await markFirstSyncDone();
    const product = world.shop.seed.product({ sku: "TE-1", name: "Grønn te", price: "49.00" });
    const answer = await world.ok(WebshopRecordStatusSchema, "POST", API_PATHS.push, {
      body: push("products", product.id),
      headers: { "Idempotency-Key": "push-te-1" },
    });
    const created = world.poweroffice.list("products").find((p) => p.Code === "TE-1");
    expect(created?.Name).toBe("Grønn te");
    expect(answer).toMatchObject({ resource: "products", id: product.id, dataflow: "products", state: "linked" });
    expect(answer.record?.ids).toEqual({ poweroffice: String(created!.Id), webshop: product.id });
  });

  it("answers a second click with the same key the same, without a second sync", async () => {
    const world = await createApiWorld();
    await markFirstSyncDone();
    const product = world.shop.seed.product({ sku: "TE-2", name: "Svart te", price: "59.00" });
    const headers = { "Idempotency-Key": "0b8f3c1e-2c57-4d0e-9a51-6f1f0c3d2a10" };
    const first = await world.send("POST", API_PATHS.push, { body: push("products", product.id), headers });
    const firstBody = await first.json();
    const requestsAfterFirst = world.poweroffice.requests.length + world.shop.requests.length;

    world.clock.advance(5_000);
    const second = await world.send("POST", API_PATHS.push, { body: push("products", product.id), headers });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual(firstBody);
    expect(second.headers.get("Idempotent-Replayed")).toBe("true");
    expect(first.headers.get("Idempotent-Replayed")).toBeNull();
    expect(world.poweroffice.requests.length + world.shop.requests.length).toBe(requestsAfterFirst);
    expect(world.poweroffice.count("products")).toBe(1);

    // A new click (a new key) does sync again.
    await world.ok(WebshopRecordStatusSchema, "POST", API_PATHS.push, {
      body: push("products", product.id),
      headers: { "Idempotency-Key": "another-click" },
    });
    expect(world.shop.requests.length).toBeGreaterThan(0);
    expect(world.poweroffice.requests.length + world.shop.requests.length).toBeGreaterThan(requestsAfterFirst);
  });

  it("refuses a push without Idempotency-Key (400) and a key reused for another record (422)", async () => {
    const world = await createApiWorld();
    await markFirstSyncDone();
    const a = world.shop.seed.product({ sku: "A-1", name: "A", price: "1.00" });
    const b = world.shop.seed.product({ sku: "B-1", name: "B", price: "2.00" });
    const missing = await world.refused("idempotency_key_missing", "POST", API_PATHS.push, {
      body: push("products", a.id),
    });
    expect(missing.status).toBe(400);
    expect(world.poweroffice.requests).toEqual([]);
    await world.refused("invalid_request", "POST", API_PATHS.push, {
      body: push("products", a.id),
      headers: { "Idempotency-Key": "has spaces" },
    });

    await world.ok(WebshopRecordStatusSchema, "POST", API_PATHS.push, {
      body: push("products", a.id),
      headers: { "Idempotency-Key": "k-a" },
    });
    const reused = await world.refused("idempotency_key_reused", "POST", API_PATHS.push, {
      body: push("products", b.id),
      headers: { "Idempotency-Key": "k-a" },
    });
    expect(reused.status).toBe(422);
    expect(world.poweroffice.list("products").map((p) => p.Code)).toEqual(["A-1"]);
  });

  it("refuses a body that is not a push, and a record the shop does not have (404)", async () => {
    const world = await createApiWorld();
    await markFirstSyncDone();
    const headers = { "Idempotency-Key": "k-bad" };
    expect(
      (
        await world.refused("invalid_request", "POST", API_PATHS.push, {
          body: { resource: "invoices", id: "1" },
          headers,
        })
      ).message,
    ).toMatch(/resource/);
    await world.refused("invalid_request", "POST", API_PATHS.push, { body: { resource: "products" }, headers });
    await world.refused("record_not_found", "POST", API_PATHS.push, {
      body: push("products", "prod_missing"),
      headers: { "Idempotency-Key": "k-missing" },
    });
  });

  it("answers 409 push_in_progress to a second click while the first still waits on PowerOffice, and syncs once", async () => {
    // The first push waits 2 × 50 s on PowerOffice's 429s (Retry-After), far past a lease that is not renewed while
    // it works; the second click with the same key comes in during the second wait.
    let world: ApiWorld | undefined;
    let started = 0;
    let second: { status: number; code: unknown; requests: number } | undefined;
    const headers = { "Idempotency-Key": "k-slow" };
    const sleep = async (ms: number) => {
      world!.clock.advance(ms);
      if (second || world!.clock.now() - started < 90_000) return;
      const before = world!.poweroffice.requests.length + world!.shop.requests.length;
      const answer = await world!.send("POST", API_PATHS.push, { body: push("products", product.id), headers });
      const body = (await answer.json()) as { error?: { code?: unknown } };
      second = {
        status: answer.status,
        code: body.error?.code,
        requests: world!.poweroffice.requests.length + world!.shop.requests.length - before,
      };
    };
    world = await createApiWorld({ overrides: { sleep } as never });
    await markFirstSyncDone();
    const product = world.shop.seed.product({ sku: "SLOW-1", name: "Sakte", price: "9.00" });
    world.poweroffice.faults.add({ path: "/Products", kind: "status", status: 429, headers: { "Retry-After": "50" } });
    world.poweroffice.faults.add({ path: "/Products", kind: "status", status: 429, headers: { "Retry-After": "50" } });
    started = world.clock.now();
    const first = await world.send("POST", API_PATHS.push, { body: push("products", product.id), headers });

    expect(second).toEqual({ status: 409, code: "push_in_progress", requests: 0 });
    expect(first.status).toBe(200);
    expect(world.poweroffice.count("products")).toBe(1);
    // Later repeats get the first push's answer.
    const again = await world.send("POST", API_PATHS.push, { body: push("products", product.id), headers });
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
  });

  it("answers 409 push_in_progress while another request holds the same key", async () => {
    const world = await createApiWorld();
    await markFirstSyncDone();
    const product = world.shop.seed.product({ sku: "C-1", name: "C", price: "3.00" });
    const { keyHash, pushLeaseName, PUSH_LEASE_TTL_MS } = await import("../../../../worker/http/api/push-answers");
    const { buildDeps } = await import("../../../../worker/wiring/build-deps");
    const deps = buildDeps(world.env, { now: world.clock.now });
    const lease = pushLeaseName(await keyHash("k-busy"));
    expect(await deps.store.leases.acquire(lease, "someone-else", PUSH_LEASE_TTL_MS, world.clock.now())).toBe(true);
    await world.refused("push_in_progress", "POST", API_PATHS.push, {
      body: push("products", product.id),
      headers: { "Idempotency-Key": "k-busy" },
    });
    expect(world.poweroffice.count("products")).toBe(0);
  });
});
