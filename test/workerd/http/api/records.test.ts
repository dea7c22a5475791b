/**
 * Reading records: the list with its filters, search and paging; one record with both sides' values read now, the
 * properties that differ and its history; a shop record by its own id, linked or not.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { API_PATHS } from "../../../../shared/api/paths";
import {
  RecordResponseSchema,
  type RecordSummary,
  RecordsListResponseSchema,
  WebshopRecordStatusSchema,
} from "../../../../shared/api/records";
import { linkRows } from "../../jobs/tables";
import { type ApiWorld, createApiWorld } from "./api-world";

let world: ApiWorld;
beforeAll(async () => {
  world = await createApiWorld();
  const po = world.poweroffice;
  for (let n = 1; n <= 7; n++) po.seed.product({ Code: `VARE-${n}`, Name: `Vare ${n}`, UnitPrice: 100 + n });
  po.seed.customer({
    IsPerson: false,
    Name: "Fjord Fisk AS",
    OrganizationNumber: "952601814",
    EmailAddress: "post@fjordfisk.no",
  });
  world.shop.seed.product({ sku: "KAFFE-1", name: "Kaffe Sumatra", price: "149.00" });
  for (let i = 0; i < 4; i++) await world.cycle();
});

const list = (query: string) =>
  world.ok(RecordsListResponseSchema, "GET", `${API_PATHS.records}${query}`, { token: "read" });

async function allPages(query: string, limit: number): Promise<RecordSummary[]> {
  const found: RecordSummary[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const answer = await list(`?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(answer.data.length).toBeLessThanOrEqual(limit);
    found.push(...answer.data);
    cursor = answer.nextCursor;
    if (cursor === null) return found;
  }
  throw new Error("paging did not end");
}

describe("GET /api/records", () => {
  it("lists every link, oldest first, in pages that follow on without gaps or repeats", async () => {
    const everything = await allPages("", 3);
    const rows = await linkRows();
    expect(everything.map((r) => r.linkId)).toEqual(rows.map((r) => r.id));
    expect((await list("")).data).toHaveLength(rows.length); // the default limit (25) holds all 9
  });

  it("filters by dataflow and state, and searches names, SKUs and org numbers", async () => {
    const products = await allPages("dataflow=products", 2);
    expect(products).toHaveLength(8);
    expect(products.every((r) => r.dataflow === "products" && r.state === "linked")).toBe(true);
    expect((await list("?dataflow=products&state=error")).data).toEqual([]);

    const kaffe = (await list("?q=kaffe")).data;
    expect(kaffe).toHaveLength(1);
    expect(kaffe[0]).toMatchObject({ dataflow: "products", label: "Kaffe Sumatra", powerofficeNumber: "KAFFE-1" });
    const byOrg = (await list("?q=952601814")).data;
    expect(byOrg.map((r) => [r.dataflow, r.label])).toEqual([["customers", "Fjord Fisk AS"]]);
    expect((await list("?q=vare-7&dataflow=customers")).data).toEqual([]);
  });

  it("refuses a query it does not understand, saying which parameter", async () => {
    expect((await world.refused("invalid_request", "GET", `${API_PATHS.records}?state=happy`)).message).toMatch(
      /state/,
    );
    expect((await world.refused("invalid_request", "GET", `${API_PATHS.records}?limit=1000`)).message).toMatch(
      /limit must be at most 100/,
    );
    await world.refused("invalid_request", "GET", `${API_PATHS.records}?cursor=abc`);
  });
});

describe("GET /api/records/:linkId", () => {
  it("shows both sides read now, the properties that differ, and the record's history", async () => {
    const product = world.poweroffice.list("products").find((p) => p.Code === "VARE-3")!;
    const link = (await linkRows("products")).find((l) => l.poweroffice_id === String(product.Id))!;
    const before = await world.ok(RecordResponseSchema, "GET", API_PATHS.record(link.id), { token: "read" });
    expect(before.record.values.source).toEqual({ poweroffice: "live", webshop: "live" });
    expect(before.record.differences).toEqual([]);
    expect(before.record.properties.find((p) => p.property === "name")).toEqual({
      property: "name",
      poweroffice: "Vare 3",
      webshop: "Vare 3",
      differs: false,
    });
    expect(before.record.history.map((h) => h.action)).toContain("created");
    expect(before.record.history.every((h) => h.linkId === link.id)).toBe(true);

    // Edited in PowerOffice, not synced yet: the detail shows the difference before the cron does anything.
    world.poweroffice.edit("products", product.Id, { Name: "Vare 3 ny", UnitPrice: 999 });
    const after = await world.ok(RecordResponseSchema, "GET", API_PATHS.record(link.id), { token: "read" });
    expect(after.record.differences.sort()).toEqual(["name", "price"]);
    expect(after.record.properties.find((p) => p.property === "price")).toMatchObject({
      poweroffice: "999.00",
      webshop: "103.00",
      differs: true,
    });
  });

  it("falls back to the last sync's snapshot, in words, when a side cannot be read", async () => {
    const link = (await linkRows("products"))[0]!;
    world.shop.faults.add({ kind: "status", status: 500, method: "GET", times: 10 });
    const detail = await world.ok(RecordResponseSchema, "GET", API_PATHS.record(link.id), { token: "read" });
    world.shop.faults.clear();
    expect(detail.record.values.source).toEqual({ poweroffice: "live", webshop: "snapshot" });
    expect(detail.record.values.problems).toEqual([expect.stringMatching(/^The webshop could not be read now: /)]);
  });

  it("answers 404 link_not_found for a link that does not exist, 400 for one that cannot", async () => {
    await world.refused("link_not_found", "GET", API_PATHS.record(999_999));
    await world.refused("invalid_request", "GET", "/api/records/abc");
  });
});

describe("GET /api/records/by-webshop/:resource/:id", () => {
  it("gives a linked shop record with its PowerOffice id and number", async () => {
    const shopProduct = world.shop.list("products").find((p) => p.sku === "KAFFE-1")!;
    const answer = await world.ok(
      WebshopRecordStatusSchema,
      "GET",
      API_PATHS.webshopRecord("products", shopProduct.id),
      {
        token: "read",
      },
    );
    const poProduct = world.poweroffice.list("products").find((p) => p.Code === "KAFFE-1")!;
    expect(answer).toMatchObject({ resource: "products", id: shopProduct.id, dataflow: "products", state: "linked" });
    expect(answer.record).toMatchObject({ ids: { poweroffice: String(poProduct.Id) }, powerofficeNumber: "KAFFE-1" });
  });

  it("answers 200 with state unlinked for a shop record the sync has no link for", async () => {
    const answer = await world.ok(WebshopRecordStatusSchema, "GET", API_PATHS.webshopRecord("orders", "ord_nope"), {
      token: "read",
    });
    expect(answer).toEqual({
      resource: "orders",
      id: "ord_nope",
      dataflow: null,
      state: "unlinked",
      record: null,
      message: null,
      lastAdminAction: null,
    });
    await world.refused("invalid_request", "GET", "/api/records/by-webshop/invoices/1");
  });
});
