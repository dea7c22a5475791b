/** The planner's lifecycle: skipped at first sight, archive both ways, deletes, invoiced and cancelled orders, errors. */
import { describe, expect, it } from "vitest";
import { dependenciesOf } from "../../../worker/core/canonical";
import { planSync } from "../../../worker/core/plan";
import type { LinkResolver } from "../../../worker/core/ports";
import {
  link,
  poCustomer,
  poDepartment,
  poOrder,
  poProduct,
  RESOLVER,
  shopCustomer,
  shopOrder,
  sideRecord,
} from "./fixtures";
import { edit, plan, sync, type World, world } from "./world";

type Json = Record<string, unknown>;

function linked(w: World): World {
  sync(w);
  sync(w);
  expect(plan(w).writes).toEqual([]);
  return w;
}

describe("archived at first sight", () => {
  it("an archived record with no partner is skipped, logged once", () => {
    const w = world("customers", { poweroffice: poCustomer({ IsArchived: true }), webshop: null });
    const p = sync(w);
    expect(p.state).toBe("skipped");
    expect(p.writes).toEqual([]);
    expect(p.activity.map((a) => a.action)).toEqual(["skipped"]);
    expect(p.activity[0]!.message).toMatch(/already archived .* not created in the webshop/);
    expect(sync(w).activity).toEqual([]);
  });

  it("a skipped record that is unarchived later is created", () => {
    const w = world("products", { poweroffice: null, webshop: null });
    w.records.webshop = {
      ...(linked(world("products", { poweroffice: poProduct(), webshop: null })).records.webshop as Json),
      active: false,
    };
    expect(sync(w).state).toBe("skipped");
    edit(w, "webshop", (r) => {
      r.active = true;
    });
    const p = sync(w);
    expect(p.writes.map((x) => [x.side, x.op])).toEqual([["poweroffice", "create"]]);
  });

  it("an inactive department and a cancelled or invoiced shop order are skipped too", () => {
    expect(sync(world("departments", { poweroffice: poDepartment({ IsActive: false }), webshop: null })).state).toBe(
      "skipped",
    );
    expect(sync(world("orders", { poweroffice: null, webshop: shopOrder({ status: "cancelled" }) })).state).toBe(
      "skipped",
    );
    expect(sync(world("orders", { poweroffice: null, webshop: shopOrder({ status: "invoiced" }) })).state).toBe(
      "skipped",
    );
  });

  it("a pending link (a create may already have gone out) repeats the create even if the record was archived since", () => {
    const raw = shopCustomer({ active: false });
    const p = planSync({
      dataflow: "customers",
      link: link("customers", {
        state: "pending",
        reference: "ws-c-c-17",
        ids: { poweroffice: null, webshop: "c-17" },
      }),
      records: { poweroffice: null, webshop: sideRecord("webshop", raw) },
      policy: "newest-wins",
      resolver: RESOLVER,
      now: 0,
    });
    expect(p.writes.map((x) => [x.op, x.reference, x.payload.IsArchived])).toEqual([["create", "ws-c-c-17", true]]);
  });
});

describe("archiving propagates", () => {
  it("archived in the shop → archived in PowerOffice (after the other changes), link archived", () => {
    const w = linked(world("customers", { poweroffice: poCustomer(), webshop: null }));
    edit(w, "webshop", (r) => {
      r.active = false;
      r.phone = "123";
    });
    const p = sync(w);
    expect(p.writes.map((x) => [x.side, x.op, x.payload])).toEqual([
      ["poweroffice", "update", { PhoneNumber: "123" }],
      ["poweroffice", "archive", { IsArchived: true }],
    ]);
    expect(p.state).toBe("archived");
    expect(w.records.poweroffice!.IsArchived).toBe(true);
    expect(sync(w).writes).toEqual([]);

    edit(w, "poweroffice", (r) => {
      r.IsArchived = false;
    });
    const back = sync(w);
    expect(back.writes.map((x) => [x.side, x.op, x.payload])).toEqual([["webshop", "update", { active: true }]]);
    expect(back.state).toBe("linked");
  });

  it("a department deactivated in PowerOffice is deactivated in the shop", () => {
    const w = linked(world("departments", { poweroffice: poDepartment(), webshop: null }));
    edit(w, "poweroffice", (r) => {
      r.IsActive = false;
    });
    const p = sync(w);
    expect(p.writes.map((x) => [x.side, x.op, x.payload])).toEqual([["webshop", "archive", { active: false }]]);
    expect(w.records.webshop!.active).toBe(false);
  });

  it("a record deleted in the shop is archived in PowerOffice, once", () => {
    const w = linked(world("products", { poweroffice: poProduct(), webshop: null }));
    const before = w.link!.snapshots.webshop;
    w.records.webshop = null;
    const p = sync(w);
    expect(p.writes.map((x) => [x.side, x.op, x.payload])).toEqual([["poweroffice", "archive", { IsArchived: true }]]);
    expect(p.state).toBe("archived");
    expect(p.snapshots.webshop).toEqual(before);
    expect(p.activity[0]!.message).toMatch(/deleted: the PowerOffice product .* archived/);
    edit(w, "poweroffice", (r) => {
      r.IsArchived = false;
    });
    expect(sync(w).writes).toEqual([]);
  });

  it("a record deleted in PowerOffice is archived in the shop", () => {
    const w = linked(world("customers", { poweroffice: poCustomer(), webshop: null }));
    w.records.poweroffice = null;
    const p = sync(w);
    expect(p.writes.map((x) => [x.side, x.op])).toEqual([["webshop", "archive"]]);
  });
});

