/**
 * Change detection and the three-way merge, through the planner: echoes, one-sided edits, edits on both sides, each
 * conflict policy (with "empty never beats filled"), manual conflicts and their resolution, direction-limited
 * properties and the first-link rule.
 */
import { describe, expect, it } from "vitest";
import type { ConflictPolicy } from "../../../worker/core/types";
import { poCustomer, poProduct, shopCustomer, shopProduct } from "./fixtures";
import { edit, plan, sync, type World, world } from "./world";

type Json = Record<string, unknown>;

/** A PowerOffice company created in the shop and synced until quiet. */
function linkedCustomer(policy: ConflictPolicy = "newest-wins"): World {
  const w = world("customers", { poweroffice: poCustomer(), webshop: null }, { policy });
  sync(w);
  sync(w);
  expect(plan(w).writes).toEqual([]);
  return w;
}

const summary = (p: ReturnType<typeof plan>) => p.writes.map((x) => [x.side, x.op, x.payload]);

describe("echo and quiet", () => {
  it("a record equal to its snapshot is an echo: nothing is written, nothing is logged", () => {
    const w = linkedCustomer();
    // The shop's webhook for our own write comes back with a new version but the same content.
    edit(w, "webshop", () => {});
    edit(w, "poweroffice", () => {});
    const p = sync(w);
    expect(p.writes).toEqual([]);
    expect(p.activity).toEqual([]);
    expect(p.state).toBe("linked");
  });

  it("normalisation alone is not a change (spacing, org number format, money float artefacts)", () => {
    const w = linkedCustomer();
    edit(w, "poweroffice", (r) => {
      r.Name = "  Fjord Tech AS ";
      r.OrganizationNumber = "987654321";
    });
    expect(sync(w).writes).toEqual([]);
  });
});

describe("one side changed", () => {
  it("a PowerOffice edit is copied to the shop, only the changed fields", () => {
    const w = linkedCustomer();
    edit(w, "poweroffice", (r) => {
      r.PhoneNumber = "+47 99 88 77 66";
      (r.MailAddress as Json).City = "Bergen";
    });
    const p = sync(w);
    expect(summary(p)).toEqual([
      [
        "webshop",
        "update",
        {
          phone: "+47 99 88 77 66",
          billing_address: { line1: "Storgata 1", line2: null, postal_code: "0155", city: "Bergen", country: "NO" },
        },
      ],
    ]);
    expect(p.writes[0]!.changes).toEqual({
      phone: ["+47 22 33 44 55", "+47 99 88 77 66"],
      "billing_address.city": ["Oslo", "Bergen"],
    });
    expect(p.activity.map((a) => [a.action, a.side])).toEqual([["updated", "webshop"]]);
    expect(sync(w).writes).toEqual([]);
  });

  it("a shop edit is copied to PowerOffice (address members patched one by one)", () => {
    const w = linkedCustomer();
    edit(w, "webshop", (r) => {
      r.email = "Ny@FjordTech.no";
      r.billing_address = { ...(r.billing_address as Json), postal_code: "5003" };
    });
    const p = sync(w);
    expect(summary(p)).toEqual([
      ["poweroffice", "update", { EmailAddress: "Ny@FjordTech.no", MailAddress: { ZipCode: "5003" } }],
    ]);
    expect(w.records.poweroffice!.EmailAddress).toBe("Ny@FjordTech.no");
    expect(sync(w).writes).toEqual([]);
  });

  it("a case-only change of an e-mail is a change", () => {
    const w = linkedCustomer();
    edit(w, "webshop", (r) => {
      r.email = "POST@FJORDTECH.NO";
    });
    expect(summary(sync(w))).toEqual([["poweroffice", "update", { EmailAddress: "POST@FJORDTECH.NO" }]]);
  });

  it("different properties changed on both sides merge without a conflict", () => {
    const w = linkedCustomer();
    edit(w, "poweroffice", (r) => {
      r.PhoneNumber = "111";
    });
    edit(w, "webshop", (r) => {
      r.website = "https://ny.no";
    });
    const p = sync(w);
    expect(p.conflicts).toEqual([]);
    expect(summary(p)).toEqual([
      ["poweroffice", "update", { WebsiteUrl: "https://ny.no" }],
      ["webshop", "update", { phone: "111" }],
    ]);
    expect(sync(w).writes).toEqual([]);
  });

  it("the same change on both sides writes nothing", () => {
    const w = linkedCustomer();
    edit(w, "poweroffice", (r) => {
      r.PhoneNumber = "111";
    });
    edit(w, "webshop", (r) => {
      r.phone = " 111 ";
    });
    const p = sync(w);
    expect(p.writes).toEqual([]);
    expect(p.conflicts).toEqual([]);
  });
});

