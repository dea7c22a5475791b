/** Order lines as keyed sub-records: added, removed, changed and moved on either side, and on both at once. */
import { describe, expect, it } from "vitest";
import { poLine, poOrder, shopLine, shopOrder } from "./fixtures";
import { edit, plan, sync, type World, world } from "./world";

type Json = Record<string, unknown>;

/** A PowerOffice order with two lines, created in the shop and synced until quiet. */
function linkedOrder(): World {
  const order = poOrder({
    SalesOrderLines: [
      poLine(1),
      poLine(2, { ProductId: 7002, ProductCode: "SKU-2", Description: "Linje 2", Quantity: 2 }),
    ],
  });
  const w = world("orders", { poweroffice: order, webshop: null });
  sync(w);
  sync(w);
  expect(plan(w).writes).toEqual([]);
  return w;
}

const poLines = (w: World) =>
  [...(w.records.poweroffice!.SalesOrderLines as Json[])].sort((a, b) => Number(a.SortOrder) - Number(b.SortOrder));
const shopLines = (w: World) => w.records.webshop!.lines as Json[];
const describeLines = (w: World) => ({
  poweroffice: poLines(w).map((l) => `${l.Description}×${l.Quantity}`),
  webshop: shopLines(w).map((l) => `${l.description}×${l.quantity}`),
});

function converge(w: World) {
  for (let i = 0; i < 3; i++) sync(w);
  expect(plan(w).writes).toEqual([]);
  // Paired through their ids: every shop line names its PowerOffice line.
  expect(shopLines(w).map((l) => (l.external_ids as Json).poweroffice_sales_order_line)).toEqual(
    poLines(w).map((l) => l.Id),
  );
}