describe("orders' lifecycle", () => {
  it("an order gone from PowerOffice's sales orders becomes invoiced in the shop", () => {
    const w = linked(world("orders", { poweroffice: poOrder(), webshop: null }));
    w.records.poweroffice = null;
    const p = sync(w);
    expect(p.writes.map((x) => [x.side, x.op, x.payload])).toEqual([["webshop", "update", { status: "invoiced" }]]);
    expect(p.state).toBe("archived");
    expect(p.activity.map((a) => a.action)).toEqual(["invoiced"]);
    expect(w.records.webshop!.status).toBe("invoiced");
    expect(sync(w).writes).toEqual([]);
  });

  it("a cancelled shop order is not deleted in PowerOffice: the link is flagged in words, once", () => {
    const w = linked(world("orders", { poweroffice: poOrder(), webshop: null }));
    edit(w, "webshop", (r) => {
      r.status = "cancelled";
    });
    const p = sync(w);
    expect(p.writes).toEqual([]);
    expect(p.state).toBe("error");
    expect(p.error).toMatchObject({ code: "order-cancelled-in-shop", side: "webshop" });
    expect(p.error!.message).toMatch(
      /PowerOffice sales order 90001 is not deleted by the sync: delete or credit it there/,
    );
    expect(p.activity.map((a) => a.action)).toEqual(["error"]);
    const again = sync(w);
    expect(again.state).toBe("error");
    expect(again.activity).toEqual([]);
  });

  it("a shop order deleted in the shop is flagged the same way", () => {
    const w = linked(world("orders", { poweroffice: poOrder(), webshop: null }));
    w.records.webshop = null;
    const p = sync(w);
    expect(p.writes).toEqual([]);
    expect(p.error).toMatchObject({ code: "order-deleted-in-shop" });
  });

  it("a PowerOffice order read without its lines (a feed header) is refused rather than read as 'no lines'", () => {
    const { SalesOrderLines: _, ...header } = poOrder();
    const p = sync(world("orders", { poweroffice: header as Json, webshop: null }));
    expect(p.error).toMatchObject({ code: "lines-missing" });
    expect(p.writes).toEqual([]);
  });

  it("totals that differ beyond rounding are flagged, not written", () => {
    const w = linked(world("orders", { poweroffice: poOrder(), webshop: null }));
    edit(w, "poweroffice", (r) => {
      r.NetAmount = 1250;
      r.TotalAmount = 1562.5;
    });
    const p = sync(w);
    expect(p.writes).toEqual([]);
    expect(p.activity.map((a) => a.action)).toEqual(["flagged"]);
    expect(p.activity[0]!.changes).toEqual({
      total_excl_vat: ["1250.00", "1199.00"],
      total_incl_vat: ["1562.50", "1498.75"],
    });
    expect(sync(w).activity).toEqual([]);
    edit(w, "poweroffice", (r) => {
      r.NetAmount = 1199.01;
      r.TotalAmount = 1498.76;
    });
    expect(sync(w).activity).toEqual([]);
  });
});

describe("dependencies", () => {
  it("an order's unlinked customer and products are its dependencies", () => {
    const order = poOrder({ CustomerId: 5009 });
    (order.SalesOrderLines![0] as Json).ProductId = 7005;
    expect(dependenciesOf("orders", "poweroffice", order, RESOLVER)).toEqual([
      { dataflow: "customers", side: "poweroffice", id: "5009" },
      { dataflow: "products", side: "poweroffice", id: "7005" },
    ]);
    expect(dependenciesOf("orders", "poweroffice", poOrder(), RESOLVER)).toEqual([]);
    expect(dependenciesOf("orders", "webshop", shopOrder({ customer_id: "c-99" }), RESOLVER)).toEqual([
      { dataflow: "customers", side: "webshop", id: "c-99" },
    ]);
    const p = sync(world("orders", { poweroffice: order, webshop: null }));
    expect(p.state).toBe("error");
    expect(p.error!.message).toContain("PowerOffice customer 5009");
  });

  it("a cancelled shop order is skipped at first sight without asking for its customer or products", () => {
    const order = shopOrder({ status: "cancelled", customer_id: "c-99" });
    expect(dependenciesOf("orders", "webshop", order, RESOLVER)).toEqual([]);
    const p = sync(world("orders", { poweroffice: null, webshop: order }));
    expect(p.state).toBe("skipped");
    expect(p.error).toBeNull();
  });

  it("a linked customer that has no record on the target side yet makes the order wait", () => {
    const resolver: LinkResolver = {
      linkIdOf: (dataflow, _side, id) => `link:${dataflow}:${id}`,
      sideIdOf: (ref, side) => (ref === "link:customers:5001" && side === "webshop" ? null : ref.split(":")[2]!),
    };
    const p = sync(world("orders", { poweroffice: poOrder(), webshop: null }, { resolver }));
    expect(p.state).toBe("error");
    expect(p.error).toMatchObject({ code: "dependency-pending" });
    expect(p.error!.message).toContain("the customer link:customers:5001 has no record in the webshop yet");
  });
});

describe("activity", () => {
  it("entries carry the planner's time and the link", () => {
    const w = linked(world("customers", { poweroffice: poCustomer(), webshop: null }));
    edit(w, "poweroffice", (r) => {
      r.Name = "Nytt navn AS";
    });
    const p = plan(w);
    expect(p.activity).toEqual([
      expect.objectContaining({
        at: new Date(w.now).toISOString(),
        dataflow: "customers",
        linkId: 1,
        side: "webshop",
        action: "updated",
        changes: { name: ["Fjord Tech AS", "Nytt navn AS"] },
      }),
    ]);
  });
});