describe("conflicts", () => {
  function bothChangePhone(policy: ConflictPolicy, po: string | null, shop: string | null, shopLater = true) {
    const w = linkedCustomer(policy);
    const first = shopLater ? "poweroffice" : "webshop";
    edit(w, first, (r) => {
      if (first === "poweroffice") r.PhoneNumber = po;
      else r.phone = shop;
    });
    edit(w, shopLater ? "webshop" : "poweroffice", (r) => {
      if (shopLater) r.phone = shop;
      else r.PhoneNumber = po;
    });
    return { w, p: sync(w) };
  }

  it("newest-wins: the later change wins, and the conflict is recorded with both values", () => {
    const { w, p } = bothChangePhone("newest-wins", "111", "222", true);
    expect(summary(p)).toEqual([["poweroffice", "update", { PhoneNumber: "222" }]]);
    expect(p.conflicts).toEqual([
      expect.objectContaining({
        property: "phone",
        base: "+47 22 33 44 55",
        poweroffice: "111",
        webshop: "222",
        winner: "webshop",
        policy: "newest-wins",
      }),
    ]);
    const logged = p.activity.find((a) => a.action === "conflict")!;
    expect(logged.changes).toEqual({ phone: ["111", "222"] });
    expect(logged.message).toMatch(/later/);
    expect(p.state).toBe("linked");
    expect(sync(w).writes).toEqual([]);
  });

  it("newest-wins: PowerOffice later wins too", () => {
    const { p } = bothChangePhone("newest-wins", "111", "222", false);
    expect(summary(p)).toEqual([["webshop", "update", { phone: "111" }]]);
  });

  it("newest-wins: an empty value never beats a filled one, even when it is newer", () => {
    const { w, p } = bothChangePhone("newest-wins", "111", null, true);
    expect(summary(p)).toEqual([["webshop", "update", { phone: "111" }]]);
    expect(p.conflicts[0]).toMatchObject({ winner: "poweroffice" });
    expect(p.conflicts[0]!.reason).toMatch(/empty value never beats a filled one/);
    expect(sync(w).writes).toEqual([]);
  });

  it("poweroffice-wins and webshop-wins ignore time and emptiness", () => {
    expect(summary(bothChangePhone("poweroffice-wins", "111", "222", true).p)).toEqual([
      ["webshop", "update", { phone: "111" }],
    ]);
    expect(summary(bothChangePhone("webshop-wins", "111", null, false).p)).toEqual([
      ["poweroffice", "update", { PhoneNumber: null }],
    ]);
  });

  it("manual: nothing written for that property, other properties still merge, the conflict stays open", () => {
    const w = linkedCustomer("manual");
    edit(w, "poweroffice", (r) => {
      r.PhoneNumber = "111";
      r.WebsiteUrl = "https://po.no";
    });
    edit(w, "webshop", (r) => {
      r.phone = "222";
    });
    const p = sync(w);
    expect(p.state).toBe("conflict");
    expect(summary(p)).toEqual([["webshop", "update", { website: "https://po.no" }]]);
    expect(p.conflicts).toEqual([expect.objectContaining({ property: "phone", winner: null, policy: "manual" })]);
    expect(p.activity.filter((a) => a.action === "conflict")).toHaveLength(1);

    // Seen again (a reconcile pass): still open, nothing written, not logged twice.
    const again = sync(w);
    expect(again.state).toBe("conflict");
    expect(again.writes).toEqual([]);
    expect(again.activity).toEqual([]);

    // The admin picks the shop's value.
    w.resolutions = { phone: "webshop" };
    const resolved = sync(w);
    expect(resolved.state).toBe("linked");
    expect(summary(resolved)).toEqual([["poweroffice", "update", { PhoneNumber: "222" }]]);
    expect(resolved.conflicts[0]).toMatchObject({ winner: "webshop" });
    expect(sync(w).writes).toEqual([]);
  });
});

