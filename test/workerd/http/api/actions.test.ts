/**
 * The admin's actions through the API, on the real engine and both simulators: retry and replay a failed record,
 * resolve a manual conflict, link / unlink / relink by hand, pause and resume a direction (a paused direction makes
 * no writes), release the mass-change brake.
 */
import { describe, expect, it } from "vitest";
import { ActionResultSchema, BrakeReleaseResultSchema, PauseResultSchema } from "../../../../shared/api/actions";
import { API_PATHS } from "../../../../shared/api/paths";
import { RecordResponseSchema } from "../../../../shared/api/records";
import { StatusResponseSchema } from "../../../../shared/api/status";
import { activityRows, linkRows } from "../../jobs/tables";
import { type ApiWorld, createApiWorld } from "./api-world";

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

async function productLink(match: (row: Awaited<ReturnType<typeof linkRows>>[number]) => boolean) {
  const row = (await linkRows("products")).find(match);
  if (!row) throw new Error("no such product link");
  return row;
}

async function failingShopProduct(world: ApiWorld, sku: string) {
  const product = world.shop.seed.product({ sku, name: `Feil ${sku}`, price: "10.00" });
  world.poweroffice.faults.add({ kind: "status", status: 503, method: "POST", path: "/Products", times: Infinity });
  await world.cycle();
  const link = await productLink((l) => l.webshop_id === product.id);
  expect(link.state).toBe("error");
  return { product, link };
}

describe("retry and replay", () => {
  it("retry: one more attempt now, counted; once the cause is gone it links", async () => {
    const world = await createApiWorld();
    const { link } = await failingShopProduct(world, "RETRY-1");
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status);
    expect(status.attention.errors).toBe(1);
    expect(status.attention.deadLetters).toBe(0);

    const again = await world.ok(ActionResultSchema, "POST", API_PATHS.retry(link.id));
    expect(again).toMatchObject({ linkId: link.id, state: "error" });
    expect(again.record?.attempts).toBe(link.attempts + 1);
    expect(again.message).toMatch(/PowerOffice/);
    expect(again.record?.lastError?.message).toBe(again.message);

    world.poweroffice.faults.clear();
    const fixed = await world.ok(ActionResultSchema, "POST", API_PATHS.retry(link.id));
    expect(fixed).toMatchObject({ linkId: link.id, state: "linked" });
    expect(fixed.record?.attempts).toBe(0);
    expect(world.poweroffice.list("products").map((p) => p.Code)).toEqual(["RETRY-1"]);
  });

  it("replay: a record that used up its attempts (dead-lettered) starts afresh", async () => {
    const world = await createApiWorld({ overrides: { limits: { maxAttempts: 1 } } });
    const { link } = await failingShopProduct(world, "REPLAY-1");
    expect(link.next_retry_at).toBeNull();
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status);
    expect(status.attention).toMatchObject({ errors: 1, deadLetters: 1 });
    const detail = await world.ok(RecordResponseSchema, "GET", API_PATHS.record(link.id));
    expect(detail.record.history.map((h) => h.action)).toContain("dead-lettered");
    expect(detail.record.nextRetryAt).toBeNull();

    world.poweroffice.faults.clear();
    const replayed = await world.ok(ActionResultSchema, "POST", API_PATHS.replay(link.id));
    expect(replayed).toMatchObject({ linkId: link.id, state: "linked" });
    expect(world.poweroffice.count("products")).toBe(1);
    expect((await world.ok(StatusResponseSchema, "GET", API_PATHS.status)).attention.deadLetters).toBe(0);
  });

  it("answers 404 for a link that does not exist", async () => {
    const world = await createApiWorld();
    await world.refused("link_not_found", "POST", API_PATHS.retry(4242));
    await world.refused("link_not_found", "POST", API_PATHS.replay(4242));
  });
});

