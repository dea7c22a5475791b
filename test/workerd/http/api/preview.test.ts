/**
 * The preview before the first sync (FIRST_SYNC=preview), on the whole worker with both simulators and real local
 * D1: it reads both systems and writes nothing to either (every write to both simulators counted), its counts are
 * what the first sync then does, Start runs the normal first sync (a record changed since the preview is planned
 * again), the options and a link by hand are honoured, bad input changes nothing, and a database that has synced
 * keeps syncing whatever FIRST_SYNC says.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import {
  type PreviewCounts,
  PreviewItemSchema,
  PreviewItemsResponseSchema,
  type PreviewResponse,
  PreviewResponseSchema,
} from "../../../../shared/api/preview";
import { linkRows } from "../../jobs/tables";
import { type ApiWorld, createApiWorld } from "./api-world";

const PREVIEW = { bindings: () => ({ FIRST_SYNC: "preview" }) };

/** Every request that changes something in either system (the PowerOffice token request is a read). */
function writes(world: ApiWorld): string[] {
  return [...world.poweroffice.requests, ...world.shop.requests]
    .filter((r) => r.method !== "GET" && !/OAuth\/Token$/.test(r.path))
    .map((r) => `${r.method} ${r.path}`);
}

async function preview(world: ApiWorld): Promise<PreviewResponse> {
  return world.ok(PreviewResponseSchema, "GET", API_PATHS.preview);
}

/** Cron runs until the preview is ready (each reads as many pages as its budget allows). */
async function untilReady(world: ApiWorld): Promise<PreviewResponse> {
  for (let i = 0; i < 20; i++) {
    await world.cycle();
    const state = await preview(world);
    if (state.state === "ready") return state;
  }
  throw new Error("the preview did not become ready in 20 cron runs");
}

async function items(world: ApiWorld, query: string) {
  return world.ok(PreviewItemsResponseSchema, "GET", `${API_PATHS.previewItems}?${query}`);
}

/** Customers, products, departments and orders with matches, creates both ways, ambiguous and archived records. */
function seedMixed(world: ApiWorld) {
  const po = world.poweroffice;
  const shop = world.shop;
  // Customers: one pair by org number (phone differs), one each side alone, one e-mail on three records, archived.
  po.seed.customer({ IsPerson: false, Name: "Fjord AS", OrganizationNumber: "952601814", PhoneNumber: "11111111" });
  shop.seed.customer({ kind: "company", name: "Fjord AS", organization_number: "952 601 814", phone: "22222222" });
  po.seed.customer({ IsPerson: true, FirstName: "Kari", LastName: "Po", EmailAddress: "kari@example.no" });
  shop.seed.customer({ kind: "person", first_name: "Ola", last_name: "Shop", email: "ola@example.no" });
  po.seed.customer({ IsPerson: true, FirstName: "Amb", LastName: "Po", EmailAddress: "amb@example.no" });
  shop.seed.customer({ kind: "person", first_name: "Amb", last_name: "One", email: "amb@example.no" });
  shop.seed.customer({ kind: "person", first_name: "Amb", last_name: "Two", email: "AMB@example.no" });
  po.seed.customer({
    IsPerson: true,
    FirstName: "Gammel",
    LastName: "Kunde",
    EmailAddress: "old@example.no",
    IsArchived: true,
  });
  shop.seed.customer({
    kind: "person",
    first_name: "Sovende",
    last_name: "Kunde",
    email: "sleep@example.no",
    active: false,
  });
  // Two PowerOffice customers with one e-mail and none in the shop: the first is created there, the second then
  // matches that new shop customer, which is taken.
  po.seed.customer({ IsPerson: true, FirstName: "Dup", LastName: "En", EmailAddress: "dup@example.no" });
  po.seed.customer({ IsPerson: true, FirstName: "Dup", LastName: "To", EmailAddress: "dup@example.no" });
  // Products: a pair by SKU, one each side alone, one archived in PowerOffice.
  po.seed.product({ Code: "VARE-1", Name: "Vare en", UnitPrice: 100 });
  const paired = shop.seed.product({ sku: "vare-1", name: "Vare en", price: "100.00" });
  po.seed.product({ Code: "VARE-2", Name: "Bare i PowerOffice", UnitPrice: 50 });
  shop.seed.product({ sku: "VARE-3", name: "Bare i butikken", price: "75.00" });
  po.seed.product({ Code: "VARE-4", Name: "Utgått", UnitPrice: 10, IsArchived: true });
  po.seed.department({ Code: "900", Name: "Lager", IsActive: true });
  // Orders: one open in the shop (created in PowerOffice), one cancelled (skipped).
  const buyer = shop.seed.customer({ kind: "company", name: "Kjøper AS", organization_number: "923 609 016" });
  shop.seed.order({ customer_id: buyer.id, order_number: "10001", lines: [{ product_id: paired.id, quantity: 2 }] });
  shop.seed.order({
    customer_id: buyer.id,
    order_number: "10002",
    status: "cancelled",
    lines: [{ product_id: paired.id, quantity: 1 }],
  });
}

