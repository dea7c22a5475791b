/** What to store after a write: the side's answer for what was written, the plan's snapshot for the rest. */
import { describe, expect, it } from "vitest";
import { snapshotAfterWrite } from "../../../worker/sync";
import { poCustomer } from "./fixtures";
import { applyPowerOffice } from "./sides";
import { edit, plan, sync, type World, world } from "./world";

type Json = Record<string, unknown>;

function linkedCustomer(policy: World["policy"]): World {
  const w = world("customers", { poweroffice: poCustomer(), webshop: null }, { policy });
  sync(w);
  sync(w);
  return w;
}

/** Like world.sync, but stores for each written side what snapshotAfterWrite makes of its answer. */
function syncSettled(w: World, meanwhile?: (raw: Json) => void) {
  const p = plan(w);
  for (const write of p.writes) {
    if (write.side !== "poweroffice") throw new Error("this test writes PowerOffice only");
    let answer = applyPowerOffice("customers", write, w.records.poweroffice, w.now);
    // Someone edits PowerOffice between our read and our PATCH: the answer carries their change too.
    if (meanwhile) {
      answer = { ...answer };
      meanwhile(answer);
    }
    w.records.poweroffice = answer;
  }
  const answer = w.records.poweroffice;
  w.link = {
    ...w.link!,
    state: p.state,
    snapshots: {
      webshop: p.snapshots.webshop,
      poweroffice: snapshotAfterWrite(
        "customers",
        "poweroffice",
        p.snapshots.poweroffice,
        p.writes,
        answer,
        w.resolver,
      ),
    },
    openConflicts: p.conflicts.filter((c) => c.winner === null),
  };
  return p;
}

describe("snapshotAfterWrite", () => {
  it("a change made in PowerOffice while we wrote is not swallowed: the next plan copies it to the shop", () => {
    const w = linkedCustomer("newest-wins");
    edit(w, "webshop", (r) => {
      r.phone = "111";
    });
    syncSettled(w, (answer) => {
      answer.WebsiteUrl = "https://meanwhile.no";
    });
    expect(plan(w).writes.map((x) => [x.side, x.payload])).toEqual([["webshop", { website: "https://meanwhile.no" }]]);
  });

  it("a manual conflict stays open when the same side is written for another property", () => {
    const w = linkedCustomer("manual");
    edit(w, "poweroffice", (r) => {
      r.PhoneNumber = "111";
    });
    edit(w, "webshop", (r) => {
      r.phone = "222";
      r.website = "https://shop.no";
    });
    const first = syncSettled(w);
    expect(first.state).toBe("conflict");
    expect(first.writes.map((x) => [x.side, x.payload])).toEqual([["poweroffice", { WebsiteUrl: "https://shop.no" }]]);
    const again = plan(w);
    expect(again.state).toBe("conflict");
    expect(again.writes).toEqual([]);
  });

  it("what was written is taken from the answer (PowerOffice's own spelling of it)", () => {
    const w = linkedCustomer("newest-wins");
    edit(w, "webshop", (r) => {
      r.phone = "111";
    });
    syncSettled(w, (answer) => {
      answer.PhoneNumber = "+47 111";
    });
    expect(w.link!.snapshots.poweroffice!.phone).toBe("+47 111");
  });

  it("after a create, the answer is the snapshot (ids and numbers the side assigned)", () => {
    const raw = poCustomer();
    const snapshot = snapshotAfterWrite(
      "customers",
      "poweroffice",
      { phone: "x" },
      [{ side: "poweroffice", op: "create", payload: {}, changes: {} }],
      raw,
      world("customers", { poweroffice: null, webshop: null }).resolver,
    );
    expect(snapshot["external_ids.poweroffice_customer"]).toBe("5001");
    expect(snapshot.customer_number).toBe("10001");
  });
});