describe("resolve", () => {
  it("applies the admin's side per property to a manual conflict, on both systems", async () => {
    const world = await createApiWorld({ policy: "manual" });
    const product = world.poweroffice.seed.product({ Code: "TE-1", Name: "Te", UnitPrice: 49 });
    for (let i = 0; i < 3; i++) await world.cycle();
    const shopProduct = world.shop.list("products").find((p) => p.sku === "TE-1")!;
    world.clock.advance(10_000);
    world.poweroffice.edit("products", product.Id, { Name: "Te fra PowerOffice" });
    world.clock.advance(10_000);
    world.shop.edit("products", shopProduct.id, { name: "Te fra butikken" });
    await world.cycle();

    const link = await productLink((l) => l.webshop_id === shopProduct.id);
    expect(link.state).toBe("conflict");
    const detail = await world.ok(RecordResponseSchema, "GET", API_PATHS.record(link.id), { token: "read" });
    expect(detail.record.conflicts).toEqual([
      expect.objectContaining({
        property: "name",
        poweroffice: "Te fra PowerOffice",
        webshop: "Te fra butikken",
        winner: null,
      }),
    ]);
    expect(detail.record.differences).toContain("name");
    expect((await world.ok(StatusResponseSchema, "GET", API_PATHS.status)).attention.conflicts).toBe(1);

    const unknown = await world.refused("invalid_request", "POST", API_PATHS.resolve(link.id), {
      body: { choices: { price: "webshop" } },
    });
    expect(unknown.message).toMatch(/no open conflict on price; its open conflicts are on name/);
    await world.refused("invalid_request", "POST", API_PATHS.resolve(link.id), { body: { choices: { name: "mine" } } });

    const resolved = await world.ok(ActionResultSchema, "POST", API_PATHS.resolve(link.id), {
      body: { choices: { name: "webshop" } },
    });
    expect(resolved).toMatchObject({ linkId: link.id, state: "linked" });
    expect(resolved.record?.openConflicts).toBe(0);
    expect(world.poweroffice.get("products", product.Id)?.Name).toBe("Te fra butikken");
    expect(world.shop.get("products", shopProduct.id)?.name).toBe("Te fra butikken");
    await world.refused("no_open_conflicts", "POST", API_PATHS.resolve(link.id), {
      body: { choices: { name: "webshop" } },
    });
  });
});

describe("link, unlink, relink", () => {
  it("unlinks a pair (not synced after), links it again, refuses a taken record, relinks (the shop's refusal in words until the SKU is free)", async () => {
    const world = await createApiWorld();
    const a = world.poweroffice.seed.product({ Code: "A", Name: "Alfa", UnitPrice: 10 });
    const b = world.poweroffice.seed.product({ Code: "B", Name: "Beta", UnitPrice: 20 });
    for (let i = 0; i < 3; i++) await world.cycle();
    const linkA = await productLink((l) => l.poweroffice_id === String(a.Id));
    const linkB = await productLink((l) => l.poweroffice_id === String(b.Id));
    const shopA = linkA.webshop_id!;
    const shopB = linkB.webshop_id!;

    const unlinked = await world.ok(ActionResultSchema, "DELETE", API_PATHS.link(linkA.id));
    expect(unlinked).toMatchObject({ linkId: linkA.id, state: "skipped" });
    expect(unlinked.record?.ids).toEqual({ poweroffice: String(a.Id), webshop: null });
    world.poweroffice.edit("products", a.Id, { Name: "Alfa endret" });
    await world.cycle();
    expect(world.shop.get("products", shopA)?.name).toBe("Alfa");

    const linked = await world.ok(ActionResultSchema, "POST", API_PATHS.links, {
      body: { dataflow: "products", powerofficeId: String(a.Id), webshopId: shopA },
    });
    expect(linked).toMatchObject({ state: "linked" });
    expect(linked.record?.ids).toEqual({ poweroffice: String(a.Id), webshop: shopA });

    const taken = await world.refused("already_linked", "POST", API_PATHS.links, {
      body: { dataflow: "products", powerofficeId: String(a.Id), webshopId: shopB },
    });
    expect(taken.status).toBe(409);
    expect(taken.message).toMatch(/unlink that pair first/);
    await world.refused("already_linked", "POST", API_PATHS.relink(linked.linkId!), { body: { webshopId: shopB } });

    // Relinked to shop B while shop A still holds the SKU: PowerOffice's values win at a first link, so the shop
    // refuses the second "A", and the answer says so in words.
    await world.ok(ActionResultSchema, "DELETE", API_PATHS.link(linkB.id));
    const clash = await world.ok(ActionResultSchema, "POST", API_PATHS.relink(linked.linkId!), {
      body: { webshopId: shopB },
    });
    expect(clash).toMatchObject({ linkId: linkA.id, state: "error" });
    expect(clash.message).toMatch(/already has product .*sku 'A'/);
    expect(clash.record?.ids).toEqual({ poweroffice: String(a.Id), webshop: shopB });

    world.shop.remove("products", shopA);
    const relinked = await world.ok(ActionResultSchema, "POST", API_PATHS.retry(linkA.id));
    expect(relinked).toMatchObject({ linkId: linkA.id, state: "linked" });
    expect(world.shop.get("products", shopB)).toMatchObject({ sku: "A", name: "Alfa endret" });
    const rows = await linkRows("products");
    expect(rows.filter((r) => r.state === "linked").map((r) => [r.poweroffice_id, r.webshop_id])).toEqual([
      [String(a.Id), shopB],
    ]);

    await world.refused("invalid_request", "POST", API_PATHS.relink(linked.linkId!), { body: {} });
    await world.refused("link_not_found", "DELETE", API_PATHS.link(777_777));
  });
});

