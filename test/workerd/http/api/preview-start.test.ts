/**
 * "Start syncing" after the preview (FIRST_SYNC=preview), on the whole worker with both simulators and real local
 * D1: records changed since the preview are planned again, the options (directions, from now on) and a link by hand
 * are honoured by the first sync, refused requests change nothing, and a database that has synced before keeps
 * syncing under FIRST_SYNC=preview.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import {
  PreviewItemSchema,
  PreviewItemsResponseSchema,
  type PreviewResponse,
  PreviewResponseSchema,
} from "../../../../shared/api/preview";
import { linkRows } from "../../jobs/tables";
import { type ApiWorld, createApiWorld } from "./api-world";

const PREVIEW = { bindings: () => ({ FIRST_SYNC: "preview" }) };

const writes = (world: ApiWorld) =>
  [...world.poweroffice.requests, ...world.shop.requests].filter(
    (r) => r.method !== "GET" && !/OAuth\/Token$/.test(r.path),
  );

async function untilReady(world: ApiWorld): Promise<PreviewResponse> {
  for (let i = 0; i < 20; i++) {
    await world.cycle();
    const state = await world.ok(PreviewResponseSchema, "GET", API_PATHS.preview);
    if (state.state === "ready") return state;
  }
  throw new Error("the preview did not become ready in 20 cron runs");
}

async function start(world: ApiWorld, cycles = 6) {
  const started = await world.ok(PreviewResponseSchema, "POST", API_PATHS.previewStart);
  expect(started.state).toBe("started");
  for (let i = 0; i < cycles; i++) await world.cycle();
}

describe("Start syncing", () => {
  it("plans every record again as it reads it: a change made after the preview is what gets synced", async () => {
    const world = await createApiWorld(PREVIEW);
    const shopOnly = world.shop.seed.product({ sku: "NY-1", name: "Ny vare", price: "75.00" });
    world.shop.seed.product({ sku: "NY-2", name: "Snart i begge", price: "20.00" });
    const ready = await untilReady(world);
    expect(ready.dataflows.find((d) => d.dataflow === "products")?.counts.createInPowerOffice).toBe(2);
    // After the preview: a new price in the shop, and the second product made in PowerOffice by hand.
    world.shop.edit("products", shopOnly.id, { price: "80.00" });
    world.poweroffice.seed.product({ Code: "NY-2", Name: "Snart i begge", UnitPrice: 20 });

    await start(world);

    const products = world.poweroffice.list("products");
    expect(products.find((p) => p.Code === "NY-1")?.UnitPrice).toBe(80);
    expect(products.filter((p) => p.Code === "NY-2")).toHaveLength(1);
    const links = await linkRows("products");
    expect(links.map((l) => l.state)).toEqual(["linked", "linked"]);
  });

  it("honours a link by hand: the pair is linked, not matched by key or created again", async () => {
    const world = await createApiWorld(PREVIEW);
    const po = world.poweroffice.seed.customer({ IsPerson: true, FirstName: "Per", EmailAddress: "per@example.no" });
    const one = world.shop.seed.customer({
      kind: "person",
      first_name: "Per",
      last_name: "En",
      email: "per@example.no",
    });
    const two = world.shop.seed.customer({
      kind: "person",
      first_name: "Per",
      last_name: "To",
      email: "per@example.no",
    });
    await untilReady(world);
    const item = await world.ok(PreviewItemSchema, "POST", API_PATHS.previewLinks, {
      body: { dataflow: "customers", powerofficeId: String(po.Id), webshopId: two.id },
    });
    expect(item).toMatchObject({ action: "link", matchedBy: "by hand" });
    const after = await world.ok(PreviewResponseSchema, "GET", API_PATHS.preview);
    expect(after.dataflows.find((d) => d.dataflow === "customers")?.counts).toMatchObject({ link: 1, ambiguous: 1 });
    expect(writes(world)).toEqual([]);

    await start(world);

    const links = await linkRows("customers");
    expect(links.find((l) => l.webshop_id === two.id)).toMatchObject({
      poweroffice_id: String(po.Id),
      state: "linked",
    });
    expect(links.find((l) => l.webshop_id === one.id)?.state).toBe("ambiguous");
    expect(world.poweroffice.count("customers")).toBe(1);
  });

  it("turns a direction turned off in the options into that direction's pause", async () => {
    const world = await createApiWorld(PREVIEW);
    world.poweroffice.seed.product({ Code: "PO-1", Name: "Fra PowerOffice", UnitPrice: 10 });
    world.shop.seed.product({ sku: "WS-1", name: "Fra butikken", price: "10.00" });
    await untilReady(world);
    const options = await world.ok(PreviewResponseSchema, "PUT", API_PATHS.previewOptions, {
      body: { scope: "full", directions: { products: { toWebshop: true, toPowerOffice: false } } },
    });
    expect(options.options.directions.products).toEqual({ toWebshop: true, toPowerOffice: false });

    await start(world);

    expect(
      world.shop
        .list("products")
        .map((p) => p.sku)
        .sort(),
    ).toEqual(["PO-1", "WS-1"]);
    expect(world.poweroffice.list("products").map((p) => p.Code)).toEqual(["PO-1"]);
    const pause = await env.DB.prepare("SELECT value FROM settings WHERE key = ?")
      .bind("pause:products:webshop-to-poweroffice")
      .first();
    expect(pause).not.toBeNull();
  });

  it("from now on: nothing read in the preview is synced, a change after the start is", async () => {
    const world = await createApiWorld(PREVIEW);
    const old = world.shop.seed.product({ sku: "GAMMEL", name: "Gammel vare", price: "10.00" });
    world.poweroffice.seed.customer({ IsPerson: true, FirstName: "Eldre", EmailAddress: "eldre@example.no" });
    await untilReady(world);
    await world.ok(PreviewResponseSchema, "PUT", API_PATHS.previewOptions, {
      body: { scope: "from-now", directions: {} },
    });

    await start(world, 3);
    expect(writes(world)).toEqual([]);

    world.shop.edit("products", old.id, { price: "12.00" });
    for (let i = 0; i < 3; i++) await world.cycle();
    expect(world.poweroffice.list("products").map((p) => [p.Code, p.UnitPrice])).toEqual([["GAMMEL", 12]]);
    expect(world.shop.count("customers")).toBe(0);
  });
});

describe("refusals change nothing", () => {
  it("answers bad input, unknown records and early starts in words, with nothing stored", async () => {
    const world = await createApiWorld(PREVIEW);
    const po = world.poweroffice.seed.product({ Code: "A-1", Name: "A", UnitPrice: 1 });
    const shop = world.shop.seed.product({ sku: "B-1", name: "B", price: "1.00" });
    const early = await world.refused("preview_not_ready", "POST", API_PATHS.previewStart);
    expect(early.message).toMatch(/still reading/);
    await untilReady(world);
    const stored = async () =>
      (await env.DB.prepare("SELECT key, value FROM settings WHERE key LIKE 'first-sync%' ORDER BY key").all()).results;
    const linksBefore = await linkRows();
    const settingsBefore = await stored();

    await world.refused("invalid_request", "PUT", API_PATHS.previewOptions, {
      body: { scope: "everything", directions: {} },
    });
    await world.refused("invalid_request", "PUT", API_PATHS.previewOptions, {
      body: { scope: "full", directions: { invoices: { toWebshop: true, toPowerOffice: true } } },
    });
    const badId = await world.refused("invalid_request", "POST", API_PATHS.previewLinks, {
      body: { dataflow: "products", powerofficeId: "abc", webshopId: shop.id },
    });
    expect(badId.message).toMatch(/powerofficeId/);
    await world.refused("record_not_found", "POST", API_PATHS.previewLinks, {
      body: { dataflow: "products", powerofficeId: "999999", webshopId: shop.id },
    });
    await world.refused("invalid_request", "GET", `${API_PATHS.previewItems}?limit=500`);
    await world.refused("invalid_request", "GET", `${API_PATHS.previewItems}?action=delete`);
    await world.refused("scope_insufficient", "POST", API_PATHS.previewStart, { token: "read" });
    // Actions that sync a record wait for the start.
    await world.refused("first_sync_not_started", "POST", API_PATHS.push, {
      body: { resource: "products", id: shop.id },
      headers: { "Idempotency-Key": "k-1" },
    });
    await world.refused("first_sync_not_started", "POST", API_PATHS.links, {
      body: { dataflow: "products", powerofficeId: String(po.Id), webshopId: shop.id },
    });

    expect(await linkRows()).toEqual(linksBefore);
    expect(await stored()).toEqual(settingsBefore);
    expect(writes(world)).toEqual([]);
    const page = await world.ok(
      PreviewItemsResponseSchema,
      "GET",
      `${API_PATHS.previewItems}?dataflow=products&limit=1`,
    );
    expect(page.data).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const next = await world.ok(
      PreviewItemsResponseSchema,
      "GET",
      `${API_PATHS.previewItems}?dataflow=products&limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.data[0]?.id).not.toBe(page.data[0]?.id);
    expect(next.nextCursor).toBeNull();
    const csv = await world.send("GET", `${API_PATHS.previewItemsCsv}?dataflow=products`);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "dataflow,action,matched_by,poweroffice_id,poweroffice_label,webshop_id,webshop_label,candidates,reason,differences",
    );
    expect(lines).toHaveLength(3);
  });
});

describe("upgrades", () => {
  it("a database that has synced keeps syncing under FIRST_SYNC=preview", async () => {
    const world = await createApiWorld(PREVIEW);
    // A link from an earlier sync (before FIRST_SYNC existed).
    await env.DB.prepare(
      "INSERT INTO links (dataflow, poweroffice_id, webshop_id, state, created_at, updated_at) VALUES ('products', '1', 'p-old', 'linked', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
    ).run();
    world.shop.seed.product({ sku: "NY", name: "Ny", price: "5.00" });
    for (let i = 0; i < 4; i++) await world.cycle();
    expect(world.poweroffice.list("products").map((p) => p.Code)).toEqual(["NY"]);
    const state = await world.ok(PreviewResponseSchema, "GET", API_PATHS.preview);
    expect(state.state).toBe("started");
  });
});