describe("kinds", () => {
  it("a company that becomes a person and back keeps a company name and never writes an empty one", () => {
    // Found by the convergence property: a company's name must not be expected on a person.
    const w = linkedCustomer("poweroffice-wins");
    edit(w, "webshop", (r) => {
      r.kind = "person";
      r.first_name = "Kari";
      r.last_name = "Nordmann";
    });
    expect(summary(sync(w))).toEqual([
      ["poweroffice", "update", { IsPerson: true, FirstName: "Kari", LastName: "Nordmann" }],
    ]);
    edit(w, "webshop", (r) => {
      r.kind = "company";
    });
    edit(w, "poweroffice", (r) => {
      r.PhoneNumber = null;
    });
    expect(summary(sync(w))).toEqual([
      ["poweroffice", "update", { IsPerson: false, Name: "Fjord Tech AS" }],
      ["webshop", "update", { phone: null }],
    ]);
    expect(sync(w).writes).toEqual([]);
  });
});

describe("direction-limited properties", () => {
  it("a shop edit of a PowerOffice-owned property is not written to PowerOffice; PowerOffice's value is put back", () => {
    const w = linkedCustomer();
    edit(w, "webshop", (r) => {
      r.customer_number = "999";
    });
    const p = sync(w);
    expect(summary(p)).toEqual([["webshop", "update", { customer_number: "10001" }]]);
  });

  it("stock flows from PowerOffice only", () => {
    const w = world("products", { poweroffice: poProduct(), webshop: null });
    sync(w);
    edit(w, "poweroffice", (r) => {
      r.StockAvailable = 3;
    });
    expect(summary(sync(w))).toEqual([["webshop", "update", { stock_quantity: 3 }]]);
    edit(w, "webshop", (r) => {
      r.stock_quantity = 50;
      r.name = "Ny trakter";
    });
    expect(summary(sync(w))).toEqual([
      ["poweroffice", "update", { Name: "Ny trakter" }],
      ["webshop", "update", { stock_quantity: 3 }],
    ]);
  });

  it("an emptied source clears its target; an empty source that did not change leaves a filled target alone", () => {
    const w = world("products", {
      poweroffice: poProduct({ StockAvailable: null, StockOnHand: null }),
      webshop: shopProduct(),
    });
    const first = sync(w);
    // First link: the shop's stock (filled) is not blanked by PowerOffice's empty one.
    expect(first.writes.find((x) => x.side === "webshop")?.payload).not.toHaveProperty("stock_quantity");
    edit(w, "poweroffice", (r) => {
      r.StockAvailable = 5;
    });
    expect(summary(sync(w))).toEqual([["webshop", "update", { stock_quantity: 5 }]]);
    edit(w, "poweroffice", (r) => {
      r.StockAvailable = null;
    });
    expect(summary(sync(w))).toEqual([["webshop", "update", { stock_quantity: null }]]);
  });
});

describe("first link (two existing records matched, no snapshots)", () => {
  it("filled beats empty on both sides; both filled and different: PowerOffice wins; every difference is logged", () => {
    const po = poCustomer({ PhoneNumber: null, WebsiteUrl: "https://po.no", Name: "Fjord Tech AS" });
    const shop = shopCustomer({ phone: "22 22 22 22", website: "https://shop.no", name: "Fjord Tech" });
    const w = world("customers", { poweroffice: po, webshop: shop });
    const p = sync(w);
    expect(summary(p)).toEqual([
      ["poweroffice", "update", { PhoneNumber: "22 22 22 22" }],
      [
        "webshop",
        "update",
        {
          name: "Fjord Tech AS",
          email: "Post@FjordTech.no",
          invoice_email: "faktura@fjordtech.no",
          website: "https://po.no",
          customer_number: "10001",
          external_ids: { poweroffice_customer: "5001" },
        },
      ],
    ]);
    const matched = p.activity.find((a) => a.action === "matched")!;
    expect(Object.keys(matched.changes).sort()).toEqual(
      [
        "customer_number",
        "email",
        "external_ids.poweroffice_customer",
        "invoice_email",
        "name",
        "phone",
        "website",
      ].sort(),
    );
    expect(p.conflicts).toEqual([]);
    expect(p.state).toBe("linked");
    expect(sync(w).writes).toEqual([]);
  });
});