describe("pause and resume", () => {
  it("a paused direction writes nothing and shows in the status; resumed, what waited goes out", async () => {
    const world = await createApiWorld();
    const product = world.poweroffice.seed.product({ Code: "P-1", Name: "Før", UnitPrice: 10 });
    for (let i = 0; i < 3; i++) await world.cycle();
    const shopProduct = world.shop.list("products").find((p) => p.sku === "P-1")!;

    await world.ok(PauseResultSchema, "POST", API_PATHS.pause("products", "poweroffice-to-webshop"));
    world.poweroffice.edit("products", product.Id, { Name: "Etter" });
    const shopWritesBefore = world.shop.requests.filter((r) => WRITES.has(r.method)).length;
    await world.cycle();
    await world.cycle();
    expect(world.shop.requests.filter((r) => WRITES.has(r.method)).length).toBe(shopWritesBefore);
    expect(world.shop.get("products", shopProduct.id)?.name).toBe("Før");
    const held = await productLink((l) => l.webshop_id === shopProduct.id);
    expect(held.state).toBe("pending");
    expect(held.last_error).toMatch(/^Paused:/);
    const status = await world.ok(StatusResponseSchema, "GET", API_PATHS.status);
    const products = status.dataflows.find((d) => d.dataflow === "products")!;
    expect(products.directions.find((d) => d.direction === "poweroffice-to-webshop")?.paused).toBe(true);
    expect(products.backlog).toBe(1);

    const resumed = await world.ok(PauseResultSchema, "POST", API_PATHS.resume("products", "poweroffice-to-webshop"));
    expect(resumed).toMatchObject({ paused: false, pausedAt: null });
    await world.cycle();
    expect(world.shop.get("products", shopProduct.id)?.name).toBe("Etter");
    const after = await world.ok(StatusResponseSchema, "GET", API_PATHS.status);
    expect(after.dataflows.find((d) => d.dataflow === "products")!.directions.every((d) => !d.paused)).toBe(true);

    await world.refused("invalid_request", "POST", "/api/dataflows/products/sideways/pause");
    await world.refused("invalid_request", "POST", "/api/dataflows/invoices/webshop-to-poweroffice/pause");
  });

  it("releases the mass-change brake and logs it", async () => {
    const world = await createApiWorld();
    const released = await world.ok(BrakeReleaseResultSchema, "POST", API_PATHS.releaseBrake("customers"));
    expect(released).toMatchObject({ dataflow: "customers", message: expect.stringMatching(/released/) });
    expect((await activityRows({ dataflow: "customers", action: "braked" })).length).toBe(1);
  });
});