describe("order lines", () => {
  it("a line changed in the shop patches that PowerOffice line only (its fields, and the order's SortOrder)", () => {
    const w = linkedOrder();
    const [first, second] = poLines(w);
    edit(w, "webshop", (r) => {
      (r.lines as Json[])[0]!.quantity = 3;
    });
    const p = sync(w);
    expect(p.writes).toHaveLength(1);
    expect(p.writes[0]!.side).toBe("poweroffice");
    expect(p.writes[0]!.payload).toEqual({
      SalesOrderLines: [
        { Id: first!.Id, Quantity: 3, SortOrder: 1 },
        { Id: second!.Id, SortOrder: 2 },
      ],
    });
    expect(Object.keys(p.writes[0]!.changes)).toEqual([`lines[${first!.Id}]`]);
    converge(w);
  });

  it("a line added in PowerOffice is added in the shop with its PowerOffice id", () => {
    const w = linkedOrder();
    edit(w, "poweroffice", (r) => {
      (r.SalesOrderLines as Json[]).push(poLine(3, { Description: "Linje 3", Quantity: 5 }));
    });
    const p = sync(w);
    const lines = p.writes[0]!.payload.lines as Json[];
    expect(lines).toHaveLength(3);
    expect(lines[2]).toEqual({
      product_id: "p-1",
      sku: "SKU-1",
      description: "Linje 3",
      quantity: 5,
      unit_price: "1199.00",
      discount_percent: 0,
      external_ids: { poweroffice_sales_order_line: poLines(w)[2]!.Id },
    });
    expect(lines[0]).toHaveProperty("id");
    converge(w);
    expect(describeLines(w).webshop).toEqual(["Linje 1×1", "Linje 2×2", "Linje 3×5"]);
  });

  it("a line added in the shop is created in PowerOffice with ws-l-<line id>; the PowerOffice id comes back", () => {
    const w = linkedOrder();
    edit(w, "webshop", (r) => {
      (r.lines as Json[]).splice(1, 0, { ...shopLine("l-new"), description: "Ny", quantity: 4 });
    });
    const p = sync(w);
    const lines = p.writes[0]!.payload.SalesOrderLines as Json[];
    expect(lines[1]).toEqual({
      ExternalImportReference: "ws-l-l-new",
      ProductId: 7001,
      Description: "Ny",
      Quantity: 4,
      ProductUnitPrice: 1199,
      Allowance: 0,
      SortOrder: 2,
    });
    expect(lines[2]).toMatchObject({ SortOrder: 3 });
    // The next sync writes the new PowerOffice line's id onto the shop line; then all is quiet.
    const back = sync(w);
    expect(back.writes.map((x) => x.side)).toEqual(["webshop"]);
    converge(w);
    expect(describeLines(w)).toEqual({
      poweroffice: ["Linje 1×1", "Ny×4", "Linje 2×2"],
      webshop: ["Linje 1×1", "Ny×4", "Linje 2×2"],
    });
  });

  it("a line removed on one side is removed on the other", () => {
    const w = linkedOrder();
    const kept = poLines(w)[1]!.Id;
    edit(w, "webshop", (r) => {
      (r.lines as Json[]).shift();
    });
    const p = sync(w);
    expect((p.writes[0]!.payload.SalesOrderLines as Json[]).map((l) => l.Id)).toEqual([kept]);
    expect(p.activity[0]!.message).toMatch(/line .* removed in the webshop/);
    converge(w);
    expect(describeLines(w).poweroffice).toEqual(["Linje 2×2"]);

    edit(w, "poweroffice", (r) => {
      r.SalesOrderLines = [];
    });
    expect(sync(w).writes[0]!.payload).toEqual({ lines: [] });
    converge(w);
  });

  it("lines moved in the shop are moved in PowerOffice (SortOrder), and the other way round", () => {
    const w = linkedOrder();
    edit(w, "webshop", (r) => {
      (r.lines as Json[]).reverse();
    });
    sync(w);
    expect(describeLines(w).poweroffice).toEqual(["Linje 2×2", "Linje 1×1"]);
    converge(w);
    edit(w, "poweroffice", (r) => {
      const [a, b] = r.SalesOrderLines as Json[];
      [a!.SortOrder, b!.SortOrder] = [b!.SortOrder, a!.SortOrder];
    });
    sync(w);
    expect(describeLines(w).webshop).toEqual(["Linje 1×1", "Linje 2×2"]);
    converge(w);
  });

  it("PowerOffice SortOrders with gaps are positions in order; moving a line rewrites them all in order", () => {
    const w = linkedOrder();
    edit(w, "poweroffice", (r) => {
      const lines = r.SalesOrderLines as Json[];
      lines[0]!.SortOrder = 10;
      lines[1]!.SortOrder = 20;
      lines.push(poLine(3, { Description: "Linje 3", SortOrder: 30 }));
    });
    sync(w);
    converge(w);
    edit(w, "webshop", (r) => {
      const lines = r.lines as Json[];
      r.lines = [lines[2], lines[1], lines[0]];
    });
    sync(w);
    expect(poLines(w).map((l) => [l.Description, l.SortOrder])).toEqual([
      ["Linje 3", 1],
      ["Linje 2", 2],
      ["Linje 1", 3],
    ]);
    converge(w);
  });

  it("a line added in PowerOffice while the shop removed another: both happen", () => {
    const w = linkedOrder();
    edit(w, "poweroffice", (r) => {
      (r.SalesOrderLines as Json[]).push(poLine(3, { Description: "Linje 3" }));
    });
    edit(w, "webshop", (r) => {
      (r.lines as Json[]).shift();
    });
    sync(w);
    converge(w);
    expect(describeLines(w)).toEqual({ poweroffice: ["Linje 2×2", "Linje 3×1"], webshop: ["Linje 2×2", "Linje 3×1"] });
  });

  it("the same line's quantity changed on both sides is a conflict decided by the policy", () => {
    const w = linkedOrder();
    edit(w, "poweroffice", (r) => {
      (r.SalesOrderLines as Json[])[0]!.Quantity = 7;
    });
    edit(w, "webshop", (r) => {
      (r.lines as Json[])[0]!.quantity = 9;
    });
    const p = sync(w);
    const shopLineId = shopLines(w)[0]!.id;
    expect(p.conflicts).toEqual([
      expect.objectContaining({
        property: `lines[${shopLineId}].quantity`,
        poweroffice: 7,
        webshop: 9,
        winner: "webshop",
      }),
    ]);
    converge(w);
    expect(describeLines(w).poweroffice[0]).toBe("Linje 1×9");
  });

  it("manual: a line's conflict waits for the admin, who resolves it by the name the conflict gives", () => {
    const w = linkedOrder();
    w.policy = "manual";
    edit(w, "poweroffice", (r) => {
      (r.SalesOrderLines as Json[])[0]!.Quantity = 7;
    });
    edit(w, "webshop", (r) => {
      (r.lines as Json[])[0]!.quantity = 9;
      (r.lines as Json[])[1]!.description = "Endret";
    });
    const p = sync(w);
    expect(p.state).toBe("conflict");
    const property = p.conflicts[0]!.property;
    expect(property).toBe(`lines[${shopLines(w)[0]!.id}].quantity`);
    expect(describeLines(w)).toEqual({ poweroffice: ["Linje 1×7", "Endret×2"], webshop: ["Linje 1×9", "Endret×2"] });
    expect(sync(w).state).toBe("conflict");
    w.resolutions = { [property]: "poweroffice" };
    expect(sync(w).state).toBe("linked");
    converge(w);
    expect(describeLines(w).webshop[0]).toBe("Linje 1×7");
  });

  it("a line whose product cannot be resolved puts the order in the error state, in words", () => {
    const w = linkedOrder();
    edit(w, "poweroffice", (r) => {
      (r.SalesOrderLines as Json[]).push(poLine(3, { ProductId: 7999, ProductCode: "GHOST" }));
    });
    const p = plan(w);
    expect(p.state).toBe("error");
    expect(p.writes).toEqual([]);
    expect(p.error).toMatchObject({ code: "unresolved-reference", side: "poweroffice" });
    expect(p.error!.message).toContain("PowerOffice product 7999");
    expect(p.activity.map((a) => a.action)).toEqual(["error"]);
  });

  it("a text line (no product) syncs as a line without product", () => {
    const w = linkedOrder();
    edit(w, "webshop", (r) => {
      (r.lines as Json[]).push(
        shopLine("l-text", { product_id: null, sku: null, description: "Frakt", unit_price: "99.00" }),
      );
    });
    const p = sync(w);
    expect((p.writes[0]!.payload.SalesOrderLines as Json[])[2]).toMatchObject({
      ExternalImportReference: "ws-l-l-text",
      Description: "Frakt",
    });
    expect((p.writes[0]!.payload.SalesOrderLines as Json[])[2]).not.toHaveProperty("ProductId");
    converge(w);
  });

  it("a shop order's lines with the same content on both sides at first link are paired, not duplicated", () => {
    const po = poOrder({ ExternalImportReference: "ws-o-o-1001" });
    const shop = shopOrder({ lines: [shopLine("l-1", { description: "Linje 1" })] });
    const w = world("orders", { poweroffice: po, webshop: shop });
    sync(w);
    converge(w);
    expect(poLines(w)).toHaveLength(1);
    expect(shopLines(w)).toHaveLength(1);
  });
});