const total = (p: PreviewResponse, key: keyof PreviewCounts) => p.dataflows.reduce((n, d) => n + d.counts[key], 0);

describe("preview before the first sync", () => {
  it("reads both systems and plans without a single write to either, across options, a link by hand and a refresh", async () => {
    const world = await createApiWorld(PREVIEW);
    seedMixed(world);
    const before = await preview(world);
    expect(before.state).toBe("reading");

    const ready = await untilReady(world);
    expect(ready.progress.every((p) => p.readToEnd)).toBe(true);
    await world.ok(PreviewResponseSchema, "PUT", API_PATHS.previewOptions, {
      body: { scope: "full", directions: { products: { toWebshop: false, toPowerOffice: true } } },
    });
    const amb = await items(world, "dataflow=customers&action=ambiguous");
    const po = amb.data.find((i) => i.poweroffice)!.poweroffice!;
    const shopOne = amb.data.find((i) => i.webshop?.label.includes("One"))!.webshop!;
    await world.ok(PreviewItemSchema, "POST", API_PATHS.previewLinks, {
      body: { dataflow: "customers", powerofficeId: po.id, webshopId: shopOne.id },
    });
    await world.ok(PreviewResponseSchema, "POST", API_PATHS.previewReviewed);
    // A shop edit's webhook arrives during the preview: kept in the inbox, not synced.
    world.shop.edit("customers", shopOne.id, { phone: "99999999" });
    await world.deliverWebhooks();
    await world.ok(PreviewResponseSchema, "POST", API_PATHS.previewRefresh);
    for (let i = 0; i < 5; i++) await world.cycle();

    expect(writes(world)).toEqual([]);
    const inbox = await env.DB.prepare("SELECT status FROM webhook_inbox").all<{ status: string }>();
    expect(inbox.results.map((r) => r.status)).toEqual(["received"]);
    expect((await preview(world)).state).toBe("ready");
  });

  it("counts what the first sync then does: links, creates on each side, ambiguous and skipped records", async () => {
    const world = await createApiWorld(PREVIEW);
    seedMixed(world);
    const ready = await untilReady(world);
    const counts = Object.fromEntries(ready.dataflows.map((d) => [d.dataflow, d.counts]));
    expect(counts.customers).toEqual({
      link: 1,
      createInPowerOffice: 2,
      createInWebshop: 2,
      ambiguous: 4,
      skip: 2,
      differing: 1,
    });
    const fjord = await items(world, "dataflow=customers&action=differing");
    expect(fjord.data).toEqual([
      expect.objectContaining({
        matchedBy: "organization number",
        differences: expect.arrayContaining([
          { property: "phone", poweroffice: "11111111", webshop: "22222222", winner: "poweroffice" },
        ]),
      }),
    ]);
    const before = {
      po: { customers: world.poweroffice.count("customers"), products: world.poweroffice.count("products") },
      shop: { customers: world.shop.count("customers"), products: world.shop.count("products") },
      poOrders: world.poweroffice.count("salesOrders"),
    };

    await world.ok(PreviewResponseSchema, "POST", API_PATHS.previewStart);
    for (let i = 0; i < 8; i++) await world.cycle();

    const createdInPo =
      world.poweroffice.count("customers") -
      before.po.customers +
      world.poweroffice.count("products") -
      before.po.products +
      world.poweroffice.count("salesOrders") -
      before.poOrders;
    const shopDepartments = world.shop.list("customers").filter((c) => c.kind === "department").length;
    const createdInShop =
      world.shop.count("customers") - before.shop.customers + world.shop.count("products") - before.shop.products;
    expect(createdInPo).toBe(total(ready, "createInPowerOffice"));
    expect(createdInShop).toBe(total(ready, "createInWebshop"));
    expect(shopDepartments).toBe(counts.departments!.createInWebshop);
    const links = await linkRows();
    const creates = total(ready, "createInPowerOffice") + total(ready, "createInWebshop");
    const paired = links.filter((l) => l.poweroffice_id && l.webshop_id && ["linked", "archived"].includes(l.state));
    expect(paired.length - creates).toBe(total(ready, "link"));
    expect(links.filter((l) => l.state === "ambiguous")).toHaveLength(total(ready, "ambiguous"));
    expect(links.filter((l) => l.state === "skipped")).toHaveLength(total(ready, "skip"));
    const fjordPo = world.poweroffice.list("customers").find((c) => c.OrganizationNumber === "952601814");
    const fjordShop = world.shop
      .list("customers")
      .find((c) => c.organization_number?.replace(/\D/g, "") === "952601814");
    expect([fjordPo?.PhoneNumber, fjordShop?.phone]).toEqual(["11111111", "11111111"]);
  });
});
